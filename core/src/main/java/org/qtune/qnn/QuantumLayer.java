package org.qtune.qnn;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.ParameterSplit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.ansatz.DataReuploading;
import org.qtune.sim.batch.BatchAdjoint;
import org.qtune.sim.batch.BatchGradient;
import org.qtune.sim.batch.BatchParameters;
import org.qtune.sim.batch.BatchProgram;
import org.qtune.sim.batch.BatchState;

/**
 * A quantum layer: {@code forward(inputs[B][k]) -> outputs[B][m]} runs a circuit template whose input
 * parameters take each row's values (per-member angles) and whose other parameters are the layer's
 * trainable weights (shared by the batch), reading out m observables (default: Z on every qubit);
 * {@code backward(upstream[B][m])} returns dL/dinputs per row and dL/dweights summed over the batch,
 * from the last forward's states, in one batched adjoint sweep. The circuit is compiled once; the
 * batch's states and the adjoint's workspace are kept and reused while the batch size stays the same
 * (only the returned arrays are new). Thread-parallel across member blocks.
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
        return new QuantumLayer(DataReuploading.qtha(n, layers), DataReuploading.inputs(n), zReadouts(n), threads);
    }

    /** {@link #qtha} without its CRZ rings (QTHA's no-entanglement ablation): 2n weights per layer. */
    public static QuantumLayer qthaWithoutEntanglement(int n, int layers, int threads) {
        return new QuantumLayer(DataReuploading.qtha(n, layers, false), DataReuploading.inputs(n), zReadouts(n),
                threads);
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
        haveForward = false;
    }

    /** Outputs [B][m] for inputs [B][k]. */
    public double[][] forward(double[][] inputs) {
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
        double[][] out = new double[batch][readouts.size()];
        for (int j = 0; j < readouts.size(); j++) {
            double[] e = state.expectation(readouts.get(j));
            for (int b = 0; b < batch; b++) {
                out[b][j] = e[b];
            }
        }
        haveForward = true;
        return out;
    }

    /** Gradients of sum_b sum_j upstream[b][j] output[b][j] at the last forward's inputs and weights. */
    public Gradients backward(double[][] upstream) {
        if (!haveForward) {
            throw new IllegalStateException("backward needs a forward with the current weights first");
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

    @Override
    public void close() {
        program.close();
    }
}
