package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.PauliString;
import org.qtune.sim.GateTape;

/**
 * Adjoint differentiation of every member at once: from the final states psi_b and
 * lambda_b = sum_j w[j][b] O_j psi_b, one backward sweep over the program's gates un-applies each
 * gate from both and, for each symbolic argument, adds its term 2 Re <lambda| dG G^dag |psi>. Which
 * parameter, which coefficient and which generator each argument has is the circuit's
 * {@link GateTape}: rotations use their generators (rx: -i/2 X, crz: -i/2 |1><1| Z, p: i |1><1|,
 * rzz: -i/2 ZZ, ...), so their terms are one overlap pass each; u2, u3 and cu3 take dG G^dag per
 * member. The sweep runs over contiguous member blocks on the program's threads; shared parameters'
 * terms are kept per member and summed in member order, so the result does not depend on the thread
 * count.
 *
 * <p>The sweep's units are fixed when the adjoint is made and never change; a call's buffers (lambda,
 * per-thread scratch, per-member terms, each block's reduced outer products) are a workspace kept
 * for reuse at the same batch size, and calls from several threads at once each take their own.
 */
public final class BatchAdjoint {
    private final BatchProgram program;
    private final BatchPlan plan;

    /** One unit of the backward sweep. */
    sealed interface Unit permits GateGroup, FusedBlock {
    }

    /**
     * Consecutive gates that commute — all diagonal, or one-qubit gates on distinct qubits — form a
     * group: the backward sweep takes all of a group's terms from the same (psi, lambda) in one pass
     * (each gate may be treated as the group's last) and un-applies the group at once where its gates
     * are shared diagonal ones (one phase table). {@code ops} are in backward order; {@code oneScan}
     * are the symbolic gates whose single term the group's one pass takes (diagonal gates through
     * their phase derivatives {@code phases}, one-qubit rotations through their Pauli masks {@code x},
     * {@code z}), {@code oneByOne} the other symbolic gates, whose terms take a pass each.
     */
    record GateGroup(List<BatchOp> ops, int mask, boolean diagonal, boolean disjointOneQubit, boolean shared,
                     List<BatchOp> oneScan, int[][] qubits, double[][] phases, int[] x, int[] z,
                     List<BatchOp> oneByOne) implements Unit {
        GateGroup {
            ops = List.copyOf(ops);
            oneScan = List.copyOf(oneScan);
            oneByOne = List.copyOf(oneByOne);
        }

        /** A group of these gates (backward order), its terms sorted into one scan and one by one. */
        static GateGroup of(List<BatchOp> ops, int mask, boolean diagonal, boolean disjointOneQubit, boolean shared) {
            List<BatchOp> scan = new ArrayList<>(), apart = new ArrayList<>();
            for (BatchOp op : ops) {
                if (!op.isSymbolic()) {
                    continue;
                }
                boolean oneTerm = op.param.length == 1 && op.coefficient[0] != 0;
                boolean closedForm = diagonal ? op.phaseDerivative() != null
                        : disjointOneQubit && op.qubits.length == 1
                          && op.generator(0) instanceof GateTape.PauliRotation r && r.controlMask() == 0;
                (oneTerm && closedForm ? scan : apart).add(op);
            }
            int t = scan.size();
            int[][] qubits = new int[t][];
            double[][] phases = new double[t][];
            int[] x = new int[t], z = new int[t];
            for (int k = 0; k < t; k++) {
                BatchOp op = scan.get(k);
                qubits[k] = op.qubits;
                phases[k] = op.phaseDerivative();
                if (op.generator(0) instanceof GateTape.PauliRotation r) {
                    x[k] = r.xMask();
                    z[k] = r.zMask();
                }
            }
            return new GateGroup(ops, mask, diagonal, disjointOneQubit, shared, scan, qubits, phases, x, z, apart);
        }

        /** Whether it is un-applied as one shared phase table. */
        boolean oneTable() {
            return ops.size() > 1 && shared && diagonal;
        }
    }

