package org.qtune.sim.batch;

import java.util.List;
import org.qtune.circuit.Gate;
import org.qtune.circuit.PauliString;

/**
 * Adjoint differentiation of every member at once: from the final states psi_b and
 * lambda_b = sum_j w[j][b] O_j psi_b, one backward sweep over the program's gates (unfused) un-applies
 * each gate from both and, for each symbolic argument, adds its term 2 Re <lambda| dG G^dag |psi>.
 * Rotations use their generators (rx: -i/2 X, crz: -i/2 |1><1| Z, p: i |1><1|, rzz: -i/2 ZZ, ...), so
 * their terms are one overlap pass each; u2, u3 and cu3 take dG G^dag per member. The sweep runs
 * over contiguous member blocks on the program's threads; shared parameters' terms are kept per
 * member and summed in member order, so the result does not depend on the thread count. The
 * workspace is kept between calls for the same batch size.
 */
public final class BatchAdjoint {
    private final BatchProgram program;
    private BatchState lambda;
    private double[][][] work; // per thread: 8 matrix arrays + overlap outputs (re, im)
    private double[][] sharedTerms;
    private double[][] denseScratch;

    /**
     * Consecutive gates that commute — all diagonal, or one-qubit gates on distinct qubits — form a
     * group: the backward sweep takes all of a group's terms from the same (psi, lambda) in one pass
     * (each gate may be treated as the group's last) and un-applies the group at once where its gates
     * are shared (one phase table, or one tensor-product block).
     */
    static final class Group {
        final List<Integer> ops = new java.util.ArrayList<>();
        int mask;
        boolean diagonal = true;
        boolean disjointOneQubit = true;
        boolean shared = true;
    }

    /**
     * A shared block of the forward program (a fused run of shared gates on at most 4 qubits): its
     * terms summed over a chunk of members come from the block's reduced outer product
     * R = sum psi lambda^dag (one pass over the chunk), walked back through the block's gates as a
     * 2^k x 2^k matrix; the block is then un-applied from psi and lambda as one matrix.
     */
    static final class Block {
        final BatchStep.SharedDense step;
        /** Per call: each member chunk's R (chunk c at [c]), summed in chunk order after the sweep. */
        double[][] chunkR;
        /** Per call: the block's matrix, inverted. */
        double[] inverse;

        Block(BatchStep.SharedDense step) {
            this.step = step;
        }
    }

    /** The backward sweep: groups and blocks, in backward order. */
    private final List<Object> units = new java.util.ArrayList<>();
    private final int maxTerms;

