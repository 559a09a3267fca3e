package org.qtune.sim.kernel;

/**
 * Kernels for a batch of B states of n qubits stored batch-innermost: amplitude i of member b at
 * {@code i * B + b} of the re and im arrays. Every loop's innermost dimension runs over members
 * [b0, b1) — contiguous, so it is a SIMD loop across the batch, and disjoint member ranges can run
 * on different threads. Matrices are interleaved row-major (re, im) as in
 * {@link org.qtune.circuit.Gate#matrix}; a "control mask" selects the basis states whose control bits
 * are all 1 (0 for none). Per-member matrices and phases are arrays indexed by member.
 */
public final class BatchKernels {
    private BatchKernels() {
    }

    /** Applies the shared 2x2 matrix m to qubit t where the control bits are all set. */
    public static void dense1(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls,
                              double[] m) {
        final double m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        final int dim = 1 << n, bit = 1 << t;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            for (int b = b0; b < b1; b++) {
                double ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
                re[o0 + b] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
                im[o0 + b] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
                re[o1 + b] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
                im[o1 + b] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
            }
        }
    }

    /** Applies member b's 2x2 matrix (m[0..7][b], interleaved entries as separate arrays) to qubit t. */
    public static void dense1Member(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls,
                                    double[][] m) {
        final double[] m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double[] m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        final int dim = 1 << n, bit = 1 << t;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            for (int b = b0; b < b1; b++) {
                double ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
                re[o0 + b] = m00r[b] * ar - m00i[b] * ai + m01r[b] * br - m01i[b] * bi;
                im[o0 + b] = m00r[b] * ai + m00i[b] * ar + m01r[b] * bi + m01i[b] * br;
                re[o1 + b] = m10r[b] * ar - m10i[b] * ai + m11r[b] * br - m11i[b] * bi;
                im[o1 + b] = m10r[b] * ai + m10i[b] * ar + m11r[b] * bi + m11i[b] * br;
            }
        }
    }

    /**
     * Applies a shared 2^k x 2^k matrix on {@code qubits} (matrix bit j = qubits[j]); {@code offsets}
     * holds the 2^k index offsets deposit(j, qubits) and {@code scratch} at least 2 * 2^k * (b1 - b0)
     * doubles.
     */
    public static void dense(double[] re, double[] im, int B, int b0, int b1, int n, int qubitMask, int[] offsets,
                             double[] m, double[] scratch) {
        final int d = offsets.length, dim = 1 << n, w = b1 - b0;
        for (int base = 0; base < dim; base++) {
            if ((base & qubitMask) != 0) {
                continue;
            }
            // out_r = sum_c m[r][c] in_c, into scratch (in place needs every input first)
            for (int r = 0; r < d; r++) {
                final int sr = 2 * r * w;
                for (int b = 0; b < w; b++) {
                    scratch[sr + b] = 0;
                    scratch[sr + w + b] = 0;
                }
                for (int c = 0; c < d; c++) {
                    final double mr = m[2 * (r * d + c)], mi = m[2 * (r * d + c) + 1];
                    if (mr == 0 && mi == 0) {
                        continue;
                    }
                    final int o = (base + offsets[c]) * B + b0;
                    for (int b = 0; b < w; b++) {
                        double xr = re[o + b], xi = im[o + b];
                        scratch[sr + b] += mr * xr - mi * xi;
                        scratch[sr + w + b] += mr * xi + mi * xr;
                    }
                }
            }
            for (int r = 0; r < d; r++) {
                final int o = (base + offsets[r]) * B + b0, sr = 2 * r * w;
                System.arraycopy(scratch, sr, re, o, w);
                System.arraycopy(scratch, sr + w, im, o, w);
            }
        }
    }

    /**
     * Multiplies amplitude i by the shared phase {@code ph[pattern]} (interleaved), where pattern
     * gathers the bits {@code qubits} of i (bit j = qubits[j]).
     */
    public static void diagonal(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits, double[] ph) {
        final int dim = 1 << n;
        for (int i = 0; i < dim; i++) {
            int p = 0;
            for (int j = 0; j < qubits.length; j++) {
                p |= ((i >>> qubits[j]) & 1) << j;
            }
            final double pr = ph[2 * p], pi = ph[2 * p + 1];
            if (pr == 1 && pi == 0) {
                continue;
            }
            final int o = i * B;
            for (int b = b0; b < b1; b++) {
                double xr = re[o + b], xi = im[o + b];
                re[o + b] = pr * xr - pi * xi;
                im[o + b] = pr * xi + pi * xr;
            }
        }
    }

    /** As {@link #diagonal}, with member b's phase of pattern p at phRe[p][b], phIm[p][b]; a null row is 1. */
    public static void diagonalMember(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits,
                                      double[][] phRe, double[][] phIm) {
        final int dim = 1 << n;
        for (int i = 0; i < dim; i++) {
            int p = 0;
            for (int j = 0; j < qubits.length; j++) {
                p |= ((i >>> qubits[j]) & 1) << j;
            }
            final double[] pr = phRe[p], pi = phIm[p];
            if (pr == null) {
                continue;
            }
            final int o = i * B;
            for (int b = b0; b < b1; b++) {
                double xr = re[o + b], xi = im[o + b];
                re[o + b] = pr[b] * xr - pi[b] * xi;
                im[o + b] = pr[b] * xi + pi[b] * xr;
            }
        }
    }

    /** Swaps amplitude rows i and i ^ flip for every i with (i & condMask) == condValue. */
    public static void swapRows(double[] re, double[] im, int B, int b0, int b1, int n, int condMask, int condValue,
                                int flip) {
        final int dim = 1 << n;
        for (int i = 0; i < dim; i++) {
            if ((i & condMask) != condValue) {
                continue;
            }
            final int o0 = i * B, o1 = (i ^ flip) * B;
            for (int b = b0; b < b1; b++) {
                double t = re[o0 + b];
                re[o0 + b] = re[o1 + b];
                re[o1 + b] = t;
                t = im[o0 + b];
                im[o0 + b] = im[o1 + b];
                im[o1 + b] = t;
            }
        }
    }

    /** out[q][b] += <Z_q> of member b, every q in one pass. */
    public static void expectationZAll(double[] re, double[] im, int B, int b0, int b1, int n, double[][] out) {
        final int dim = 1 << n;
        for (int i = 0; i < dim; i++) {
            final int o = i * B;
            for (int q = 0; q < n; q++) {
                final double[] row = out[q];
                if (((i >>> q) & 1) == 0) {
                    for (int b = b0; b < b1; b++) {
                        row[b] += re[o + b] * re[o + b] + im[o + b] * im[o + b];
                    }
                } else {
                    for (int b = b0; b < b1; b++) {
                        row[b] -= re[o + b] * re[o + b] + im[o + b] * im[o + b];
                    }
                }
            }
        }
    }

    /**
     * outRe/outIm[b] += sum_i conj(x_i) (P y)_i for the Pauli string P with the given x and z masks
     * (Y = X and Z on a qubit), restricted to the basis states whose {@code controls} bits are set:
     * (P y)_i = i^{ny} (-1)^{|(i ^ x) & z|} y_{i ^ x}.
     */
    public static void pauliOverlap(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                    int xMask, int zMask, int controls, double[] outRe, double[] outIm) {
        final int dim = 1 << n;
        final double[] phase = new double[2];
        for (int i = 0; i < dim; i++) {
            if ((i & controls) != controls) {
                continue;
            }
            final int j = i ^ xMask;
            phase(j, xMask, zMask, phase);
            final double cr = phase[0], ci = phase[1];
            final int oi = i * B, oj = j * B;
            for (int b = b0; b < b1; b++) {
                // (cr + i ci) y_j
                double pr = cr * yr[oj + b] - ci * yi[oj + b], pi = cr * yi[oj + b] + ci * yr[oj + b];
                outRe[b] += xr[oi + b] * pr + xi[oi + b] * pi;
                outIm[b] += xr[oi + b] * pi - xi[oi + b] * pr;
            }
        }
    }

    /**
     * out[b] += sum_i w[b] (P y)_i into target (re, im): accumulates w_b P y for the Pauli string P,
     * the adjoint's start lambda = sum_j w_j O_j psi.
     */
    public static void addPauli(double[] yr, double[] yi, double[] tr, double[] ti, int B, int b0, int b1, int n,
                                int xMask, int zMask, double[] w) {
        final int dim = 1 << n;
        final double[] phase = new double[2];
        for (int i = 0; i < dim; i++) {
            final int j = i ^ xMask;
            phase(j, xMask, zMask, phase);
            final double cr = phase[0], ci = phase[1];
            final int oi = i * B, oj = j * B;
            for (int b = b0; b < b1; b++) {
                tr[oi + b] += w[b] * (cr * yr[oj + b] - ci * yi[oj + b]);
                ti[oi + b] += w[b] * (cr * yi[oj + b] + ci * yr[oj + b]);
            }
        }
    }

    /**
     * out[b] += Re sum conj(x) (E y) over the target pairs (controls set), with member b's 2x2 matrix
     * E at e[0..7][b]: the derivative term 2 Re <lambda| E psi> of a one-qubit gate, halved.
     */
    public static void overlap1Member(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                      int t, int controls, double[][] e, double[] out) {
        final double[] e00r = e[0], e00i = e[1], e01r = e[2], e01i = e[3];
        final double[] e10r = e[4], e10i = e[5], e11r = e[6], e11i = e[7];
        final int dim = 1 << n, bit = 1 << t;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            for (int b = b0; b < b1; b++) {
                double ar = yr[o0 + b], ai = yi[o0 + b], br = yr[o1 + b], bi = yi[o1 + b];
                double u0r = e00r[b] * ar - e00i[b] * ai + e01r[b] * br - e01i[b] * bi;
                double u0i = e00r[b] * ai + e00i[b] * ar + e01r[b] * bi + e01i[b] * br;
                double u1r = e10r[b] * ar - e10i[b] * ai + e11r[b] * br - e11i[b] * bi;
                double u1i = e10r[b] * ai + e10i[b] * ar + e11r[b] * bi + e11i[b] * br;
                out[b] += xr[o0 + b] * u0r + xi[o0 + b] * u0i + xr[o1 + b] * u1r + xi[o1 + b] * u1i;
            }
        }
    }

    /**
     * sin[b] = sin(angle[b]), cos[b] = cos(angle[b]) for b in [b0, b1), by {@link SinCos}'s polynomials:
     * the same bits as {@link BatchVectorKernels#sinCos} whoever compiled either.
     */
    public static void sinCos(double[] angle, double[] sin, double[] cos, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            double x = angle[b];
            if (!(Math.abs(x) <= SinCos.LIMIT)) {
                sin[b] = Math.sin(x);
                cos[b] = Math.cos(x);
                continue;
            }
            double k = (x * SinCos.TWO_OVER_PI + SinCos.ROUND) - SinCos.ROUND;
            double r = Math.fma(-k, SinCos.PIO2_1, x);
            r = Math.fma(-k, SinCos.PIO2_2, r);
            r = Math.fma(-k, SinCos.PIO2_3, r);
            double z = r * r;
            double ps = SinCos.S[SinCos.TERMS - 1], pc = SinCos.C[SinCos.TERMS - 1];
            for (int j = SinCos.TERMS - 2; j >= 0; j--) {
                ps = Math.fma(z, ps, SinCos.S[j]);
                pc = Math.fma(z, pc, SinCos.C[j]);
            }
            double sr = Math.fma(r * z, ps, r);
            double cr = Math.fma(z * z, pc, 1 - 0.5 * z);
            // the quadrant k mod 4 as kq = k - 4 rint(k / 4), in -2..2, as the vector twin computes it
            double kq = k - ((k * 0.25 + SinCos.ROUND) - SinCos.ROUND) * 4;
            long q = (long) kq & 3;
            double sv = (q & 1) == 0 ? sr : cr, cv = (q & 1) == 0 ? cr : sr;
            sin[b] = (q & 2) == 0 ? sv : -sv;
            cos[b] = ((q + 1) & 2) == 0 ? cv : -cv;
        }
    }

    /** m := t m for members [b0, b1): per-member 2x2 products (entries as 8 arrays, interleaved order). */
    public static void multiply2Member(double[][] t, double[][] m, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            double a00r = t[0][b], a00i = t[1][b], a01r = t[2][b], a01i = t[3][b];
            double a10r = t[4][b], a10i = t[5][b], a11r = t[6][b], a11i = t[7][b];
            double c00r = m[0][b], c00i = m[1][b], c01r = m[2][b], c01i = m[3][b];
            double c10r = m[4][b], c10i = m[5][b], c11r = m[6][b], c11i = m[7][b];
            m[0][b] = a00r * c00r - a00i * c00i + a01r * c10r - a01i * c10i;
            m[1][b] = a00r * c00i + a00i * c00r + a01r * c10i + a01i * c10r;
            m[2][b] = a00r * c01r - a00i * c01i + a01r * c11r - a01i * c11i;
            m[3][b] = a00r * c01i + a00i * c01r + a01r * c11i + a01i * c11r;
            m[4][b] = a10r * c00r - a10i * c00i + a11r * c10r - a11i * c10i;
            m[5][b] = a10r * c00i + a10i * c00r + a11r * c10i + a11i * c10r;
            m[6][b] = a10r * c01r - a10i * c01i + a11r * c11r - a11i * c11i;
            m[7][b] = a10r * c01i + a10i * c01r + a11r * c11i + a11i * c11r;
        }
    }

    /**
     * Terms of commuting diagonal gates: out[k][b] += sum_i e[k][p_k(i)] Im(conj(x_i) y_i), p_k(i)
     * gathering bits qubits[k] of i (bit j = qubits[k][j]); each term summed over i in order.
     */
    public static void diagonalTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                     int[][] qubits, double[][] e, double[][] out) {
        final int dim = 1 << n;
        for (int k = 0; k < qubits.length; k++) {
            for (int b = b0; b < b1; b++) {
                double acc = out[k][b];
                for (int i = 0; i < dim; i++) {
                    int p = 0;
                    for (int j = 0; j < qubits[k].length; j++) {
                        p |= ((i >>> qubits[k][j]) & 1) << j;
                    }
                    if (e[k][p] != 0) {
                        final int o = i * B + b;
                        acc = acc + (xr[o] * yi[o] - xi[o] * yr[o]) * e[k][p];
                    }
                }
                out[k][b] = acc;
            }
        }
    }

    /** Terms of rotations on distinct qubits: out[k][b] += Im sum_i conj(x_i) (P_k y)_i, summed over i in order. */
    public static void pauliTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                  int[] xMasks, int[] zMasks, double[][] out) {
        final int dim = 1 << n;
        final double[] phase = new double[2];
        for (int k = 0; k < xMasks.length; k++) {
            for (int b = b0; b < b1; b++) {
                double acc = out[k][b];
                for (int i = 0; i < dim; i++) {
                    phase(i ^ xMasks[k], xMasks[k], zMasks[k], phase);
                    final int o = i * B + b, q = (i ^ xMasks[k]) * B + b;
                    double pr = phase[0] * yr[q] - phase[1] * yi[q], pi = phase[0] * yi[q] + phase[1] * yr[q];
                    acc = acc + (xr[o] * pi - xi[o] * pr);
                }
                out[k][b] = acc;
            }
        }
    }

    /**
     * The factor (out[0] + i out[1]) with which the Pauli string (x, z) maps |j> to |j ^ x>:
     * i^{ny} (-1)^{|j & z|} (Z acts on |j> before X moves it).
     */
    public static void phase(int j, int xMask, int zMask, double[] out) {
        final int ny = Integer.bitCount(xMask & zMask) & 3;
        final double sign = (Integer.bitCount(j & zMask) & 1) == 0 ? 1 : -1;
        out[0] = (ny & 1) == 0 ? (ny == 0 ? sign : -sign) : 0;
        out[1] = (ny & 1) == 1 ? (ny == 1 ? sign : -sign) : 0;
    }

    /**
     * out[2 (x d + y)] (re, im) += sum over members [b0, b1) and over the qubits outside the block of
     * psi(x) conj(lambda(y)), x and y indexing the block's 2^k basis states by {@code offsets}: the
     * block's reduced outer product R = sum psi lambda^dag, from which the batched adjoint takes the
     * summed terms of every gate inside a shared block.
     */
    public static void blockOuter(double[] pr, double[] pi, double[] lr, double[] li, int B, int b0, int b1, int n,
                                  int qubitMask, int[] offsets, double[] out) {
        final int d = offsets.length, dim = 1 << n;
        for (int x = 0; x < d; x++) {
            for (int y = 0; y < d; y++) {
                double sr = 0, si = 0;
                for (int base = 0; base < dim; base++) {
                    if ((base & qubitMask) != 0) {
                        continue;
                    }
                    final int ox = (base + offsets[x]) * B, oy = (base + offsets[y]) * B;
                    for (int b = b0; b < b1; b++) {
                        sr += pr[ox + b] * lr[oy + b] + pi[ox + b] * li[oy + b];
                        si += pi[ox + b] * lr[oy + b] - pr[ox + b] * li[oy + b];
                    }
                }
                out[2 * (x * d + y)] += sr;
                out[2 * (x * d + y) + 1] += si;
            }
        }
    }
}