    /**
     * A shared block of the forward program (a fused run of shared gates on at most 4 qubits): its
     * terms summed over a chunk of members come from the block's reduced outer product
     * R = sum psi lambda^dag (one pass over the chunk), walked back through the block's gates as a
     * 2^k x 2^k matrix; the block is then un-applied from psi and lambda as one matrix.
     */
    record FusedBlock(BatchStep.SharedDense step) implements Unit {
    }

    /** The backward sweep, in backward order. */
    private final List<Unit> units;
    private final int maxTerms;
    /** A workspace left by the last call, for the next one to reuse. */
    private final AtomicReference<Workspace> idle = new AtomicReference<>();

    /** The buffers of one call at one batch size. */
    static final class Workspace {
        final int batch;
        final BatchState lambda;
        /** Per worker: 8 matrix arrays, overlap outputs (re, im), spare, then one output per term of a scan. */
        final double[][][] work;
        /** Per worker: room for a 4-qubit block's dense kernel over a member block. */
        final double[][] dense;
        /** Shared parameters' terms per member. */
        final double[][] sharedTerms;
        /** Per unit: a fused block's chunk-by-chunk R (chunk c at [c]); else null. */
        final double[][][] chunkR;
        /** Per unit: a fused block's inverse, or a one-table group's conjugated phases, at this call's p. */
        final double[][] inverse;

        Workspace(BatchAdjoint adjoint, int n, int batch) {
            int threads = adjoint.program.threads(), params = adjoint.plan.circuit().numParameters();
            this.batch = batch;
            this.lambda = BatchState.zero(n, batch);
            this.work = new double[threads][12 + adjoint.maxTerms][batch];
            this.dense = new double[threads][2 * 16 * Math.min(batch, BatchProgram.memberBlock(n))];
            this.sharedTerms = new double[params][batch];
            int chunks = (batch + BatchProgram.CHUNK - 1) / BatchProgram.CHUNK;
            this.chunkR = new double[adjoint.units.size()][][];
            this.inverse = new double[adjoint.units.size()][];
            for (int u = 0; u < chunkR.length; u++) {
                if (adjoint.units.get(u) instanceof FusedBlock b) {
                    int d = 1 << Integer.bitCount(b.step().mask());
                    chunkR[u] = new double[chunks][2 * d * d];
                }
            }
        }
    }

    public BatchAdjoint(BatchProgram program) {
        this.program = program;
        this.plan = program.plan();
        // the forward's step order is a valid order of the gates (fusion only moves commuting gates),
        // walked here backwards; its shared blocks stay blocks (measured: forming blocks the forward
        // did not costs more than it saves, the reduced outer product of a 4-qubit block being 256
        // sums per amplitude pair), and groups never reach across one
        List<Unit> backward = new ArrayList<>();
        int terms = 1;
        GroupDraft current = null;
        for (int s = plan.steps.size() - 1; s >= 0; s--) {
            BatchStep step = plan.steps.get(s);
            boolean symbolic = !BatchStep.allFixed(step.ops());
            if (step instanceof BatchStep.SharedDense sd && step.ops().size() > 1 && symbolic
                    && Integer.bitCount(step.mask()) <= 4) {
                if (current != null) {
                    backward.add(current.build());
                    current = null;
                }
                backward.add(new FusedBlock(sd));
                continue;
            }
            for (int i = step.ops().size() - 1; i >= 0; i--) {
                BatchOp op = step.ops().get(i);
                boolean oneQubit = op.qubits.length == 1;
                boolean joins = current != null
                        && ((current.diagonal && op.isDiagonal() && Integer.bitCount(current.mask | op.mask) <= 10)
                            || (current.disjointOneQubit && oneQubit && (current.mask & op.mask) == 0));
                if (!joins) {
                    if (current != null) {
                        backward.add(current.build());
                    }
                    current = new GroupDraft();
                    current.disjointOneQubit = oneQubit;
                } else {
                    current.disjointOneQubit &= oneQubit && (current.mask & op.mask) == 0;
                }
                current.diagonal &= op.isDiagonal();
                current.shared &= !op.perMember;
                current.mask |= op.mask;
                current.ops.add(op);
                terms = Math.max(terms, current.ops.size());
            }
        }
        if (current != null) {
            backward.add(current.build());
        }
        this.units = List.copyOf(backward);
        this.maxTerms = terms;
    }

