package org.qtune.circuit.ansatz;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * QAOA for weighted MaxCut. The circuit is H on every qubit, then for l = 0..p-1 the cost layer
 * exp(-i gamma[l] sum_e w_e Z_u Z_v / 2 * 2) = RZZ(2 w_e gamma[l]) on every edge and the mixer
 * RX(2 beta[l]) on every qubit. Parameters: gamma[0], beta[0], gamma[1], ...
 */
public final class Qaoa {
    private Qaoa() {
    }

    /** The gates {@link #maxCut} makes, known without building (to check a circuit's size first). */
    public static long gateCount(WeightedGraph g, int p) {
        return g.numVertices() + (long) p * (g.edges().size() + g.numVertices());
    }

    public static Circuit maxCut(WeightedGraph g, int p) {
        if (p < 1) {
            throw new IllegalArgumentException("QAOA depth p must be >= 1, got " + p);
        }
        int n = g.numVertices();
        Circuit.Builder b = Circuit.builder(n);
        for (int q = 0; q < n; q++) {
            b.add(Gate.H, q);
        }
        for (int l = 0; l < p; l++) {
            Parameter gamma = Parameter.of("gamma[" + l + "]"), beta = Parameter.of("beta[" + l + "]");
            for (WeightedGraph.Edge e : g.edges()) {
                b.add(Gate.RZZ, new ParameterExpression[] {ParameterExpression.affine(2 * e.weight(), gamma, 0)},
                        e.u(), e.v());
            }
            for (int q = 0; q < n; q++) {
                b.add(Gate.RX, new ParameterExpression[] {ParameterExpression.affine(2, beta, 0)}, q);
            }
        }
        return b.build();
    }

    /** The cut-size observable sum_e w_e (1 - Z_u Z_v) / 2, whose maximum is the MaxCut value. */
    public static PauliSum cutObservable(WeightedGraph g) {
        List<PauliSum.Term> terms = new ArrayList<>();
        double constant = 0;
        for (WeightedGraph.Edge e : g.edges()) {
            constant += e.weight() / 2;
            terms.add(new PauliSum.Term(-e.weight() / 2, PauliString.single('Z', e.u()).with('Z', e.v())));
        }
        terms.add(0, new PauliSum.Term(constant, PauliString.IDENTITY));
        return PauliSum.of(terms);
    }
}
