package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;

/**
 * A {@link GateTape} bound to one parameter vector: for each gate, in circuit order, its inverse and,
 * for each argument that reads a parameter, the derivative matrix dU/da with the parameter and the
 * coefficient a = coefficient * theta[parameter] + offset contributes with. Built once per (circuit,
 * theta) and walked backwards by {@link #sweep}, the one adjoint sweep of the single-state
 * ({@code grad.AdjointGradient}) and distributed ({@code DistributedAdjoint}) paths: each supplies
 * the {@link StatePair} that applies gates to its own storage (pages, or a chunk). Immutable.
 */
public final class AdjointTape {
    /** One argument's share of the gradient: 2 coefficient Re &lt;lambda| dU/da psi&gt; goes to {@code parameter}. */
    public record Term(int parameter, double coefficient, BoundGate derivative) {
    }

    /** One gate: its inverse and its terms (none for a gate without parameters). */
    public record Entry(BoundGate inverse, List<Term> terms) {
        public Entry {
            terms = List.copyOf(terms);
        }

        /** The same gate on other qubits: qubit j becomes {@code qubits[j]} (a distributed layout's positions). */
        public Entry onQubits(int[] qubits) {
            List<Term> ts = new ArrayList<>(terms.size());
            for (Term t : terms) {
                ts.add(new Term(t.parameter(), t.coefficient(),
                        new BoundGate(null, qubits, t.derivative().matrix())));
            }
            return new Entry(new BoundGate(inverse.gate(), qubits, inverse.matrix()), ts);
        }
    }

    /**
     * What a sweep needs from the two states it walks back (psi and lambda, however stored); entry and
     * term numbers are the tape's.
     */
    public interface StatePair {
        /** psi := U_entry^dagger psi. */
        void unapplyPsi(int entry);

        /** Re &lt;lambda| D psi&gt; with D the derivative matrix of the entry's term; psi and lambda unchanged. */
        double derivativeOverlap(int entry, int term);

        /** lambda := U_entry^dagger lambda. */
        void unapplyLambda(int entry);
    }

    private final int numParameters;
    private final List<Entry> entries;
    /** Where each entry's first term stands in {@link #derivatives()}. */
    private final int[] firstTerm;

    /** A tape of the given entries, in circuit order, whose terms name parameters below numParameters. */
    public AdjointTape(int numParameters, List<Entry> entries) {
        for (Entry e : entries) {
            for (Term t : e.terms()) {
                if (t.parameter() < 0 || t.parameter() >= numParameters) {
                    throw new IllegalArgumentException("term for parameter " + t.parameter() + " of " + numParameters);
                }
            }
        }
        this.numParameters = numParameters;
        this.entries = List.copyOf(entries);
        this.firstTerm = new int[entries.size()];
        for (int k = 1; k < firstTerm.length; k++) {
            firstTerm[k] = firstTerm[k - 1] + entries.get(k - 1).terms().size();
        }
    }

    /** The tape of a circuit at theta (identity gates dropped). */
    public static AdjointTape of(Circuit circuit, double[] theta) {
        circuit.checkTheta(theta);
        return of(GateTape.of(circuit), theta);
    }

    /** A gate tape bound to theta (identity gates dropped). */
    public static AdjointTape of(GateTape tape, double[] theta) {
        List<Entry> entries = new ArrayList<>(tape.entries().size());
        for (GateTape.Entry g : tape.entries()) {
            if (g.gate() == Gate.ID) {
                continue;
            }
            int[] qubits = g.qubits();
            double[] values = g.values(theta);
            List<Term> terms = new ArrayList<>();
            for (int a = 0; a < values.length; a++) {
                GateTape.Argument arg = g.arguments().get(a);
                if (arg.hasTerm()) {
                    terms.add(new Term(arg.parameter(), arg.coefficient(),
                            new BoundGate(null, qubits, g.gate().derivative(qubits.length, a, values))));
                }
            }
            BoundGate inverse = new BoundGate(g.gate(), qubits,
                    Matrices.dagger(g.gate().matrix(qubits.length, values)));
            entries.add(new Entry(inverse, terms));
        }
        return new AdjointTape(tape.numParameters(), entries);
    }

    public int numParameters() {
        return numParameters;
    }

    /** The gates, in circuit order. */
    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Every entry's inverse, in circuit order (entry k's at k). */
    public List<BoundGate> inverses() {
        List<BoundGate> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.inverse());
        }
        return out;
    }

    /** Every term's derivative matrix, entry by entry and term by term (see {@link #derivativeIndex}). */
    public List<BoundGate> derivatives() {
        List<BoundGate> out = new ArrayList<>();
        for (Entry e : entries) {
            for (Term t : e.terms()) {
                out.add(t.derivative());
            }
        }
        return out;
    }

    /** Where term t of entry k stands in {@link #derivatives()}. */
    public int derivativeIndex(int entry, int term) {
        return firstTerm[entry] + term;
    }

    /** The entries at the given positions, in that order. */
    public AdjointTape select(int[] positions) {
        List<Entry> out = new ArrayList<>(positions.length);
        for (int k : positions) {
            out.add(entries.get(k));
        }
        return new AdjointTape(numParameters, out);
    }

    /**
     * The same gates on other qubits: qubit q becomes {@code positions[q]} (the physical positions of a
     * distributed state's layout).
     */
    public AdjointTape onQubits(int[] positions) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            int[] qubits = e.inverse().qubits();
            for (int j = 0; j < qubits.length; j++) {
                qubits[j] = positions[qubits[j]];
            }
            out.add(e.onQubits(qubits));
        }
        return new AdjointTape(numParameters, out);
    }

    /**
     * The backward sweep: from the last entry to the first, un-applies each gate from psi, adds each
     * of its terms 2 coefficient Re &lt;lambda| dU/da psi&gt; to {@code gradient[parameter]}, and
     * un-applies it from lambda. psi and lambda start as U|0&gt; and O U|0&gt; (O the observable) and
     * end as |0&gt; and O's image walked back; gradient is added to, not cleared.
     */
    public void sweep(StatePair states, double[] gradient) {
        if (gradient.length != numParameters) {
            throw new IllegalArgumentException("a gradient of " + numParameters + " values, got " + gradient.length);
        }
        for (int k = entries.size() - 1; k >= 0; k--) {
            List<Term> terms = entries.get(k).terms();
            states.unapplyPsi(k);
            for (int t = 0; t < terms.size(); t++) {
                Term term = terms.get(t);
                gradient[term.parameter()] += 2 * term.coefficient() * states.derivativeOverlap(k, t);
            }
            states.unapplyLambda(k);
        }
    }
}
