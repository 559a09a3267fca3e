package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;

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
 * Per-member rxx and ryy become a shared basis change around a per-member rzz. A run splits the
 * members into contiguous blocks, one per thread; each thread sweeps all passes over its block. One
 * run at a time per program (the prepared matrices live in the program).
 */
public final class BatchProgram implements AutoCloseable {
    static final int MAX_MEMBER_DIAGONAL_QUBITS = 4;
    private static final int LOOKBACK = 12;
    /** What one more pass over the batch costs, in complex multiply-adds per amplitude. */
    private static final int PASS_COST = 2;

    private final Circuit circuit;
    private final boolean[] perMember;
    final List<BatchOp> ops;
    private final List<BatchStep> steps;
    private final int maxFusedQubits;
    private final int threads;
    private final ForkJoinPool pool;
    private BatchStep.Scratch[] scratch;
    private int scratchBatch = -1;

    private BatchProgram(Circuit circuit, boolean[] perMember, int maxFusedQubits, int threads) {
        if (maxFusedQubits < 1 || maxFusedQubits > 6) {
            throw new IllegalArgumentException("maxFusedQubits must be 1..6, got " + maxFusedQubits);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (circuit.numQubits() > BatchState.MAX_QUBITS) {
            throw new IllegalArgumentException("a batched program has at most " + BatchState.MAX_QUBITS
                    + " qubits, the circuit " + circuit.numQubits());
        }
        this.circuit = circuit;
        this.perMember = perMember.clone();
        this.maxFusedQubits = maxFusedQubits;
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        this.ops = expand(circuit, perMember);
        this.steps = fuse(ops, maxFusedQubits);
    }

    /** Compiles {@code circuit} with the named parameters per-member, one thread, fused blocks of up to 4 qubits. */
    public static BatchProgram compile(Circuit circuit, Collection<String> perMemberParameters) {
        return compile(circuit, perMemberParameters, 4, 1);
    }

    public static BatchProgram compile(Circuit circuit, Collection<String> perMemberParameters, int maxFusedQubits,
                                       int threads) {
        boolean[] pm = new boolean[circuit.numParameters()];
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Parameter p : circuit.parameters()) {
            names.add(p.name());
        }
        for (String name : perMemberParameters) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a parameter of the circuit");
            }
            pm[circuit.parameterIndex(Parameter.of(name))] = true;
        }
        return new BatchProgram(circuit, pm, maxFusedQubits, threads);
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

    /** The number of passes over the batch one run makes. */
    public int numSteps() {
        return steps.size();
    }

    /** The passes, one letter each (D shared dense block of k qubits as Dk, G shared diagonal, M per-member chain, P per-member phases, S swap), for diagnostics. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (BatchStep s : steps) {
            switch (kindOf(s)) {
                case SHARED_DENSE -> sb.append('D').append(Integer.bitCount(s.mask));
                case SHARED_DIAGONAL -> sb.append('G');
                case MEMBER_ONE -> sb.append('M');
                case MEMBER_DIAGONAL -> sb.append('P');
                default -> sb.append('S');
            }
            sb.append(' ');
        }
        return sb.toString().trim();
    }

    /** A new state with every member run from |0...0>. */
    public BatchState run(BatchParameters p) {
        BatchState s = BatchState.zero(numQubits(), p.batch());
        run(p, s);
        return s;
    }

    /** Runs every member from |0...0> into {@code state} (reused: no allocation once warmed up). */
    public void run(BatchParameters p, BatchState state) {
        check(p, state);
        state.reset();
        apply(p, state);
    }

    /** Applies the circuit to the members' current states. */
    public void apply(BatchParameters p, BatchState state) {
        check(p, state);
        for (BatchStep s : steps) {
            s.prepare(p);
        }
        int batch = state.batch(), n = numQubits();
        BatchStep.Scratch[] sc = scratch(batch);
        int block = memberBlock(n);
        forMembers(batch, (b0, b1, w) -> {
            // member blocks of a few MiB: every pass of a block runs while it is in L2/L3
            for (int c0 = b0; c0 < b1; c0 += block) {
                int c1 = Math.min(b1, c0 + block);
                for (BatchStep s : steps) {
                    s.apply(state.re, state.im, batch, c0, c1, n, p, sc[w]);
                }
            }
        });
    }

    /**
     * Members per block: about 2 MiB of amplitudes (L2-L3 here), a multiple of 8 members; measured
     * faster than L2-sized blocks, whose member loops are too short.
     */
    static int memberBlock(int n) {
        return Math.max(CHUNK, ((1 << 17) >> n) & -CHUNK);
    }

    interface MemberBody {
        void run(int b0, int b1, int worker);
    }

    /**
     * Members per chunk: thread ranges and member blocks start on multiples of it, so sums over chunks
     * (the batched adjoint's shared-parameter terms) do not depend on the number of threads.
     */
    static final int CHUNK = 64;

    List<BatchStep> steps() {
        return steps;
    }

    /** Runs body over contiguous member blocks, one per thread (boundaries on multiples of {@link #CHUNK}). */
    void forMembers(int batch, MemberBody body) {
        int parts = Math.min(threads, Math.max(1, batch / CHUNK));
        if (parts <= 1) {
            body.run(0, batch, 0);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int b0 = (int) ((long) batch * t / parts) & -CHUNK, b1 = t == parts - 1 ? batch
                    : (int) ((long) batch * (t + 1) / parts) & -CHUNK;
            final int w = t;
            tasks.add(pool.submit(() -> body.run(b0, b1, w)));
        }
        for (ForkJoinTask<?> f : tasks) {
            f.join();
        }
    }

    BatchStep.Scratch[] scratch(int batch) {
        if (scratchBatch != batch) {
            scratch = new BatchStep.Scratch[threads];
            for (int t = 0; t < threads; t++) {
                scratch[t] = new BatchStep.Scratch(batch, maxFusedQubits, MAX_MEMBER_DIAGONAL_QUBITS, batch);
            }
            scratchBatch = batch;
        }
        return scratch;
    }

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

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** The circuit's gates as ops; per-member rxx / ryy become basis change, rzz, basis change back. */
    static List<BatchOp> expand(Circuit circuit, boolean[] perMember) {
        List<BatchOp> out = new ArrayList<>();
        for (Operation o : circuit.operations()) {
            BatchOp op = BatchOp.of(o, circuit, perMember);
            if (op.perMember && (op.gate == Gate.RXX || op.gate == Gate.RYY)) {
                // exp(-i t XX/2) = (H H) rzz(t) (H H); exp(-i t YY/2) = (V V)^dag rzz(t) (V V), V = rx(pi/2)
                Gate into = op.gate == Gate.RXX ? Gate.H : Gate.RX;
                double[] in = op.gate == Gate.RXX ? new double[0] : new double[] {Math.PI / 2};
                double[] back = op.gate == Gate.RXX ? new double[0] : new double[] {-Math.PI / 2};
                for (int q : op.qubits) {
                    out.add(BatchOp.fixed(into, new int[] {q}, in));
                }
                out.add(new BatchOp(Gate.RZZ, op.qubits, op.param, op.coefficient, op.offset, perMember));
                for (int q : op.qubits) {
                    out.add(BatchOp.fixed(into, new int[] {q}, back));
                }
            } else {
                out.add(op);
            }
        }
        return out;
    }

    private enum Kind { SHARED_DENSE, SHARED_DIAGONAL, MEMBER_ONE, MEMBER_DIAGONAL, SWAP }

    private static Kind kindOf(BatchStep s) {
        if (s instanceof BatchStep.SharedDense) {
            return Kind.SHARED_DENSE;
        }
        if (s instanceof BatchStep.SharedDiagonal) {
            return Kind.SHARED_DIAGONAL;
        }
        if (s instanceof BatchStep.MemberOne) {
            return Kind.MEMBER_ONE;
        }
        if (s instanceof BatchStep.MemberDiagonal) {
            return Kind.MEMBER_DIAGONAL;
        }
        return Kind.SWAP;
    }

    private static boolean diagonalStep(BatchStep s) {
        Kind k = kindOf(s);
        return k == Kind.SHARED_DIAGONAL || k == Kind.MEMBER_DIAGONAL;
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
                BatchStep.SharedDense block = new BatchStep.SharedDense();
                for (int k = i; k < end; k++) {
                    block.ops.add(ops.get(k));
                }
                block.mask = support;
                steps.add(block);
                i = end - 1;
                continue;
            }
            boolean placed = false;
            for (int j = steps.size() - 1; j >= 0 && j >= steps.size() - LOOKBACK; j--) {
                BatchStep s = steps.get(j);
                if (canJoin(s, op, maxFused)) {
                    s.ops.add(op);
                    s.mask |= op.mask;
                    placed = true;
                    break;
                }
                boolean commutes = (s.mask & op.mask) == 0 || (op.isDiagonal() && diagonalStep(s));
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
        BatchStep s;
        if (op.perMember) {
            if (op.isDiagonal() && op.qubits.length > 1 && Integer.bitCount(op.mask) <= MAX_MEMBER_DIAGONAL_QUBITS) {
                s = new BatchStep.MemberDiagonal();
            } else if (op.isOneTarget()) {
                BatchStep.MemberOne m = new BatchStep.MemberOne();
                m.target = op.target();
                m.controls = op.controlMask;
                s = m;
            } else {
                throw new IllegalStateException("no batched kernel for a per-member " + op.gate.qasmName());
            }
        } else if (op.isDiagonal()) {
            s = new BatchStep.SharedDiagonal();
        } else if (op.isPermutation()) {
            s = new BatchStep.Swap();
        } else {
            s = new BatchStep.SharedDense();
        }
        s.ops.add(op);
        s.mask = op.mask;
        return s;
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

    private static boolean canJoin(BatchStep s, BatchOp op, int maxFused) {
        int union = s.mask | op.mask;
        switch (kindOf(s)) {
            case SHARED_DENSE -> {
                if (op.perMember || Integer.bitCount(union) > maxFused) {
                    return false;
                }
                return union == s.mask
                        || blockCost(Integer.bitCount(union)) - blockCost(Integer.bitCount(s.mask)) <= aloneCost(op);
            }
            case SHARED_DIAGONAL -> {
                return !op.perMember && op.isDiagonal() && Integer.bitCount(union) <= 12;
            }
            case MEMBER_ONE -> {
                BatchStep.MemberOne m = (BatchStep.MemberOne) s;
                return m.controls == 0 && op.controlMask == 0 && op.qubits.length == 1 && op.qubits[0] == m.target;
            }
            case MEMBER_DIAGONAL -> {
                return op.isDiagonal() && Integer.bitCount(union) <= MAX_MEMBER_DIAGONAL_QUBITS;
            }
            default -> {
                return false;
            }
        }
    }
}
