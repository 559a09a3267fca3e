package org.qtune.eval;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.Gradient;
import org.qtune.grad.ShiftPlan;
import org.qtune.sim.batch.BatchAdjoint;
import org.qtune.sim.batch.BatchGradient;
import org.qtune.sim.batch.BatchParameters;
import org.qtune.sim.batch.BatchProgram;
import org.qtune.sim.batch.BatchState;

/**
 * Evaluates one circuit at many parameter vectors (rows, in the circuit's parameter order) with the
 * batched simulator, every parameter per-member, {@code batchSize} rows at a time: the readouts
 * (every <Z_i>, or one observable's value) and, if asked, the gradient of the observable's value by
 * the batched adjoint or by parameter shift (the shifted circuits batched too). A row's numbers do
 * not depend on which other rows share its batch. The path behind {@code qtune sweep}.
 */
public final class RowEvaluator implements AutoCloseable {
    /**
     * How gradients are computed, if at all (named apart from {@link org.qtune.grad.GradientMethod}, the
     * single-state gradient strategies).
     */
    public enum GradientKind { NONE, ADJOINT, PARAMETER_SHIFT }

    private final Circuit circuit;
    private final PauliSum observable;
    private final GradientKind gradient;
    private final int batchSize;
    private final BatchProgram program;
    private final BatchAdjoint adjoint;
    private final ShiftPlan plan;
    private final BatchProgram shifted;

    /** {@code observable} null: the readouts are <Z_i> of every qubit (no gradient then). */
    public RowEvaluator(Circuit circuit, PauliSum observable, GradientKind gradient, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
        if (gradient != GradientKind.NONE && observable == null) {
            throw new IllegalArgumentException("a gradient needs an observable (the value to differentiate)");
        }
        if (observable != null && observable.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable uses qubit " + (observable.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        this.circuit = circuit;
        this.observable = observable;
        this.gradient = gradient;
        this.batchSize = batchSize;
        this.program = BatchProgram.compile(circuit, names(circuit));
        this.adjoint = gradient == GradientKind.ADJOINT ? new BatchAdjoint(program) : null;
        this.plan = gradient == GradientKind.PARAMETER_SHIFT ? ShiftPlan.of(circuit) : null;
        this.shifted = plan == null ? null : BatchProgram.compile(plan.expanded(), names(plan.expanded()));
    }

    private static List<String> names(Circuit c) {
        List<String> out = new ArrayList<>();
        for (Parameter p : c.parameters()) {
            out.add(p.name());
        }
        return out;
    }

    /** The output columns: z0..z{n-1} or "value", then d_name per parameter with a gradient. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        if (observable == null) {
            for (int q = 0; q < circuit.numQubits(); q++) {
                out.add("z" + q);
            }
        } else {
            out.add("value");
        }
        if (gradient != GradientKind.NONE) {
            for (Parameter p : circuit.parameters()) {
                out.add("d_" + p.name());
            }
        }
        return out;
    }

    /** One output row per input row, in {@link #columns()} order. */
    public double[][] evaluate(double[][] thetas) {
        for (int r = 0; r < thetas.length; r++) {
            if (thetas[r].length != circuit.numParameters()) {
                throw new IllegalArgumentException("row " + r + " has " + thetas[r].length + " values, the circuit "
                        + circuit.numParameters() + " parameters");
            }
        }
        double[][] out = new double[thetas.length][];
        for (int from = 0; from < thetas.length; from += batchSize) {
            int to = Math.min(thetas.length, from + batchSize);
            double[][] rows = java.util.Arrays.copyOfRange(thetas, from, to);
            double[][] part = gradient == GradientKind.PARAMETER_SHIFT ? shift(rows) : direct(rows);
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    private double[][] direct(double[][] rows) {
        int batch = rows.length, n = circuit.numQubits();
        BatchParameters p = params(rows, circuit.numParameters());
        BatchState s = program.run(p);
        double[][] out = new double[batch][];
        if (observable == null) {
            double[][] z = s.expectationZAll();
            for (int b = 0; b < batch; b++) {
                out[b] = new double[n];
                for (int q = 0; q < n; q++) {
                    out[b][q] = z[q][b];
                }
            }
            return out;
        }
        if (gradient == GradientKind.NONE) {
            double[] v = s.expectation(observable);
            for (int b = 0; b < batch; b++) {
                out[b] = new double[] {v[b]};
            }
            return out;
        }
        List<PauliString> readouts = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        double constant = 0;
        for (PauliSum.Term t : observable.terms()) {
            if (t.pauli().xMask() == 0 && t.pauli().zMask() == 0) {
                constant += t.coefficient();
                continue;
            }
            readouts.add(t.pauli());
            double[] w = new double[batch];
            java.util.Arrays.fill(w, t.coefficient());
            weights.add(w);
        }
        int params = circuit.numParameters();
        if (readouts.isEmpty()) {
            for (int b = 0; b < batch; b++) {
                out[b] = new double[1 + params];
                out[b][0] = constant;
            }
            return out;
        }
        BatchGradient g = adjoint.computeFrom(p, s, readouts, weights.toArray(new double[0][]));
        for (int b = 0; b < batch; b++) {
            out[b] = new double[1 + params];
            double v = constant;
            for (int j = 0; j < readouts.size(); j++) {
                v += weights.get(j)[b] * g.readouts()[j][b];
            }
            out[b][0] = v;
            for (int q = 0; q < params; q++) {
                out[b][1 + q] = g.perMember()[q][b];
            }
        }
        return out;
    }

    private double[][] shift(double[][] rows) {
        int per = plan.pointsPerGradient(), params = circuit.numParameters();
        double[][] points = new double[rows.length * per][];
        for (int r = 0; r < rows.length; r++) {
            double[][] pts = plan.points(rows[r]);
            System.arraycopy(pts, 0, points, r * per, per);
        }
        double[] values = new double[points.length];
        for (int from = 0; from < points.length; from += batchSize) {
            int to = Math.min(points.length, from + batchSize);
            double[][] chunk = java.util.Arrays.copyOfRange(points, from, to);
            double[] v = shifted.run(params(chunk, plan.expanded().numParameters())).expectation(observable);
            System.arraycopy(v, 0, values, from, v.length);
        }
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            Gradient g = plan.combine(values, r * per);
            out[r] = new double[1 + params];
            out[r][0] = g.value();
            System.arraycopy(g.gradient(), 0, out[r], 1, params);
        }
        return out;
    }

    private static BatchParameters params(double[][] rows, int numParameters) {
        BatchParameters p = new BatchParameters(rows.length, numParameters);
        double[] col = new double[rows.length];
        for (int j = 0; j < numParameters; j++) {
            for (int b = 0; b < rows.length; b++) {
                col[b] = rows[b][j];
            }
            p.perMember(j, col);
        }
        return p;
    }

    @Override
    public void close() {
        program.close();
        if (shifted != null) {
            shifted.close();
        }
    }
}
