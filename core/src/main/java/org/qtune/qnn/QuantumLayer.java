package org.qtune.qnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.ParameterSplit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.ansatz.DataReuploading;
import org.qtune.grad.ShiftPlan;
import org.qtune.sim.batch.BatchAdjoint;
import org.qtune.sim.batch.BatchGradient;
import org.qtune.sim.batch.BatchParameters;
import org.qtune.sim.batch.BatchProgram;
import org.qtune.sim.batch.BatchState;
import org.qtune.sim.batch.QthaTiles;

/**
 * A quantum layer: {@code forward(inputs[B][k]) -> outputs[B][m]} runs a circuit template whose input
 * parameters take each row's values (per-member angles) and whose other parameters are the layer's
 * trainable weights (shared by the batch), reading out m observables (default: Z on every qubit);
 * {@code backward(upstream[B][m])} returns dL/dinputs per row and dL/dweights summed over the batch,
 * from the last forward's states, in one batched adjoint sweep. The circuit is compiled once; the
 * batch's states and the adjoint's workspace are kept and reused while the batch size stays the same
 * (only the returned arrays are new). Thread-parallel across member blocks.
 *
 * <p>What a device could run instead: {@link #forward(double[][], int, long)} estimates the outputs
 * from a number of shots per row (Z-type readouts, read from the same shots), and
 * {@link #parameterShiftBackward} takes the gradients by the parameter-shift rule (two shifted
 * circuits per gate argument, four for a controlled rotation), each shifted circuit run for the whole
 * batch at once, exactly or from shots.
 *
 * <p>The QTHA layers ({@link #qtha}, {@link #qthaWithoutEntanglement}) run their exact forward and
 * backward on {@link QthaTiles}, a path made for that circuit (the same numbers to rounding); shots
 * and the parameter shift run on the general program.
 */
public final class QuantumLayer implements AutoCloseable {
    private final Circuit circuit;
    private final int[] inputIndex;
    private final int[] weightIndex;
    private final List<String> weightNames;
    private final List<PauliString> readouts;
    private final BatchProgram program;
    private final BatchAdjoint adjoint;
    private final double[] weights;
    private BatchParameters params;
    private BatchState state;
    private BatchState work;
    private boolean haveForward;
    /** The last forward's rows, for the parameter-shift backward. */
    private double[][] lastInputs;
    /** For the parameter-shift backward: the circuit with one argument per gate argument, all per-member. */
    private ShiftPlan shiftPlan;
    private BatchProgram shiftProgram;
    /** For the QTHA circuits: the path made for their gate set, which runs the exact forward and backward. */
    private QthaTiles tiles;
    /** Whether the last forward ran on {@link #tiles}. */
    private boolean lastOnTiles;

    /** The gradients of one backward call. */
    public record Gradients(double[][] inputs, double[] weights) {
    }

    public QuantumLayer(Circuit template, List<String> inputs, List<PauliString> readouts, int threads) {
        ParameterSplit split = ParameterSplit.of(template, inputs);
        if (readouts.isEmpty()) {
            throw new IllegalArgumentException("a layer needs at least one readout");
        }
        for (PauliString r : readouts) {
            if (((r.xMask() | r.zMask()) >>> template.numQubits()) != 0) {
                throw new IllegalArgumentException("a readout acts outside the " + template.numQubits() + "-qubit circuit");
            }
        }
        this.circuit = template;
        this.inputIndex = split.inputIndex();
        this.weightIndex = split.weightIndex();
        this.weightNames = split.weightNames();
        this.readouts = List.copyOf(readouts);
        this.program = BatchProgram.compile(template, inputs, 4, threads);
        this.adjoint = new BatchAdjoint(program);
        this.weights = new double[weightIndex.length];
    }

