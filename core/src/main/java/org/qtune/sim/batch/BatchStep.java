package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * One pass of a batched program over the members [b0, b1): a fused group of gates. Immutable: a step
 * holds its gates and what is fixed (qubits, offsets, the matrix or phase table of gates without
 * parameters); {@link #prepare} computes what all members share for one run's parameters (a fused
 * matrix, a phase table), which the caller keeps and hands to {@link #apply} with each member block,
 * and {@link #apply} runs the kernel, computing per-member matrices or phases for its own members in
 * the thread's {@link Scratch}.
 */
sealed interface BatchStep permits BatchStep.SharedDense, BatchStep.SharedDiagonal, BatchStep.MemberOne,
        BatchStep.MemberDiagonal, BatchStep.Swap {
    /** The gates, in order. */
    List<BatchOp> ops();

    /** The qubits the gates act on. */
    int mask();

    /** What every member shares at these parameters (null when nothing is). */
    double[] prepare(BatchParameters p);

    /** Runs the step on members [b0, b1); {@code prepared} is what {@link #prepare} returned for p. */
    void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p, double[] prepared,
               Scratch s);

    /** Per-thread buffers, sized for the program and the batch. */
    static final class Scratch {
        final double[][] m = new double[8][];
        final double[][] t = new double[8][];
        final double[][] phRe;
        final double[][] phIm;
        final double[] dense;
        final double[] one = new double[16];
        final double[] two = new double[16];

        Scratch(int batch, int maxDenseQubits, int maxMemberDiagonalQubits, int memberRange) {
            for (int k = 0; k < 8; k++) {
                m[k] = new double[batch];
                t[k] = new double[batch];
            }
            phRe = new double[1 << maxMemberDiagonalQubits][batch];
            phIm = new double[1 << maxMemberDiagonalQubits][batch];
            dense = new double[2 * (1 << maxDenseQubits) * memberRange];
        }
    }

    /** The gates and one more (a new list). */
    static List<BatchOp> appended(List<BatchOp> ops, BatchOp op) {
        List<BatchOp> more = new ArrayList<>(ops);
        more.add(op);
        return more;
    }

    /** Whether no gate reads a parameter (then what the gates share is the same at every run). */
    static boolean allFixed(List<BatchOp> ops) {
        for (BatchOp op : ops) {
            if (op.isSymbolic()) {
                return false;
            }
        }
        return true;
    }

    /** For each of qubits, its index in {@code within}, or -1. */
    static int[] positions(int[] qubits, int[] within) {
        int[] pos = new int[qubits.length];
        for (int j = 0; j < qubits.length; j++) {
            pos[j] = -1;
            for (int k = 0; k < within.length; k++) {
                if (within[k] == qubits[j]) {
                    pos[j] = k;
                }
            }
        }
        return pos;
    }

    static int[] qubitsOf(int mask) {
        int[] q = new int[Integer.bitCount(mask)];
        for (int j = 0, m = mask; m != 0; j++, m &= m - 1) {
            q[j] = Integer.numberOfTrailingZeros(m);
        }
        return q;
    }

    /**
     * Shared gates fused into one dense matrix on at most a few qubits (matrix bit j = qubits[j];
     * offsets[j] the index offset of pattern j); {@code fixed}: the matrix when no gate has a
     * parameter, else null and made per run.
     */
    record SharedDense(List<BatchOp> ops, int mask, int[] qubits, int[] offsets, double[] fixed) implements BatchStep {
        public SharedDense {
            ops = List.copyOf(ops);
        }

        /** The block of these gates on the qubits of mask, its matrix made now when it is fixed. */
        static SharedDense of(List<BatchOp> ops, int mask) {
            int[] qubits = qubitsOf(mask);
            int k = qubits.length, d = 1 << k;
            int[] offsets = new int[d];
            for (int j = 0; j < d; j++) {
                int o = 0;
                for (int i = 0; i < k; i++) {
                    if (((j >>> i) & 1) != 0) {
                        o |= 1 << qubits[i];
                    }
                }
                offsets[j] = o;
            }
            return new SharedDense(ops, mask, qubits, offsets, allFixed(ops) ? matrix(ops, qubits, null) : null);
        }

        /** The same block with one more gate. */
        SharedDense with(BatchOp op) {
            return of(appended(ops, op), mask | op.mask);
        }

        @Override
        public double[] prepare(BatchParameters p) {
            return fixed != null ? fixed : matrix(ops, qubits, p);
        }

        /**
         * The block's matrix at p: one-qubit gates are multiplied into a pending 2x2 per position and
         * applied to the block only when a multi-qubit gate needs that position (or at the end), so a
         * chain of rotations costs one pass over the block's columns, not one per gate.
         */
        static double[] matrix(List<BatchOp> ops, int[] qubits, BatchParameters p) {
            int k = qubits.length, d = 1 << k;
            double[] m = new double[2 * d * d];
            for (int j = 0; j < d; j++) {
                m[2 * (j * d + j)] = 1;
            }
            double[][] pending = new double[k][];
            for (BatchOp op : ops) {
                int[] pos = positions(op.qubits, qubits);
                double[] g = op.matrix(p, 0);
                if (pos.length == 1) {
                    pending[pos[0]] = pending[pos[0]] == null ? g : multiply2(g, pending[pos[0]]);
                    continue;
                }
                for (int q : pos) {
                    if (pending[q] != null) {
                        applyToColumns(m, k, pending[q], new int[] {q});
                        pending[q] = null;
                    }
                }
                applyToColumns(m, k, g, pos);
            }
            for (int q = 0; q < k; q++) {
                if (pending[q] != null) {
                    applyToColumns(m, k, pending[q], new int[] {q});
                }
            }
            return m;
        }

        @Override
        public void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p,
                          double[] matrix, Scratch s) {
            if (qubits.length == 1) {
                Kernels.dense1(re, im, batch, b0, b1, n, qubits[0], 0, matrix);
            } else {
                Kernels.dense(re, im, batch, b0, b1, n, mask, offsets, matrix, s.dense);
            }
        }

        /** a b for 2x2 complex matrices (interleaved). */
        static double[] multiply2(double[] a, double[] b) {
            double[] c = new double[8];
            for (int r = 0; r < 2; r++) {
                for (int col = 0; col < 2; col++) {
                    double sr = 0, si = 0;
                    for (int k = 0; k < 2; k++) {
                        double ar = a[2 * (r * 2 + k)], ai = a[2 * (r * 2 + k) + 1];
                        double br = b[2 * (k * 2 + col)], bi = b[2 * (k * 2 + col) + 1];
                        sr += ar * br - ai * bi;
                        si += ar * bi + ai * br;
                    }
                    c[2 * (r * 2 + col)] = sr;
                    c[2 * (r * 2 + col) + 1] = si;
                }
            }
            return c;
        }

        /** m := G m, with G acting on the given positions of a k-qubit block (column by column). */
        static void applyToColumns(double[] m, int k, double[] g, int[] pos) {
            int d = 1 << k, a = pos.length, dg = 1 << a;
            int gmask = 0;
            int[] off = new int[dg];
            for (int j = 0; j < dg; j++) {
                for (int i = 0; i < a; i++) {
                    if (((j >>> i) & 1) != 0) {
                        off[j] |= 1 << pos[i];
                    }
                }
            }
            for (int p : pos) {
                gmask |= 1 << p;
            }
            double[] inR = new double[dg], inI = new double[dg];
            for (int col = 0; col < d; col++) {
                for (int base = 0; base < d; base++) {
                    if ((base & gmask) != 0) {
                        continue;
                    }
                    for (int j = 0; j < dg; j++) {
                        int r = base | off[j];
                        inR[j] = m[2 * (r * d + col)];
                        inI[j] = m[2 * (r * d + col) + 1];
                    }
                    for (int r = 0; r < dg; r++) {
                        double sr = 0, si = 0;
                        for (int c = 0; c < dg; c++) {
                            double gr = g[2 * (r * dg + c)], gi = g[2 * (r * dg + c) + 1];
                            sr += gr * inR[c] - gi * inI[c];
                            si += gr * inI[c] + gi * inR[c];
                        }
                        int row = base | off[r];
                        m[2 * (row * d + col)] = sr;
                        m[2 * (row * d + col) + 1] = si;
                    }
                }
            }
        }
    }

    /**
     * Shared diagonal gates (any number, on any qubits) as one table of phases over qubits;
     * {@code fixed}: the table when no gate has a parameter, else null and made per run.
     */
    record SharedDiagonal(List<BatchOp> ops, int mask, int[] qubits, double[] fixed) implements BatchStep {
        public SharedDiagonal {
            ops = List.copyOf(ops);
        }

        /** The run of these gates, its table made now when it is fixed. */
        static SharedDiagonal of(List<BatchOp> ops, int mask) {
            int[] qubits = qubitsOf(mask);
            return new SharedDiagonal(ops, mask, qubits, allFixed(ops) ? phases(ops, qubits, null) : null);
        }

        /** The same run with one more gate. */
        SharedDiagonal with(BatchOp op) {
            return of(appended(ops, op), mask | op.mask);
        }

        @Override
        public double[] prepare(BatchParameters p) {
            return fixed != null ? fixed : phases(ops, qubits, p);
        }

        /** The product of the gates' phases at p over the patterns of qubits (interleaved re, im). */
        static double[] phases(List<BatchOp> ops, int[] qubits, BatchParameters p) {
            int d = 1 << qubits.length;
            double[] ph = new double[2 * d];
            for (int j = 0; j < d; j++) {
                ph[2 * j] = 1;
            }
            for (BatchOp op : ops) {
                int[] pos = positions(op.qubits, qubits);
                double[] dr = new double[1 << op.qubits.length], di = new double[dr.length];
                op.diagonal(p, 0, dr, di);
                for (int j = 0; j < d; j++) {
                    int local = 0;
                    for (int i = 0; i < pos.length; i++) {
                        local |= ((j >>> pos[i]) & 1) << i;
                    }
                    double r = ph[2 * j], im = ph[2 * j + 1];
                    ph[2 * j] = r * dr[local] - im * di[local];
                    ph[2 * j + 1] = r * di[local] + im * dr[local];
                }
            }
            return ph;
        }

        /** A table's inverse: its phases conjugated (a new array). */
        static double[] conjugate(double[] phases) {
            double[] c = phases.clone();
            for (int j = 1; j < c.length; j += 2) {
                c[j] = -c[j];
            }
            return c;
        }

        @Override
        public void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p,
                          double[] phases, Scratch s) {
            Kernels.diagonal(re, im, batch, b0, b1, n, qubits, phases);
        }
    }

    /**
     * A chain of one-qubit gates on one target (per-member or shared, the chain's product taken per
     * member), or a single controlled per-member gate.
     */
    record MemberOne(List<BatchOp> ops, int mask, int target, int controls) implements BatchStep {
        public MemberOne {
            ops = List.copyOf(ops);
        }

        /** The same chain with one more gate on its target. */
        MemberOne with(BatchOp op) {
            return new MemberOne(appended(ops, op), mask | op.mask, target, controls);
        }

        @Override
        public double[] prepare(BatchParameters p) {
            return null;
        }

        @Override
        public void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p,
                          double[] prepared, Scratch s) {
            double[][] m = s.m, t = s.t;
            ops.get(0).targetMatrices(p, b0, b1, m);
            for (int k = 1; k < ops.size(); k++) {
                ops.get(k).targetMatrices(p, b0, b1, t);
                Kernels.multiply2Member(t, m, b0, b1);
            }
            Kernels.dense1Member(re, im, batch, b0, b1, n, target, controls, m);
        }
    }

    /** Diagonal gates with per-member angles on a few qubits: one per-member phase table. */
    record MemberDiagonal(List<BatchOp> ops, int mask, int[] qubits) implements BatchStep {
        public MemberDiagonal {
            ops = List.copyOf(ops);
        }

        /** The same gates and one more. */
        MemberDiagonal with(BatchOp op) {
            return new MemberDiagonal(appended(ops, op), mask | op.mask, qubitsOf(mask | op.mask));
        }

        @Override
        public double[] prepare(BatchParameters p) {
            return null;
        }

        @Override
        public void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p,
                          double[] prepared, Scratch s) {
            int d = 1 << qubits.length;
            double[][] pr = s.phRe, pi = s.phIm;
            for (int j = 0; j < d; j++) {
                java.util.Arrays.fill(pr[j], b0, b1, 1);
                java.util.Arrays.fill(pi[j], b0, b1, 0);
            }
            for (BatchOp op : ops) {
                int[] pos = positions(op.qubits, qubits);
                int dd = 1 << op.qubits.length;
                double[] phi = op.phaseDerivative();
                if (op.perMember && phi != null) {
                    // e^{i a phi_j}: phi_j are the phase derivatives (-1/2, 0, 1/2, 1), so two trig arrays
                    // of the half or whole angle cover every pattern; the trig is vectorized
                    boolean half = op.gate != org.qtune.circuit.Gate.P && op.gate != org.qtune.circuit.Gate.CP;
                    double[] angle = s.t[0], sin = s.t[1], cos = s.t[2];
                    double[] v = p.raw(op.param[0]);
                    double c0 = op.coefficient[0], o0 = op.offset[0];
                    for (int b = b0; b < b1; b++) {
                        angle[b] = (c0 * v[b] + o0) * (half ? 0.5 : 1);
                    }
                    Kernels.sinCos(angle, sin, cos, b0, b1);
                    for (int j = 0; j < d; j++) {
                        double f = phi[local(j, pos)] * (half ? 2 : 1); // -1, 0 or +1 times the (half) angle
                        if (f == 0) {
                            continue;
                        }
                        double[] xr = pr[j], xi = pi[j];
                        for (int b = b0; b < b1; b++) {
                            double c = cos[b], sn = f * sin[b], x = xr[b], y = xi[b];
                            xr[b] = x * c - y * sn;
                            xi[b] = x * sn + y * c;
                        }
                    }
                    continue;
                }
                double[] r = new double[dd], im2 = new double[dd];
                for (int b = b0; b < b1; b++) {
                    if (b == b0 || op.perMember) {
                        op.diagonal(p, b, r, im2, dd);
                    }
                    for (int j = 0; j < d; j++) {
                        int local = local(j, pos);
                        double x = pr[j][b], y = pi[j][b];
                        pr[j][b] = x * r[local] - y * im2[local];
                        pi[j][b] = x * im2[local] + y * r[local];
                    }
                }
            }
            Kernels.diagonalMember(re, im, batch, b0, b1, n, qubits, pr, pi);
        }
    }

    /** Gathers bits pos[i] of j into bit i. */
    static int local(int j, int[] pos) {
        int local = 0;
        for (int i = 0; i < pos.length; i++) {
            local |= ((j >>> pos[i]) & 1) << i;
        }
        return local;
    }

    /** One permutation gate (x, cx, swap, ccx, cswap, mcx) as row swaps. */
    record Swap(BatchOp op) implements BatchStep {
        @Override
        public List<BatchOp> ops() {
            return List.of(op);
        }

        @Override
        public int mask() {
            return op.mask;
        }

        @Override
        public double[] prepare(BatchParameters p) {
            return null;
        }

        @Override
        public void apply(double[] re, double[] im, int batch, int b0, int b1, int n, BatchParameters p,
                          double[] prepared, Scratch s) {
            int[] q = op.qubits;
            int last = q[q.length - 1];
            switch (op.gate) {
                case SWAP -> Kernels.swapRows(re, im, batch, b0, b1, n, (1 << q[0]) | (1 << q[1]), 1 << q[0],
                        (1 << q[0]) | (1 << q[1]));
                case CSWAP -> Kernels.swapRows(re, im, batch, b0, b1, n, op.mask, (1 << q[0]) | (1 << q[1]),
                        (1 << q[1]) | (1 << q[2]));
                default -> Kernels.swapRows(re, im, batch, b0, b1, n, op.mask, op.controlMask, 1 << last);
            }
        }
    }
}