    /** A group while its gates are being collected. */
    private static final class GroupDraft {
        final List<BatchOp> ops = new ArrayList<>();
        int mask;
        boolean diagonal = true;
        boolean disjointOneQubit = true;
        boolean shared = true;

        GateGroup build() {
            return GateGroup.of(ops, mask, diagonal, disjointOneQubit, shared);
        }
    }

    /**
     * The gradient of sum_b sum_j upstream[j][b] <readouts_j>_b at {@code p}, running the circuit
     * forward first.
     */
    public BatchGradient compute(BatchParameters p, List<PauliString> readouts, double[][] upstream) {
        BatchState psi = program.run(p);
        return computeFrom(p, psi, readouts, upstream);
    }

    /**
     * As {@link #compute}, from {@code psi} = the program's output at {@code p}; psi is consumed (it
     * ends as |0...0> up to rounding).
     */
    public BatchGradient computeFrom(BatchParameters p, BatchState psi, List<PauliString> readouts,
                                     double[][] upstream) {
        program.check(p, psi);
        int n = psi.numQubits(), batch = psi.batch();
        if (upstream.length != readouts.size()) {
            throw new IllegalArgumentException(readouts.size() + " readouts but " + upstream.length + " upstream rows");
        }
        for (int j = 0; j < upstream.length; j++) {
            if (upstream[j].length != batch) {
                throw new IllegalArgumentException("upstream row " + j + " has " + upstream[j].length + " values for "
                        + batch + " members");
            }
            PauliString r = readouts.get(j);
            if (((r.xMask() | r.zMask()) >>> n) != 0) {
                throw new IllegalArgumentException("readout " + j + " acts outside the " + n + "-qubit state");
            }
        }
        Workspace ws = idle.getAndSet(null);
        if (ws == null || ws.batch != batch) {
            ws = new Workspace(this, n, batch);
        }
        try {
            return sweep(p, psi, readouts, upstream, ws);
        } finally {
            idle.set(ws);
        }
    }

