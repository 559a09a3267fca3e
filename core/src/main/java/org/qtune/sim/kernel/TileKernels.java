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

    /** Applies RY, one angle for every lane (c, s: cosine and sine of half of it), to qubit q. */
    public static void ryShared(double[] re, double[] im, int n, int T, int q, double c, double s) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int i0 = base, i1 = base + run, end = base + run; i0 < end; i0++, i1++) {
                double ar = re[i0], ai = im[i0], br = re[i1], bi = im[i1];
                re[i0] = c * ar - s * br;
                im[i0] = c * ai - s * bi;
                re[i1] = s * ar + c * br;
                im[i1] = s * ai + c * bi;
            }
        }
    }

    /** Applies RY with lane j's angle (half-angle cosine c[off + j], sine s[off + j]) to qubit q. */
    public static void ryLanes(double[] re, double[] im, int n, int T, int q, double[] c, double[] s, int off) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                final int o0 = row, o1 = row + run;
                for (int j = 0; j < T; j++) {
                    double cj = c[off + j], sj = s[off + j];
                    double ar = re[o0 + j], ai = im[o0 + j], br = re[o1 + j], bi = im[o1 + j];
                    re[o0 + j] = cj * ar - sj * br;
                    im[o0 + j] = cj * ai - sj * bi;
                    re[o1 + j] = sj * ar + cj * br;
                    im[o1 + j] = sj * ai + cj * bi;
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

    /**
     * One adjoint step of an RY on qubit q with lane j's angle (half-angle cosine c[off + j], sine
     * s[off + j]; a shared angle is the same value in every slot): adds lane j's term
     * Im &lt;lambda|Y_q|psi&gt; into t[j], then un-applies the rotation from psi and lambda.
     */
    public static void ryAdjoint(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, int q,
                                      double[] c, double[] s, int off, double[] t) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                final int o0 = row, o1 = row + run;
                for (int j = 0; j < T; j++) {
                    double cj = c[off + j], sj = s[off + j];
                    double ar = pr[o0 + j], ai = pi[o0 + j], br = pr[o1 + j], bi = pi[o1 + j];
                    double er = lr[o0 + j], ei = li[o0 + j], gr = lr[o1 + j], gi = li[o1 + j];
                    t[j] += gr * ar + gi * ai - er * br - ei * bi;
                    pr[o0 + j] = cj * ar + sj * br;
                    pi[o0 + j] = cj * ai + sj * bi;
                    pr[o1 + j] = cj * br - sj * ar;
                    pi[o1 + j] = cj * bi - sj * ai;
                    lr[o0 + j] = cj * er + sj * gr;
                    li[o0 + j] = cj * ei + sj * gi;
                    lr[o1 + j] = cj * gr - sj * er;
                    li[o1 + j] = cj * gi - sj * ei;
                }
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
}
