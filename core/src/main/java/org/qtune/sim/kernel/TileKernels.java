package org.qtune.sim.kernel;

/**
 * Kernels for a tile: T states of n qubits small enough together to stay in the core's own caches,
 * stored member-innermost within the tile: amplitude x of lane j at {@code x * T + j} of the re and
 * im arrays. Unlike {@link BatchKernels}, whose stride is the whole batch, a tile's amplitude rows
 * are adjacent, so a circuit can run gate after gate, and its adjoint sweep back, while the tile
 * never leaves L1/L2. The rotations here are real (RY) and the diagonals are shared phase tables:
 * the gate set of the QTHA data re-uploading circuit. Per-lane angles come as the cosine and sine of
 * half the angle, one array slot per lane ({@code c[off + j]}).
 *
 * <p>The adjoint kernels take psi (the state after the gate) and lambda (the adjoint state at the
 * same point), add the gate's derivative term, and un-apply the gate from both in the same pass.
 */
public final class TileKernels {
    private TileKernels() {
    }

    /**
     * Writes the product state (RY(a_0) x ... x RY(a_{n-1}))|0...0> of every lane: real amplitudes
     * prod_q (bit q ? sin(a_q/2) : cos(a_q/2)); c and s hold lane j's half-angle cosine and sine of
     * qubit q at {@code q * T + j}.
     */
    public static void productState(double[] re, double[] im, int n, int T, double[] c, double[] s) {
        java.util.Arrays.fill(im, 0, T << n, 0);
        java.util.Arrays.fill(re, 0, T, 1);
        for (int q = 0; q < n; q++) {
            final int half = 1 << q, co = q * T;
            for (int x = 0; x < half; x++) {
                final int lo = x * T, hi = (x + half) * T;
                for (int j = 0; j < T; j++) {
                    double v = re[lo + j];
                    re[hi + j] = v * s[co + j];
                    re[lo + j] = v * c[co + j];
                }
            }
        }
    }