    private BatchGradient sweep(BatchParameters p, BatchState psi, List<PauliString> readouts, double[][] upstream,
                                Workspace ws) {
        int n = psi.numQubits(), batch = psi.batch(), params = plan.circuit().numParameters();
        double[][] perMember = new double[params][];
        for (int q = 0; q < params; q++) {
            if (plan.isPerMember(q)) {
                perMember[q] = new double[batch];
            } else {
                Arrays.fill(ws.sharedTerms[q], 0);
            }
        }
        double[][] values = new double[readouts.size()][batch];
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            if (unit instanceof FusedBlock blk) {
                for (double[] c : ws.chunkR[u]) {
                    Arrays.fill(c, 0);
                }
                ws.inverse[u] = Matrices.dagger(blk.step().prepare(p));
            } else if (unit instanceof GateGroup g && g.oneTable()) {
                ws.inverse[u] = BatchStep.SharedDiagonal.conjugate(
                        BatchStep.SharedDiagonal.phases(g.ops(), BatchStep.qubitsOf(g.mask()), p));
            }
        }
        final double[] lr = ws.lambda.re, li = ws.lambda.im, pr = psi.re, pi = psi.im;
        // the whole sweep runs block by block, the forward's member blocks: 2 MiB of each state (measured
        // at 8 qubits: 1.15x faster than 8 MiB blocks at a batch of 1024, 1.5x at 4096, where two 8 MiB
        // states no longer stay in L3 through the sweep)
        int block = BatchProgram.memberBlock(n);
        program.forMembers(batch, (t0, t1, w) -> {
            double[][] wk = ws.work[w];
            double[][] m = Arrays.copyOfRange(wk, 0, 8);
            double[] outRe = wk[8], outIm = wk[9];
            for (int b0 = t0; b0 < t1; b0 += block) {
                int b1 = Math.min(t1, b0 + block);
                for (int i = 0; i < (1 << n); i++) {
                    Arrays.fill(lr, i * batch + b0, i * batch + b1, 0);
                    Arrays.fill(li, i * batch + b0, i * batch + b1, 0);
                }
                for (int j = 0; j < readouts.size(); j++) {
                    PauliString r = readouts.get(j);
                    Arrays.fill(outRe, b0, b1, 0);
                    Arrays.fill(outIm, b0, b1, 0);
                    Kernels.pauliOverlap(pr, pi, pr, pi, batch, b0, b1, n, (int) r.xMask(), (int) r.zMask(), 0, outRe,
                            outIm);
                    System.arraycopy(outRe, b0, values[j], b0, b1 - b0);
                    Kernels.addPauli(pr, pi, lr, li, batch, b0, b1, n, (int) r.xMask(), (int) r.zMask(), upstream[j]);
                }
                for (int u = 0; u < units.size(); u++) {
                    Unit unit = units.get(u);
                    if (unit instanceof FusedBlock blk) {
                        blockBackward(blk, ws.chunkR[u], ws.inverse[u], pr, pi, lr, li, batch, b0, b1, n,
                                ws.dense[w]);
                        continue;
                    }
                    GateGroup g = (GateGroup) unit;
                    termsOf(g, p, lr, li, pr, pi, batch, b0, b1, n, m, outRe, outIm, wk, perMember, ws.sharedTerms);
                    unapplyGroup(g, ws.inverse[u], p, pr, pi, lr, li, batch, b0, b1, n, m);
                }
            }
        });
        double[] shared = new double[params];
        for (int q = 0; q < params; q++) {
            if (perMember[q] == null) {
                double sum = 0;
                for (int b = 0; b < batch; b++) {
                    sum += ws.sharedTerms[q][b];
                }
                shared[q] = sum;
            }
        }
        for (int u = 0; u < units.size(); u++) {
            if (units.get(u) instanceof FusedBlock blk) {
                blockTerms(blk, ws.chunkR[u], p, shared);
            }
        }
        return new BatchGradient(shared, perMember, values);
    }

    /**
     * A shared block during the sweep: each member chunk's reduced outer product R = sum psi
     * lambda^dag over the block's qubits (chunks start on multiples of {@link BatchProgram#CHUNK}),
     * kept for {@link #blockTerms}; then the block is un-applied from psi and lambda as one matrix.
     */
    private static void blockBackward(FusedBlock blk, double[][] chunkR, double[] inverse, double[] pr, double[] pi,
                                      double[] lr, double[] li, int batch, int b0, int b1, int n, double[] scratch) {
        BatchStep.SharedDense step = blk.step();
        int[] qubits = step.qubits(), offsets = step.offsets();
        for (int c0 = b0; c0 < b1; c0 += BatchProgram.CHUNK) {
            int c1 = Math.min(b1, c0 + BatchProgram.CHUNK);
            Kernels.blockOuter(pr, pi, lr, li, batch, c0, c1, n, step.mask(), offsets, chunkR[c0 / BatchProgram.CHUNK]);
        }
        if (qubits.length == 1) {
            Kernels.dense1(pr, pi, batch, b0, b1, n, qubits[0], 0, inverse);
            Kernels.dense1(lr, li, batch, b0, b1, n, qubits[0], 0, inverse);
        } else {
            Kernels.dense(pr, pi, batch, b0, b1, n, step.mask(), offsets, inverse, scratch);
            Kernels.dense(lr, li, batch, b0, b1, n, step.mask(), offsets, inverse, scratch);
        }
    }

    /**
     * A block's terms from R summed over all chunks (in chunk order: the same sum for any thread
     * count): 2 Re Tr(dG G^dag R) at each gate, R moving back past it as G^dag R G. The terms are
     * linear in R, so one walk serves the whole batch.
     */
    private static void blockTerms(FusedBlock blk, double[][] chunkR, BatchParameters p, double[] shared) {
        BatchStep.SharedDense step = blk.step();
        int[] qubits = step.qubits();
        int k = qubits.length;
        double[] r = new double[chunkR[0].length];
        for (double[] c : chunkR) {
            for (int i = 0; i < r.length; i++) {
                r[i] += c[i];
            }
        }
        for (int i = step.ops().size() - 1; i >= 0; i--) {
            BatchOp op = step.ops().get(i);
            int[] pos = BatchStep.positions(op.qubits, qubits);
            double[] args = op.args(p, 0);
            double[] gd = Matrices.dagger(op.gate.matrix(op.qubits.length, args));
            for (int a = 0; a < op.param.length; a++) {
                if (op.param[a] < 0 || op.coefficient[a] == 0) {
                    continue;
                }
                double[] e = Matrices.multiply(op.gate.derivative(op.qubits.length, a, args), gd);
                shared[op.param[a]] += op.coefficient[a] * 2 * traceProduct(e, pos, r, k);
            }
            // R := G^dag R G = (G^dag (G^dag R)^dag)^dag
            BatchStep.SharedDense.applyToColumns(r, k, gd, pos);
            double[] t = Matrices.dagger(r);
            BatchStep.SharedDense.applyToColumns(t, k, gd, pos);
            r = Matrices.dagger(t);
        }
    }

    /** Re Tr(E R), E acting on the block positions {@code pos} (identity on the block's other qubits). */
    private static double traceProduct(double[] e, int[] pos, double[] r, int k) {
        int d = 1 << k, de = 1 << pos.length, gm = 0;
        for (int q : pos) {
            gm |= 1 << q;
        }
        double sum = 0;
        for (int y = 0; y < d; y++) {
            int ly = BatchStep.local(y, pos);
            for (int x = 0; x < d; x++) {
                if ((x & ~gm) != (y & ~gm)) {
                    continue;
                }
                int lx = BatchStep.local(x, pos);
                double er = e[2 * (ly * de + lx)], ei = e[2 * (ly * de + lx) + 1];
                double rr = r[2 * (x * d + y)], ri = r[2 * (x * d + y) + 1];
                sum += er * rr - ei * ri;
            }
        }
        return sum;
    }

    /**
     * Adds every symbolic argument's term of the group's gates, taken at the group's end (psi,
     * lambda): first those taken one by one, then the group's one scan.
     */
    private static void termsOf(GateGroup g, BatchParameters p, double[] lr, double[] li, double[] pr, double[] pi,
                                int batch, int b0, int b1, int n, double[][] m, double[] outRe, double[] outIm,
                                double[][] wk, double[][] perMember, double[][] sharedTerms) {
        for (BatchOp op : g.oneByOne()) {
            for (int a = 0; a < op.param.length; a++) {
                if (op.param[a] < 0 || op.coefficient[a] == 0) {
                    continue;
                }
                Arrays.fill(outRe, b0, b1, 0);
                Arrays.fill(outIm, b0, b1, 0);
                term(op, a, p, lr, li, pr, pi, batch, b0, b1, n, m, outRe, outIm);
                accumulate(op, a, outRe, 1, b0, b1, perMember, sharedTerms);
            }
        }
        int t = g.oneScan().size();
        if (t == 0) {
            return;
        }
        double[][] out = Arrays.copyOfRange(wk, 12, 12 + t);
        for (double[] o : out) {
            Arrays.fill(o, b0, b1, 0);
        }
        if (g.diagonal()) {
            // dD D^dag = i diag(phi'): the term 2 Re <l| i phi' |psi> = -2 sum phi' Im(conj(l) psi)
            Kernels.diagonalTerms(lr, li, pr, pi, batch, b0, b1, n, g.qubits(), g.phases(), out);
            for (int k = 0; k < t; k++) {
                accumulate(g.oneScan().get(k), 0, out[k], -2, b0, b1, perMember, sharedTerms);
            }
        } else {
            // rotations: 2 Re <l| -i/2 P |psi> = Im <l|P|psi>
            Kernels.pauliTerms(lr, li, pr, pi, batch, b0, b1, n, g.x(), g.z(), out);
            for (int k = 0; k < t; k++) {
                accumulate(g.oneScan().get(k), 0, out[k], 1, b0, b1, perMember, sharedTerms);
            }
        }
    }

    private static void accumulate(BatchOp op, int a, double[] term, double scale, int b0, int b1,
                                   double[][] perMember, double[][] sharedTerms) {
        double[] into = perMember[op.param[a]] != null ? perMember[op.param[a]] : sharedTerms[op.param[a]];
        double c = op.coefficient[a] * scale;
        for (int b = b0; b < b1; b++) {
            into[b] += c * term[b];
        }
    }

    /**
     * Un-applies a group from psi and lambda: shared diagonal gates as one phase table (its inverse
     * made once per call), the rest gate by gate (a tensor-product block of one-qubit daggers costs
     * more than the one-qubit kernel).
     */
    private static void unapplyGroup(GateGroup g, double[] inverseTable, BatchParameters p, double[] pr, double[] pi,
                                     double[] lr, double[] li, int batch, int b0, int b1, int n, double[][] m) {
        if (g.oneTable()) {
            int[] qubits = BatchStep.qubitsOf(g.mask());
            Kernels.diagonal(pr, pi, batch, b0, b1, n, qubits, inverseTable);
            Kernels.diagonal(lr, li, batch, b0, b1, n, qubits, inverseTable);
            return;
        }
        for (BatchOp op : g.ops()) {
            unapply(op, p, pr, pi, lr, li, batch, b0, b1, n, m);
        }
    }

    /**
     * Writes the derivative term of argument a, per member, into outRe (outIm is scratch): the
     * overlap with the argument's generator where it has a closed form (the overlap kernel called with
     * its two outputs swapped where the term is the imaginary part), dG G^dag member by member where
     * not.
     */
    private static void term(BatchOp op, int a, BatchParameters p, double[] lr, double[] li, double[] pr, double[] pi,
                             int batch, int b0, int b1, int n, double[][] m, double[] outRe, double[] outIm) {
        GateTape.Generator gen = op.generator(a);
        if (gen instanceof GateTape.PauliRotation r) {
            // 2 Re <l| -i/2 P |psi> = Im <l|P|psi>: the overlap's imaginary part, written into outRe
            Kernels.pauliOverlap(lr, li, pr, pi, batch, b0, b1, n, r.xMask(), r.zMask(), r.controlMask(), outIm,
                    outRe);
        } else if (gen instanceof GateTape.Projector proj) {
            // E = i |1..1><1..1|: 2 Re(i <l|Pi|psi>) = -2 Im <l|Pi|psi>
            Kernels.pauliOverlap(lr, li, pr, pi, batch, b0, b1, n, 0, 0, proj.mask(), outIm, outRe);
            for (int b = b0; b < b1; b++) {
                outRe[b] *= -2;
            }
        } else {
            // dG G^dag on the target (controlled gates: the control-1 block), member by member
            derivativeTimesDagger(op, a, p, b0, b1, m);
            Kernels.overlap1Member(lr, li, pr, pi, batch, b0, b1, n, op.target(), op.controlMask, m, outRe);
            for (int b = b0; b < b1; b++) {
                outRe[b] *= 2;
            }
        }
    }

    private static void derivativeTimesDagger(BatchOp op, int a, BatchParameters p, int b0, int b1, double[][] m) {
        Gate base = op.baseGate();
        for (int b = b0; b < b1; b++) {
            double[] args = op.args(p, b);
            double[] d = base.derivative(1, a, args), u = base.matrix(1, args);
            // E = d u^dag
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    double sr = 0, si = 0;
                    for (int k = 0; k < 2; k++) {
                        double dr = d[2 * (r * 2 + k)], di = d[2 * (r * 2 + k) + 1];
                        double ur = u[2 * (c * 2 + k)], ui = -u[2 * (c * 2 + k) + 1]; // (u^dag)[k][c] = conj(u[c][k])
                        sr += dr * ur - di * ui;
                        si += dr * ui + di * ur;
                    }
                    m[2 * (r * 2 + c)][b] = sr;
                    m[2 * (r * 2 + c) + 1][b] = si;
                }
            }
        }
    }

    /** Applies G^dag of {@code op} to psi and lambda for members [b0, b1). */
    private static void unapply(BatchOp op, BatchParameters p, double[] pr, double[] pi, double[] lr, double[] li,
                                int batch, int b0, int b1, int n, double[][] m) {
        if (op.isOneTarget() && !op.perMember) {
            double[] u = Matrices.dagger(op.baseGate().matrix(1, op.args(p, 0)));
            Kernels.dense1(pr, pi, batch, b0, b1, n, op.target(), op.controlMask, u);
            Kernels.dense1(lr, li, batch, b0, b1, n, op.target(), op.controlMask, u);
        } else if (op.isOneTarget()) {
            op.targetMatrices(p, b0, b1, m);
            for (int b = b0; b < b1; b++) {
                // conjugate transpose: swap 01 <-> 10, negate imaginary parts
                double r01 = m[2][b], i01 = m[3][b];
                m[2][b] = m[4][b];
                m[3][b] = -m[5][b];
                m[4][b] = r01;
                m[5][b] = -i01;
                m[1][b] = -m[1][b];
                m[7][b] = -m[7][b];
            }
            Kernels.dense1Member(pr, pi, batch, b0, b1, n, op.target(), op.controlMask, m);
            Kernels.dense1Member(lr, li, batch, b0, b1, n, op.target(), op.controlMask, m);
        } else if (op.isPermutation()) {
            int[] q = op.qubits;
            int cond, value, flip;
            if (op.gate == Gate.SWAP) {
                cond = op.mask;
                value = 1 << q[0];
                flip = op.mask;
            } else { // cswap
                cond = op.mask;
                value = (1 << q[0]) | (1 << q[1]);
                flip = (1 << q[1]) | (1 << q[2]);
            }
            Kernels.swapRows(pr, pi, batch, b0, b1, n, cond, value, flip);
            Kernels.swapRows(lr, li, batch, b0, b1, n, cond, value, flip);
        } else if (op.isDiagonal()) {
            int d = 1 << op.qubits.length;
            double[][] phRe = new double[d][batch], phIm = new double[d][batch];
            double[] r = new double[d], im = new double[d];
            for (int b = b0; b < b1; b++) {
                op.diagonal(p, b, r, im, d);
                for (int j = 0; j < d; j++) {
                    phRe[j][b] = r[j];
                    phIm[j][b] = -im[j];
                }
            }
            Kernels.diagonalMember(pr, pi, batch, b0, b1, n, op.qubits, phRe, phIm);
            Kernels.diagonalMember(lr, li, batch, b0, b1, n, op.qubits, phRe, phIm);
        } else {
            // a shared dense gate on several targets (rxx, ryy): its dagger as one dense block
            double[] g = Matrices.dagger(op.matrix(p, 0));
            int k = op.qubits.length, d = 1 << k;
            int[] offsets = new int[d];
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < k; i++) {
                    if (((j >>> i) & 1) != 0) {
                        offsets[j] |= 1 << op.qubits[i];
                    }
                }
            }
            double[] scratch = new double[2 * d * (b1 - b0)];
            Kernels.dense(pr, pi, batch, b0, b1, n, op.mask, offsets, g, scratch);
            Kernels.dense(lr, li, batch, b0, b1, n, op.mask, offsets, g, scratch);
        }
    }
}