    public BatchAdjoint(BatchProgram program) {
        this.program = program;
        java.util.IdentityHashMap<BatchOp, Integer> index = new java.util.IdentityHashMap<>();
        for (int k = 0; k < program.ops.size(); k++) {
            index.put(program.ops.get(k), k);
        }
        // the forward's step order is a valid order of the gates (fusion only moves commuting gates);
        // its shared blocks stay blocks (measured: forming blocks the forward did not costs more than
        // it saves, the reduced outer product of a 4-qubit block being 256 sums per amplitude pair)
        List<Object> forward = new java.util.ArrayList<>();
        List<Integer> run = new java.util.ArrayList<>();
        for (BatchStep step : program.steps()) {
            boolean symbolic = step.ops.stream().anyMatch(BatchOp::isSymbolic);
            if (step instanceof BatchStep.SharedDense sd && step.ops.size() > 1 && symbolic
                    && Integer.bitCount(step.mask) <= 4) {
                if (!run.isEmpty()) {
                    forward.add(run);
                    run = new java.util.ArrayList<>();
                }
                forward.add(new Block(sd));
            } else {
                for (BatchOp op : step.ops) {
                    run.add(index.get(op));
                }
            }
        }
        if (!run.isEmpty()) {
            forward.add(run);
        }
        int terms = 1;
        for (int u = forward.size() - 1; u >= 0; u--) {
            if (forward.get(u) instanceof Block b) {
                units.add(b);
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Integer> ops = (List<Integer>) forward.get(u);
            Group current = null;
            for (int i = ops.size() - 1; i >= 0; i--) {
                int k = ops.get(i);
                BatchOp op = program.ops.get(k);
                boolean oneQubit = op.qubits.length == 1;
                boolean joins = current != null
                        && ((current.diagonal && op.isDiagonal() && Integer.bitCount(current.mask | op.mask) <= 10)
                            || (current.disjointOneQubit && oneQubit && (current.mask & op.mask) == 0));
                if (!joins) {
                    current = new Group();
                    current.disjointOneQubit = oneQubit;
                    units.add(current);
                } else {
                    current.disjointOneQubit &= oneQubit && (current.mask & op.mask) == 0;
                }
                current.diagonal &= op.isDiagonal();
                current.shared &= !op.perMember;
                current.mask |= op.mask;
                current.ops.add(k);
                terms = Math.max(terms, current.ops.size());
            }
        }
        this.maxTerms = terms;
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
        int n = psi.numQubits(), batch = psi.batch(), params = program.circuit().numParameters();
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
        if (lambda == null || lambda.batch() != batch || lambda.numQubits() != n) {
            lambda = BatchState.zero(n, batch);
            work = new double[16][][];
            sharedTerms = new double[params][batch];
        }
        double[][] perMember = new double[params][];
        for (int q = 0; q < params; q++) {
            if (program.isPerMember(q)) {
                perMember[q] = new double[batch];
            } else {
                java.util.Arrays.fill(sharedTerms[q], 0);
            }
        }
        double[][] values = new double[readouts.size()][batch];
        int chunks = (batch + BatchProgram.CHUNK - 1) / BatchProgram.CHUNK;
        for (Object unit : units) {
            if (unit instanceof Block blk) {
                blk.step.prepare(p);
                int d = 1 << Integer.bitCount(blk.step.mask);
                if (blk.chunkR == null || blk.chunkR.length != chunks) {
                    blk.chunkR = new double[chunks][2 * d * d];
                } else {
                    for (double[] c : blk.chunkR) {
                        java.util.Arrays.fill(c, 0);
                    }
                }
                blk.inverse = org.qtune.circuit.Matrices.dagger(blk.step.matrix());
            }
        }
        final double[] lr = lambda.re, li = lambda.im, pr = psi.re, pi = psi.im;
        List<BatchOp> ops = program.ops;
        // the whole sweep runs block by block, the forward's member blocks: 2 MiB of each state (measured
        // at 8 qubits: 1.15x faster than 8 MiB blocks at a batch of 1024, 1.5x at 4096, where two 8 MiB
        // states no longer stay in L3 through the sweep)
        int block = BatchProgram.memberBlock(n);
        program.forMembers(batch, (t0, t1, w) -> {
          for (int b0 = t0; b0 < t1; b0 += block) {
            int b1 = Math.min(t1, b0 + block);
            double[][] ws = workspace(w, batch);
            double[][] m = java.util.Arrays.copyOfRange(ws, 0, 8);
            double[] outRe = ws[8], outIm = ws[9];
            for (int i = 0; i < (1 << n); i++) {
                java.util.Arrays.fill(lr, i * batch + b0, i * batch + b1, 0);
                java.util.Arrays.fill(li, i * batch + b0, i * batch + b1, 0);
            }
            for (int j = 0; j < readouts.size(); j++) {
                PauliString r = readouts.get(j);
                java.util.Arrays.fill(outRe, b0, b1, 0);
                java.util.Arrays.fill(outIm, b0, b1, 0);
                Kernels.pauliOverlap(pr, pi, pr, pi, batch, b0, b1, n, (int) r.xMask(), (int) r.zMask(), 0, outRe,
                        outIm);
                System.arraycopy(outRe, b0, values[j], b0, b1 - b0);
                Kernels.addPauli(pr, pi, lr, li, batch, b0, b1, n, (int) r.xMask(), (int) r.zMask(), upstream[j]);
            }
            for (Object unit : units) {
                if (unit instanceof Block blk) {
                    blockBackward(blk, pr, pi, lr, li, batch, b0, b1, n, denseScratch(w, b1 - b0));
                    continue;
                }
                Group g = (Group) unit;
                termsOf(g, ops, p, lr, li, pr, pi, batch, b0, b1, n, m, outRe, outIm, ws, perMember);
                unapplyGroup(g, ops, p, pr, pi, lr, li, batch, b0, b1, n, m, ws);
            }
          }
        });
        double[] shared = new double[params];
        for (int q = 0; q < params; q++) {
            if (perMember[q] == null) {
                double sum = 0;
                for (int b = 0; b < batch; b++) {
                    sum += sharedTerms[q][b];
                }
                shared[q] = sum;
            }
        }
        for (Object unit : units) {
            if (unit instanceof Block blk) {
                blockTerms(blk, p, shared);
            }
        }
        return new BatchGradient(shared, perMember, values);
    }

    /** Per worker: room for a 4-qubit block's dense kernel over {@code members} members. */
    private double[] denseScratch(int worker, int members) {
        synchronized (this) {
            int need = 2 * 16 * members;
            if (denseScratch == null || denseScratch.length != work.length) {
                denseScratch = new double[work.length][];
            }
            if (denseScratch[worker] == null || denseScratch[worker].length < need) {
                denseScratch[worker] = new double[need];
            }
            return denseScratch[worker];
        }
    }

    private double[][] workspace(int worker, int batch) {
        synchronized (this) {
            if (work[worker] == null || work[worker][0].length != batch) {
                double[][] ws = new double[12 + maxTerms][batch];
                work[worker] = ws;
            }
            return work[worker];
        }
    }

    /**
     * A shared block during the sweep: each member chunk's reduced outer product R = sum psi
     * lambda^dag over the block's qubits (chunks start on multiples of {@link BatchProgram#CHUNK}),
     * kept for {@link #blockTerms}; then the block is un-applied from psi and lambda as one matrix.
     */
    private void blockBackward(Block blk, double[] pr, double[] pi, double[] lr, double[] li,
                               int batch, int b0, int b1, int n, double[] scratch) {
        BatchStep.SharedDense step = blk.step;
        int[] qubits = step.qubits(), offsets = step.offsets();
        int k = qubits.length, d = 1 << k;
        for (int c0 = b0; c0 < b1; c0 += BatchProgram.CHUNK) {
            int c1 = Math.min(b1, c0 + BatchProgram.CHUNK);
            Kernels.blockOuter(pr, pi, lr, li, batch, c0, c1, n, step.mask, offsets, blk.chunkR[c0 / BatchProgram.CHUNK]);
        }
        double[] inverse = blk.inverse;
        if (k == 1) {
            Kernels.dense1(pr, pi, batch, b0, b1, n, qubits[0], 0, inverse);
            Kernels.dense1(lr, li, batch, b0, b1, n, qubits[0], 0, inverse);
        } else {
            Kernels.dense(pr, pi, batch, b0, b1, n, step.mask, offsets, inverse, scratch);
            Kernels.dense(lr, li, batch, b0, b1, n, step.mask, offsets, inverse, scratch);
        }
    }

    /**
     * A block's terms from R summed over all chunks (in chunk order: the same sum for any thread
     * count): 2 Re Tr(dG G^dag R) at each gate, R moving back past it as G^dag R G. The terms are
     * linear in R, so one walk serves the whole batch.
     */
    private static void blockTerms(Block blk, BatchParameters p, double[] shared) {
        BatchStep.SharedDense step = blk.step;
        int[] qubits = step.qubits();
        int k = qubits.length;
        double[] r = new double[blk.chunkR[0].length];
        for (double[] c : blk.chunkR) {
            for (int i = 0; i < r.length; i++) {
                r[i] += c[i];
            }
        }
        for (int i = step.ops.size() - 1; i >= 0; i--) {
            BatchOp op = step.ops.get(i);
            int[] pos = BatchStep.positions(op.qubits, qubits);
            double[] args = op.args(p, 0);
            double[] gd = org.qtune.circuit.Matrices.dagger(op.gate.matrix(op.qubits.length, args));
            for (int a = 0; a < op.param.length; a++) {
                if (op.param[a] < 0 || op.coefficient[a] == 0) {
                    continue;
                }
                double[] e = org.qtune.circuit.Matrices.multiply(op.gate.derivative(op.qubits.length, a, args), gd);
                shared[op.param[a]] += op.coefficient[a] * 2 * traceProduct(e, pos, r, k);
            }
            // R := G^dag R G = (G^dag (G^dag R)^dag)^dag
            BatchStep.SharedDense.applyToColumns(r, k, gd, pos);
            double[] t = org.qtune.circuit.Matrices.dagger(r);
            BatchStep.SharedDense.applyToColumns(t, k, gd, pos);
            r = org.qtune.circuit.Matrices.dagger(t);
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

    /** Adds every symbolic argument's term of the group's gates, taken at the group's end (psi, lambda). */
    private void termsOf(Group g, List<BatchOp> ops, BatchParameters p, double[] lr, double[] li, double[] pr,
                         double[] pi, int batch, int b0, int b1, int n, double[][] m, double[] outRe, double[] outIm,
                         double[][] ws, double[][] perMember) {
        List<BatchOp> batched = new java.util.ArrayList<>();
        for (int k : g.ops) {
            BatchOp op = ops.get(k);
            if (!op.isSymbolic()) {
                continue;
            }
            boolean oneTerm = op.param.length == 1 && op.coefficient[0] != 0;
            if (oneTerm && (g.diagonal ? op.phaseDerivative() != null
                    : g.disjointOneQubit && (op.gate == Gate.RX || op.gate == Gate.RY || op.gate == Gate.RZ))) {
                batched.add(op);
                continue;
            }
            for (int a = 0; a < op.param.length; a++) {
                if (op.param[a] < 0 || op.coefficient[a] == 0) {
                    continue;
                }
                java.util.Arrays.fill(outRe, b0, b1, 0);
                java.util.Arrays.fill(outIm, b0, b1, 0);
                term(op, a, p, lr, li, pr, pi, batch, b0, b1, n, m, outRe, outIm);
                accumulate(op, a, outRe, 1, b0, b1, perMember);
            }
        }
        if (batched.isEmpty()) {
            return;
        }
        int t = batched.size();
        double[][] out = java.util.Arrays.copyOfRange(ws, 12, 12 + t);
        for (double[] o : out) {
            java.util.Arrays.fill(o, b0, b1, 0);
        }
        if (g.diagonal) {
            int[][] qubits = new int[t][];
            double[][] e = new double[t][];
            for (int k = 0; k < t; k++) {
                qubits[k] = batched.get(k).qubits;
                e[k] = batched.get(k).phaseDerivative();
            }
            // dD D^dag = i diag(phi'): the term 2 Re <l| i phi' |psi> = -2 sum phi' Im(conj(l) psi)
            Kernels.diagonalTerms(lr, li, pr, pi, batch, b0, b1, n, qubits, e, out);
            for (int k = 0; k < t; k++) {
                accumulate(batched.get(k), 0, out[k], -2, b0, b1, perMember);
            }
        } else {
            int[] x = new int[t], z = new int[t];
            for (int k = 0; k < t; k++) {
                BatchOp op = batched.get(k);
                x[k] = op.gate == Gate.RZ ? 0 : op.mask;
                z[k] = op.gate == Gate.RX ? 0 : op.mask;
            }
            // rotations: 2 Re <l| -i/2 P |psi> = Im <l|P|psi>
            Kernels.pauliTerms(lr, li, pr, pi, batch, b0, b1, n, x, z, out);
            for (int k = 0; k < t; k++) {
                accumulate(batched.get(k), 0, out[k], 1, b0, b1, perMember);
            }
        }
    }

    private void accumulate(BatchOp op, int a, double[] term, double scale, int b0, int b1, double[][] perMember) {
        double[] into = perMember[op.param[a]] != null ? perMember[op.param[a]] : sharedTerms[op.param[a]];
        double c = op.coefficient[a] * scale;
        for (int b = b0; b < b1; b++) {
            into[b] += c * term[b];
        }
    }

    /**
     * Un-applies a group from psi and lambda: shared diagonal gates as one phase table, the rest gate
     * by gate (a tensor-product block of one-qubit daggers costs more than the one-qubit kernel).
     */
    private static void unapplyGroup(Group g, List<BatchOp> ops, BatchParameters p, double[] pr, double[] pi,
                                     double[] lr, double[] li, int batch, int b0, int b1, int n, double[][] m,
                                     double[][] ws) {
        if (g.ops.size() > 1 && g.shared && g.diagonal) {
            BatchStep.SharedDiagonal table = new BatchStep.SharedDiagonal();
            for (int i : g.ops) {
                table.ops.add(ops.get(i));
            }
            table.mask = g.mask;
            table.prepare(p);
            table.conjugate();
            table.apply(pr, pi, batch, b0, b1, n, p, null);
            table.apply(lr, li, batch, b0, b1, n, p, null);
            return;
        }
        for (int i : g.ops) {
            unapply(ops.get(i), p, pr, pi, lr, li, batch, b0, b1, n, m, ws);
        }
    }

    /**
     * Writes the derivative term of argument a, per member, into outRe (outIm is scratch). The
     * overlap kernel is called with its two outputs swapped where the term is the imaginary part.
     */
    private static void term(BatchOp op, int a, BatchParameters p, double[] lr, double[] li, double[] pr, double[] pi,
                             int batch, int b0, int b1, int n, double[][] m, double[] outRe, double[] outIm) {
        Gate g = op.gate;
        int t = op.target();
        switch (g) {
            case RX, RY, RZ, CRX, CRY, CRZ -> {
                Gate base = op.baseGate();
                int x = base == Gate.RZ ? 0 : 1 << t, z = base == Gate.RX ? 0 : 1 << t;
                // 2 Re <l| -i/2 P |psi> = Im <l|P|psi>: the overlap's imaginary part, written into outRe
                Kernels.pauliOverlap(lr, li, pr, pi, batch, b0, b1, n, x, z, op.controlMask, outIm, outRe);
            }
            case RXX, RYY, RZZ -> {
                int both = (1 << op.qubits[0]) | (1 << op.qubits[1]);
                int x = g == Gate.RZZ ? 0 : both, z = g == Gate.RXX ? 0 : both;
                Kernels.pauliOverlap(lr, li, pr, pi, batch, b0, b1, n, x, z, 0, outIm, outRe);
            }
            case P, CP -> {
                // E = i |1..1><1..1|: 2 Re(i <l|Pi|psi>) = -2 Im <l|Pi|psi>
                Kernels.pauliOverlap(lr, li, pr, pi, batch, b0, b1, n, 0, 0, op.mask, outIm, outRe);
                for (int b = b0; b < b1; b++) {
                    outRe[b] *= -2;
                }
            }
            default -> {
                // dG G^dag on the target (controlled gates: the control-1 block), member by member
                derivativeTimesDagger(op, a, p, b0, b1, m);
                Kernels.overlap1Member(lr, li, pr, pi, batch, b0, b1, n, t, op.controlMask, m, outRe);
                for (int b = b0; b < b1; b++) {
                    outRe[b] *= 2;
                }
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
                                int batch, int b0, int b1, int n, double[][] m, double[][] ws) {
        if (op.isOneTarget() && !op.perMember) {
            double[] u = org.qtune.circuit.Matrices.dagger(op.baseGate().matrix(1, op.args(p, 0)));
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
            double[] g = org.qtune.circuit.Matrices.dagger(op.matrix(p, 0));
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
