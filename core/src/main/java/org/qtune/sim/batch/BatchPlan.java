package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.sim.GateTape;

/**
 * A parameterized circuit compiled once for batched runs, for a fixed choice of which parameters are
 * per-member (the rest are shared by the whole batch). Compilation fuses the gates into passes:
 * <ul>
 *   <li>shared gates on a few qubits into one dense matrix (computed once per run), joined only when
 *       that costs no more arithmetic than applying them apart;</li>
 *   <li>shared diagonal gates (a CZ or CRZ ring) into one table of phases;</li>
 *   <li>a chain of one-qubit gates on one qubit, per-member or shared, into one per-member 2x2;</li>
 *   <li>per-member diagonal gates on up to {@value #MAX_MEMBER_DIAGONAL_QUBITS} qubits into one
 *       per-member phase table;</li>
 *   <li>permutation gates left as row swaps.</li>
 * </ul>
 * Per-member rxx and ryy become a shared basis change around a per-member rzz. The gates' parameter
 * bookkeeping is the circuit's {@link GateTape}.
 *
 * <p>Immutable: a plan holds no buffers and no per-run values (what a run prepares lives in the
 * caller's {@link BatchWorkspace}), so one plan serves any number of threads and Spark tasks at
 * once. {@link BatchProgram} runs it.
 */
public final class BatchPlan {
    static final int MAX_MEMBER_DIAGONAL_QUBITS = 4;
    private static final int LOOKBACK = 12;
    /** What one more pass over the batch costs, in complex multiply-adds per amplitude. */
    private static final int PASS_COST = 2;

    private final Circuit circuit;
    private final boolean[] perMember;
    private final int maxFusedQubits;
    final List<BatchOp> ops;
    final List<BatchStep> steps;

    private BatchPlan(Circuit circuit, boolean[] perMember, int maxFusedQubits) {
        if (maxFusedQubits < 1 || maxFusedQubits > 6) {
            throw new IllegalArgumentException("maxFusedQubits must be 1..6, got " + maxFusedQubits);
        }
        if (circuit.numQubits() > BatchState.MAX_QUBITS) {
            throw new IllegalArgumentException("a batched program has at most " + BatchState.MAX_QUBITS
                    + " qubits, the circuit " + circuit.numQubits());
        }
        this.circuit = circuit;
        this.perMember = perMember.clone();
        this.maxFusedQubits = maxFusedQubits;
        this.ops = List.copyOf(expand(GateTape.of(circuit), perMember));
        this.steps = List.copyOf(fuse(ops, maxFusedQubits));
    }