    /** Z on every qubit. */
    public static List<PauliString> zReadouts(int n) {
        List<PauliString> r = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            r.add(new PauliString(0, 1L << q));
        }
        return r;
    }

    /**
     * A layer over the QTHA angle-encoding data re-uploading ansatz on n qubits
     * ({@link DataReuploading#qtha}: per layer RY(x_i) on every qubit, a ring of CRZ(w), RY(theta) on
     * every qubit, the ring reversed, RY(theta') on every qubit); inputs x0..x{n-1}, readout Z on
     * every qubit. 4n weights per layer.
     */
    public static QuantumLayer qtha(int n, int layers, int threads) {
        return new QuantumLayer(DataReuploading.qtha(n, layers), DataReuploading.inputs(n), zReadouts(n), threads)
                .onTiles(n, layers, true, threads);
    }

    /** {@link #qtha} without its CRZ rings (QTHA's no-entanglement ablation): 2n weights per layer. */
    public static QuantumLayer qthaWithoutEntanglement(int n, int layers, int threads) {
        return new QuantumLayer(DataReuploading.qtha(n, layers, false), DataReuploading.inputs(n), zReadouts(n),
                threads).onTiles(n, layers, false, threads);
    }

    /**
     * Runs the exact forward and backward of a QTHA circuit on {@link QthaTiles} (the same numbers to
     * rounding, 2-3x faster at 6-8 qubits); shots and parameter shift stay on the general program.
     */
    private QuantumLayer onTiles(int n, int layers, boolean entangle, int threads) {
        if (n <= QthaTiles.MAX_QUBITS) {
            tiles = new QthaTiles(n, layers, entangle, weightNames, threads);
        }
        return this;
    }

    /**
     * A layer over a hardware-efficient ansatz with data re-uploading on n qubits
     * ({@link DataReuploading#hardwareEfficient}: per layer RY(x_i), RY(w) and RZ(w) on every qubit, a
     * CZ ring); inputs x0..x{n-1}, readout Z on every qubit. 2n weights per layer.
     */
    public static QuantumLayer hardwareEfficient(int n, int layers, int threads) {
        return new QuantumLayer(DataReuploading.hardwareEfficient(n, layers), DataReuploading.inputs(n), zReadouts(n),
                threads);
    }

    public Circuit circuit() {
        return circuit;
    }

    public int inputSize() {
        return inputIndex.length;
    }

    public int outputSize() {
        return readouts.size();
    }

    public List<String> weightNames() {
        return List.copyOf(weightNames);
    }

    public double[] weights() {
        return weights.clone();
    }

    public void setWeights(double[] w) {
        if (w.length != weights.length) {
            throw new IllegalArgumentException("the layer has " + weights.length + " weights, got " + w.length);
        }
        System.arraycopy(w, 0, weights, 0, w.length);
        if (tiles != null) {
            tiles.setWeights(w);
        }
        haveForward = false;
    }

    /** Outputs [B][m] for inputs [B][k]. */
    public double[][] forward(double[][] inputs) {
        return forward(inputs, 0, 0);
    }

    /**
     * Outputs [B][m] for inputs [B][k]: exact with {@code shots} 0, otherwise each row's estimate
     * from that many measurements in the computational basis (seeded; readouts must be Z-type).
     */
    public double[][] forward(double[][] inputs, int shots, long seed) {
        if (tiles != null && shots == 0) {
            double[][] out = tiles.forward(inputs);
            lastInputs = inputs.clone();
            haveForward = true;
            lastOnTiles = true;
            return out;
        }
        lastOnTiles = false;
        runBatch(inputs);
        lastInputs = inputs.clone();
        haveForward = true;
        return shots == 0 ? readOut(state) : transpose(state.sampledZ(zMasks(), shots, seed), inputs.length);
    }

    private void runBatch(double[][] inputs) {
        int batch = inputs.length;
        if (batch == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        if (params == null || params.batch() != batch) {
            params = new BatchParameters(batch, circuit.numParameters());
            state = BatchState.zero(circuit.numQubits(), batch);
            work = BatchState.zero(circuit.numQubits(), batch);
        }
        double[] column = new double[batch];
        for (int i = 0; i < inputIndex.length; i++) {
            for (int b = 0; b < batch; b++) {
                if (inputs[b].length != inputIndex.length) {
                    throw new IllegalArgumentException("row " + b + " has " + inputs[b].length + " inputs, the layer takes "
                            + inputIndex.length);
                }
                column[b] = inputs[b][i];
            }
            params.perMember(inputIndex[i], column);
        }
        for (int j = 0; j < weightIndex.length; j++) {
            params.shared(weightIndex[j], weights[j]);
        }
        program.run(params, state);
    }

    private double[][] readOut(BatchState s) {
        double[][] out = new double[s.batch()][readouts.size()];
        for (int j = 0; j < readouts.size(); j++) {
            double[] e = s.expectation(readouts.get(j));
            for (int b = 0; b < out.length; b++) {
                out[b][j] = e[b];
            }
        }
        return out;
    }

    private long[] zMasks() {
        long[] masks = new long[readouts.size()];
        for (int j = 0; j < masks.length; j++) {
            if (readouts.get(j).xMask() != 0) {
                throw new IllegalArgumentException("shot estimates here read Z-type observables only, not "
                        + readouts.get(j));
            }
            masks[j] = readouts.get(j).zMask();
        }
        return masks;
    }

    private static double[][] transpose(double[][] byReadout, int batch) {
        double[][] out = new double[batch][byReadout.length];
        for (int j = 0; j < byReadout.length; j++) {
            for (int b = 0; b < batch; b++) {
                out[b][j] = byReadout[j][b];
            }
        }
        return out;
    }

    /** Gradients of sum_b sum_j upstream[b][j] output[b][j] at the last forward's inputs and weights. */
    public Gradients backward(double[][] upstream) {
        if (!haveForward) {
            throw new IllegalStateException("backward needs a forward with the current weights first");
        }
        if (lastOnTiles) {
            QthaTiles.Gradients g = tiles.backward(upstream);
            return new Gradients(g.inputs(), g.weights());
        }
        int batch = params.batch();
        if (upstream.length != batch) {
            throw new IllegalArgumentException("upstream has " + upstream.length + " rows for a batch of " + batch);
        }
        double[][] up = new double[readouts.size()][batch];
        for (int b = 0; b < batch; b++) {
            if (upstream[b].length != readouts.size()) {
                throw new IllegalArgumentException("upstream row " + b + " has " + upstream[b].length + " values, the "
                        + "layer " + readouts.size() + " outputs");
            }
            for (int j = 0; j < readouts.size(); j++) {
                up[j][b] = upstream[b][j];
            }
        }
        work.copyFrom(state);
        BatchGradient g = adjoint.computeFrom(params, work, readouts, up);
        double[][] din = new double[batch][inputIndex.length];
        for (int i = 0; i < inputIndex.length; i++) {
            double[] col = g.perMember()[inputIndex[i]];
            for (int b = 0; b < batch; b++) {
                din[b][i] = col[b];
            }
        }
        double[] dw = new double[weightIndex.length];
        for (int j = 0; j < dw.length; j++) {
            dw[j] = g.shared()[weightIndex[j]];
        }
        return new Gradients(din, dw);
    }

    /**
     * The gradients {@link #backward} gives, by the parameter-shift rule at the last forward's inputs
     * and weights: for every gate argument of the circuit and each of its shifts, the shifted circuit
     * for the whole batch (exact, or estimated from {@code shots} per row, seeded), each row's
     * sum_j upstream[b][j] output[b][j] at the shifted point, combined by {@link ShiftPlan#combine}.
     * About 2-4 circuits per gate argument, against one adjoint sweep: what training on a device costs.
     */
    public Gradients parameterShiftBackward(double[][] upstream, int shots, long seed) {
        if (!haveForward) {
            throw new IllegalStateException("backward needs a forward with the current weights first");
        }
        int batch = lastInputs.length;
        if (upstream.length != batch) {
            throw new IllegalArgumentException("upstream has " + upstream.length + " rows for a batch of " + batch);
        }
        if (shiftPlan == null) {
            shiftPlan = ShiftPlan.of(circuit);
            List<String> all = new ArrayList<>();
            for (int a = 0; a < shiftPlan.argumentCount(); a++) {
                all.add("a" + a);
            }
            shiftProgram = BatchProgram.compile(shiftPlan.expanded(), all, 4, program.threads());
        }
        int arguments = shiftPlan.argumentCount(), points = shiftPlan.pointsPerGradient();
        // each row's arguments at the unshifted point, argument-major: base[a][b]
        double[][] base = new double[arguments][batch];
        double[] theta = new double[circuit.numParameters()];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < inputIndex.length; i++) {
                theta[inputIndex[i]] = lastInputs[b][i];
            }
            for (int j = 0; j < weightIndex.length; j++) {
                theta[weightIndex[j]] = weights[j];
            }
            double[] a = shiftPlan.angles(theta);
            for (int k = 0; k < arguments; k++) {
                base[k][b] = a[k];
            }
        }
        BatchParameters shifted = new BatchParameters(batch, arguments);
        for (int k = 0; k < arguments; k++) {
            shifted.perMember(k, base[k]);
        }
        BatchState s = BatchState.zero(circuit.numQubits(), batch);
        double[][] values = new double[batch][points];  // row b's weighted readout at each point
        SplittableRandom seeds = new SplittableRandom(seed);
        int point = 0;
        for (int a = -1; a < arguments; a++) {
            double[] shifts = a < 0 ? new double[] {0} : shiftPlan.shifts(a);
            for (double shift : shifts) {
                if (a >= 0) {
                    double[] column = base[a].clone();
                    for (int b = 0; b < batch; b++) {
                        column[b] += shift;
                    }
                    shifted.perMember(a, column);
                }
                s.reset();
                shiftProgram.run(shifted, s);
                double[][] out = shots == 0 ? readOut(s) : transpose(s.sampledZ(zMasks(), shots, seeds.nextLong()), batch);
                for (int b = 0; b < batch; b++) {
                    double v = 0;
                    for (int j = 0; j < out[b].length; j++) {
                        v += upstream[b][j] * out[b][j];
                    }
                    values[b][point] = v;
                }
                point++;
            }
            if (a >= 0) {
                shifted.perMember(a, base[a]);
            }
        }
        double[][] din = new double[batch][inputIndex.length];
        double[] dw = new double[weightIndex.length];
        for (int b = 0; b < batch; b++) {
            if (upstream[b].length != readouts.size()) {
                throw new IllegalArgumentException("upstream row " + b + " has " + upstream[b].length + " values, the "
                        + "layer " + readouts.size() + " outputs");
            }
            double[] g = shiftPlan.combine(values[b], 0).gradient();
            for (int i = 0; i < inputIndex.length; i++) {
                din[b][i] = g[inputIndex[i]];
            }
            for (int j = 0; j < weightIndex.length; j++) {
                dw[j] += g[weightIndex[j]];
            }
        }
        return new Gradients(din, dw);
    }

    @Override
    public void close() {
        program.close();
        if (tiles != null) {
            tiles.close();
        }
        if (shiftProgram != null) {
            shiftProgram.close();
        }
    }
}