    /** Multiplies amplitude x of every lane by the shared phase (pr[x], pi[x]). */
    public static void phase(double[] re, double[] im, int n, int T, double[] pr, double[] pi) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            final double cr = pr[x], ci = pi[x];
            final int o = x * T;
            for (int j = 0; j < T; j++) {
                double ar = re[o + j], ai = im[o + j];
                re[o + j] = cr * ar - ci * ai;
                im[o + j] = cr * ai + ci * ar;
            }
        }
    }

    /** Every lane's &lt;Z_q&gt; for every qubit into out[q * T + j] (overwritten); p is T of scratch. */
    public static void zExpectations(double[] re, double[] im, int n, int T, double[] out, double[] p) {
        java.util.Arrays.fill(out, 0, n * T, 0);
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            final int o = x * T;
            for (int j = 0; j < T; j++) {
                p[j] = re[o + j] * re[o + j] + im[o + j] * im[o + j];
            }
            for (int q = 0; q < n; q++) {
                final int oq = q * T;
                if (((x >>> q) & 1) == 0) {
                    for (int j = 0; j < T; j++) {
                        out[oq + j] += p[j];
                    }
                } else {
                    for (int j = 0; j < T; j++) {
                        out[oq + j] -= p[j];
                    }
                }
            }
        }
    }

    /**
     * The adjoint state of weighted Z readouts: lambda_x = w_x psi_x with
     * w_x = sum_q u[q * T + j] (bit q of x ? -1 : 1) for lane j; w is T of scratch.
     */
    public static void zWeighted(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, double[] u,
                                 double[] w) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            java.util.Arrays.fill(w, 0, T, 0);
            for (int q = 0; q < n; q++) {
                final int oq = q * T;
                if (((x >>> q) & 1) == 0) {
                    for (int j = 0; j < T; j++) {
                        w[j] += u[oq + j];
                    }
                } else {
                    for (int j = 0; j < T; j++) {
                        w[j] -= u[oq + j];
                    }
                }
            }
            final int o = x * T;
            for (int j = 0; j < T; j++) {
                lr[o + j] = w[j] * pr[o + j];
                li[o + j] = w[j] * pi[o + j];
            }
        }
    }


    /** Lane j's term Im &lt;lambda|Y_q|psi&gt; of an RY on qubit q added into t[j], nothing un-applied. */
    public static void ryTerm(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, int q, double[] t,
                              int off) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                final int o0 = row, o1 = row + run;
                for (int j = 0; j < T; j++) {
                    t[off + j] += lr[o1 + j] * pr[o0 + j] + li[o1 + j] * pi[o0 + j]
                            - lr[o0 + j] * pr[o1 + j] - li[o0 + j] * pi[o1 + j];
                }
            }
        }
    }

    /**
     * One adjoint step of a shared phase table D = diag(pr + i pi): adds
     * sum_j Im(conj(lambda_x) psi_x) over the tile's lanes into w[x] (the table the gates' angle terms
     * are read from), then un-applies D (multiplies by its conjugate) from psi and lambda.
     */
    public static void phaseAdjoint(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, double[] dr,
                                    double[] di, double[] w) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            final double cr = dr[x], ci = -di[x];
            final int o = x * T;
            double sum = 0;
            for (int j = 0; j < T; j++) {
                double ar = pr[o + j], ai = pi[o + j], er = lr[o + j], ei = li[o + j];
                sum += er * ai - ei * ar;
                pr[o + j] = cr * ar - ci * ai;
                pi[o + j] = cr * ai + ci * ar;
                lr[o + j] = cr * er - ci * ei;
                li[o + j] = cr * ei + ci * er;
            }
            w[x] += sum;
        }
    }

    /**
     * Applies RY to every qubit of one real array of the tile (the real or the imaginary parts: an RY
     * is real, so it never mixes them), lane j's angle on qubit q given by c[q * T + j],
     * s[q * T + j] (a shared angle fills its T slots); two qubits per pass.
     */
    public static void ryAll(double[] a, int n, int T, double[] c, double[] s) {
        int q = 0;
        for (; q + 1 < n; q += 2) {
            final int dim = T << n, ra = T << q, rb = T << (q + 1), oa = q * T, ob = (q + 1) * T;
            for (int hb = 0; hb < dim; hb += 2 * rb) {
                for (int row = hb; row < hb + ra; row += T) {
                    for (int j = 0; j < T; j++) {
                        final int i00 = row + j, i01 = i00 + ra, i10 = i00 + rb, i11 = i10 + ra;
                        double ca = c[oa + j], sa = s[oa + j], cb = c[ob + j], sb = s[ob + j];
                        double v00 = a[i00], v01 = a[i01], v10 = a[i10], v11 = a[i11];
                        double w00 = ca * v00 - sa * v01, w01 = sa * v00 + ca * v01;
                        double w10 = ca * v10 - sa * v11, w11 = sa * v10 + ca * v11;
                        a[i00] = cb * w00 - sb * w10;
                        a[i10] = sb * w00 + cb * w10;
                        a[i01] = cb * w01 - sb * w11;
                        a[i11] = sb * w01 + cb * w11;
                    }
                }
            }
        }
        if (q < n) {
            final int dim = T << n, run = T << q, o = q * T;
            for (int base = 0; base < dim; base += 2 * run) {
                for (int row = base; row < base + run; row += T) {
                    for (int j = 0; j < T; j++) {
                        double v0 = a[row + j], v1 = a[row + run + j];
                        a[row + j] = c[o + j] * v0 - s[o + j] * v1;
                        a[row + run + j] = s[o + j] * v0 + c[o + j] * v1;
                    }
                }
            }
        }
    }

    /**
     * The adjoint sweep back through {@link #ryAll} on one real array pair (psi's and lambda's real
     * parts, or their imaginary parts): the qubits from the highest down, each gate's part of its
     * term Im &lt;lambda|Y_q|psi&gt; (the real parts' products, or the imaginary parts') added into
     * t[q * T + j] and the gate then un-applied from both; two qubits per pass.
     */
    public static void ryAllAdjoint(double[] p, double[] l, int n, int T, double[] c, double[] s, double[] t) {
        int q = n - 1;
        if (n % 2 == 1) {
            final int dim = T << n, run = T << q, o = q * T;
            for (int base = 0; base < dim; base += 2 * run) {
                for (int row = base; row < base + run; row += T) {
                    for (int j = 0; j < T; j++) {
                        final int i0 = row + j, i1 = i0 + run;
                        double cj = c[o + j], sj = s[o + j];
                        double p0 = p[i0], p1 = p[i1], l0 = l[i0], l1 = l[i1];
                        t[o + j] += l1 * p0 - l0 * p1;
                        p[i0] = cj * p0 + sj * p1;
                        p[i1] = cj * p1 - sj * p0;
                        l[i0] = cj * l0 + sj * l1;
                        l[i1] = cj * l1 - sj * l0;
                    }
                }
            }
            q--;
        }
        for (; q >= 1; q -= 2) {
            final int qa = q - 1, dim = T << n, ra = T << qa, rb = T << q, oa = qa * T, ob = q * T;
            for (int hb = 0; hb < dim; hb += 2 * rb) {
                for (int row = hb; row < hb + ra; row += T) {
                    for (int j = 0; j < T; j++) {
                        final int i00 = row + j, i01 = i00 + ra, i10 = i00 + rb, i11 = i10 + ra;
                        double ca = c[oa + j], sa = s[oa + j], cb = c[ob + j], sb = s[ob + j];
                        double p00 = p[i00], p01 = p[i01], p10 = p[i10], p11 = p[i11];
                        double l00 = l[i00], l01 = l[i01], l10 = l[i10], l11 = l[i11];
                        // qubit q (b) first: it is the later gate of the two
                        t[ob + j] += l10 * p00 - l00 * p10 + l11 * p01 - l01 * p11;
                        double u00 = cb * p00 + sb * p10, u10 = cb * p10 - sb * p00;
                        double u01 = cb * p01 + sb * p11, u11 = cb * p11 - sb * p01;
                        double m00 = cb * l00 + sb * l10, m10 = cb * l10 - sb * l00;
                        double m01 = cb * l01 + sb * l11, m11 = cb * l11 - sb * l01;
                        t[oa + j] += m01 * u00 - m00 * u01 + m11 * u10 - m10 * u11;
                        p[i00] = ca * u00 + sa * u01;
                        p[i01] = ca * u01 - sa * u00;
                        p[i10] = ca * u10 + sa * u11;
                        p[i11] = ca * u11 - sa * u10;
                        l[i00] = ca * m00 + sa * m01;
                        l[i01] = ca * m01 - sa * m00;
                        l[i10] = ca * m10 + sa * m11;
                        l[i11] = ca * m11 - sa * m10;
                    }
                }
            }
        }
    }
}