    /** Compiles {@code circuit} with the named parameters per-member, fused blocks of up to maxFusedQubits qubits. */
    public static BatchPlan compile(Circuit circuit, Collection<String> perMemberParameters, int maxFusedQubits) {
        boolean[] pm = new boolean[circuit.numParameters()];
        Set<String> names = new HashSet<>();
        for (Parameter p : circuit.parameters()) {
            names.add(p.name());
        }
        for (String name : perMemberParameters) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a parameter of the circuit");
            }
            pm[circuit.parameterIndex(Parameter.of(name))] = true;
        }
        return new BatchPlan(circuit, pm, maxFusedQubits);
    }

    public Circuit circuit() {
        return circuit;
    }

    public int numQubits() {
        return circuit.numQubits();
    }

    /** Whether circuit parameter p is per-member. */
    public boolean isPerMember(int p) {
        return perMember[p];
    }

    /** The largest shared block fusion may build, in qubits. */
    public int maxFusedQubits() {
        return maxFusedQubits;
    }

    /** The number of passes over the batch one run makes. */
    public int numSteps() {
        return steps.size();
    }

    /** The passes, one letter each (D shared dense block of k qubits as Dk, G shared diagonal, M per-member chain, P per-member phases, S swap), for diagnostics. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (BatchStep s : steps) {
            if (s instanceof BatchStep.SharedDense) {
                sb.append('D').append(Integer.bitCount(s.mask()));
            } else if (s instanceof BatchStep.SharedDiagonal) {
                sb.append('G');
            } else if (s instanceof BatchStep.MemberOne) {
                sb.append('M');
            } else if (s instanceof BatchStep.MemberDiagonal) {
                sb.append('P');
            } else {
                sb.append('S');
            }
            sb.append(' ');
        }
        return sb.toString().trim();
    }

    /** Checks that p fits the plan and the state fits both. */
    void check(BatchParameters p, BatchState state) {
        if (p.numParameters() != circuit.numParameters()) {
            throw new IllegalArgumentException("the circuit has " + circuit.numParameters() + " parameters, got "
                    + p.numParameters());
        }
        if (state.numQubits() != numQubits() || state.batch() != p.batch()) {
            throw new IllegalArgumentException("state of " + state.numQubits() + " qubits x " + state.batch()
                    + " members for a " + numQubits() + "-qubit program and a batch of " + p.batch());
        }
        for (int j = 0; j < perMember.length; j++) {
            if (!p.isSet(j)) {
                throw new IllegalArgumentException("parameter '" + circuit.parameters().get(j).name() + "' has no value");
            }
            if (p.isPerMember(j) != perMember[j] && p.batch() > 1) {
                throw new IllegalArgumentException("parameter '" + circuit.parameters().get(j).name() + "' was compiled "
                        + (perMember[j] ? "per-member" : "shared") + " but given " + (perMember[j] ? "one value" : "per member"));
            }
        }
    }

    /** The tape's gates as ops; per-member rxx / ryy become basis change, rzz, basis change back. */
    static List<BatchOp> expand(GateTape tape, boolean[] perMember) {
        List<BatchOp> out = new ArrayList<>();
        for (GateTape.Entry e : tape.entries()) {
            BatchOp op = new BatchOp(e, perMember);
            if (op.perMember && (op.gate == Gate.RXX || op.gate == Gate.RYY)) {
                // exp(-i t XX/2) = (H H) rzz(t) (H H); exp(-i t YY/2) = (V V)^dag rzz(t) (V V), V = rx(pi/2)
                Gate into = op.gate == Gate.RXX ? Gate.H : Gate.RX;
                double[] in = op.gate == Gate.RXX ? new double[0] : new double[] {Math.PI / 2};
                double[] back = op.gate == Gate.RXX ? new double[0] : new double[] {-Math.PI / 2};
                for (int q : op.qubits) {
                    out.add(BatchOp.fixed(into, new int[] {q}, in));
                }
                out.add(new BatchOp(GateTape.Entry.of(Gate.RZZ, op.qubits, e.arguments()), perMember));
                for (int q : op.qubits) {
                    out.add(BatchOp.fixed(into, new int[] {q}, back));
                }
            } else {
                out.add(op);
            }
        }
        return out;
    }

    private static boolean diagonalStep(BatchStep s) {
        return s instanceof BatchStep.SharedDiagonal || s instanceof BatchStep.MemberDiagonal;
    }

    static List<BatchStep> fuse(List<BatchOp> ops, int maxFused) {
        List<BatchStep> steps = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            BatchOp op = ops.get(i);
            // a run of shared gates on at most maxFused qubits that costs more gate by gate than as one
            // matrix becomes one block (a whole small circuit with shared angles is one matrix)
            int end = i, support = 0, apart = 0;
            while (end < ops.size() && !ops.get(end).perMember
                    && Integer.bitCount(support | ops.get(end).mask) <= maxFused) {
                support |= ops.get(end).mask;
                apart += aloneCost(ops.get(end));
                end++;
            }
            if (end - i > 1 && blockCost(Integer.bitCount(support)) < apart) {
                steps.add(BatchStep.SharedDense.of(ops.subList(i, end), support));
                i = end - 1;
                continue;
            }
            boolean placed = false;
            for (int j = steps.size() - 1; j >= 0 && j >= steps.size() - LOOKBACK; j--) {
                BatchStep s = steps.get(j);
                BatchStep joined = joined(s, op, maxFused);
                if (joined != null) {
                    steps.set(j, joined);
                    placed = true;
                    break;
                }
                boolean commutes = (s.mask() & op.mask) == 0 || (op.isDiagonal() && diagonalStep(s));
                if (!commutes) {
                    break;
                }
            }
            if (!placed) {
                steps.add(newStep(op));
            }
        }
        return steps;
    }

    private static BatchStep newStep(BatchOp op) {
        List<BatchOp> one = List.of(op);
        if (op.perMember) {
            if (op.isDiagonal() && op.qubits.length > 1 && Integer.bitCount(op.mask) <= MAX_MEMBER_DIAGONAL_QUBITS) {
                return new BatchStep.MemberDiagonal(one, op.mask, BatchStep.qubitsOf(op.mask));
            } else if (op.isOneTarget()) {
                return new BatchStep.MemberOne(one, op.mask, op.target(), op.controlMask);
            }
            throw new IllegalStateException("no batched kernel for a per-member " + op.gate.qasmName());
        } else if (op.isDiagonal()) {
            return BatchStep.SharedDiagonal.of(one, op.mask);
        } else if (op.isPermutation()) {
            return new BatchStep.Swap(op);
        }
        return BatchStep.SharedDense.of(one, op.mask);
    }

    private static int aloneCost(BatchOp op) {
        if (op.isPermutation()) {
            return 1;
        }
        if (op.isDiagonal()) {
            return 1 + PASS_COST;
        }
        return blockCost(Integer.bitCount(op.mask));
    }

    /**
     * A dense block on k qubits: 2^k complex multiply-adds per amplitude, four times that for k >= 2 (the
     * general kernel gathers through a buffer; one qubit has its own), plus the pass.
     */
    private static int blockCost(int k) {
        return (k == 1 ? 2 : 4 << k) + PASS_COST;
    }

    /** The step with op joined, or null when op may not join it. */
    private static BatchStep joined(BatchStep s, BatchOp op, int maxFused) {
        int union = s.mask() | op.mask;
        if (s instanceof BatchStep.SharedDense d) {
            if (op.perMember || Integer.bitCount(union) > maxFused) {
                return null;
            }
            boolean cheaper = union == d.mask()
                    || blockCost(Integer.bitCount(union)) - blockCost(Integer.bitCount(d.mask())) <= aloneCost(op);
            return cheaper ? d.with(op) : null;
        }
        if (s instanceof BatchStep.SharedDiagonal g) {
            return !op.perMember && op.isDiagonal() && Integer.bitCount(union) <= 12 ? g.with(op) : null;
        }
        if (s instanceof BatchStep.MemberOne m) {
            return m.controls() == 0 && op.controlMask == 0 && op.qubits.length == 1 && op.qubits[0] == m.target()
                    ? m.with(op) : null;
        }
        if (s instanceof BatchStep.MemberDiagonal m) {
            return op.isDiagonal() && Integer.bitCount(union) <= MAX_MEMBER_DIAGONAL_QUBITS ? m.with(op) : null;
        }
        return null;
    }
}
