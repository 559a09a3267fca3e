package org.qtune.sim.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the hot {@link TileKernels}, L lanes of the tile at a time: the tile's lane count
 * T must be a multiple of {@link #lanes()}. The arithmetic per lane is the scalar kernels' (no fused
 * multiply-adds), except that {@link #phaseAdjoint} sums a row's lanes in a tree rather than in
 * order. Only call these when the {@code jdk.incubator.vector} module is present.
 */
public final class TileVectorKernels {
    private TileVectorKernels() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The SIMD width in doubles: a tile's lane count must be a multiple of it. */
    public static int lanes() {
        return L;
    }



    public static void phase(double[] re, double[] im, int n, int T, double[] pr, double[] pi) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            final double cr = pr[x], ci = pi[x];
            for (int i = x * T, end = i + T; i < end; i += L) {
                DoubleVector ar = DoubleVector.fromArray(S, re, i), ai = DoubleVector.fromArray(S, im, i);
                ar.mul(cr).sub(ai.mul(ci)).intoArray(re, i);
                ai.mul(cr).add(ar.mul(ci)).intoArray(im, i);
            }
        }
    }


    public static void ryTerm(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, int q, double[] t,
                              int off) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                for (int j = 0; j < T; j += L) {
                    final int i0 = row + j, i1 = i0 + run;
                    DoubleVector ar = DoubleVector.fromArray(S, pr, i0), ai = DoubleVector.fromArray(S, pi, i0);
                    DoubleVector br = DoubleVector.fromArray(S, pr, i1), bi = DoubleVector.fromArray(S, pi, i1);
                    DoubleVector er = DoubleVector.fromArray(S, lr, i0), ei = DoubleVector.fromArray(S, li, i0);
                    DoubleVector gr = DoubleVector.fromArray(S, lr, i1), gi = DoubleVector.fromArray(S, li, i1);
                    DoubleVector.fromArray(S, t, off + j)
                            .add(gr.mul(ar).add(gi.mul(ai)).sub(er.mul(br)).sub(ei.mul(bi))).intoArray(t, off + j);
                }
            }
        }
    }

    public static void phaseAdjoint(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, double[] dr,
                                    double[] di, double[] w) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            final double cr = dr[x], ci = -di[x];
            DoubleVector sum = DoubleVector.zero(S);
            for (int i = x * T, end = i + T; i < end; i += L) {
                DoubleVector ar = DoubleVector.fromArray(S, pr, i), ai = DoubleVector.fromArray(S, pi, i);
                DoubleVector er = DoubleVector.fromArray(S, lr, i), ei = DoubleVector.fromArray(S, li, i);
                sum = sum.add(er.mul(ai).sub(ei.mul(ar)));
                ar.mul(cr).sub(ai.mul(ci)).intoArray(pr, i);
                ai.mul(cr).add(ar.mul(ci)).intoArray(pi, i);
                er.mul(cr).sub(ei.mul(ci)).intoArray(lr, i);
                ei.mul(cr).add(er.mul(ci)).intoArray(li, i);
            }
            w[x] += sum.reduceLanes(VectorOperators.ADD);
        }
    }

    public static void ryAll(double[] a, int n, int T, double[] c, double[] s) {
        int q = 0;
        for (; q + 1 < n; q += 2) {
            final int dim = T << n, ra = T << q, rb = T << (q + 1), oa = q * T, ob = (q + 1) * T;
            for (int hb = 0; hb < dim; hb += 2 * rb) {
                for (int row = hb; row < hb + ra; row += T) {
                    for (int j = 0; j < T; j += L) {
                        final int i00 = row + j, i01 = i00 + ra, i10 = i00 + rb, i11 = i10 + ra;
                        DoubleVector ca = DoubleVector.fromArray(S, c, oa + j), sa = DoubleVector.fromArray(S, s, oa + j);
                        DoubleVector cb = DoubleVector.fromArray(S, c, ob + j), sb = DoubleVector.fromArray(S, s, ob + j);
                        DoubleVector v00 = DoubleVector.fromArray(S, a, i00), v01 = DoubleVector.fromArray(S, a, i01);
                        DoubleVector v10 = DoubleVector.fromArray(S, a, i10), v11 = DoubleVector.fromArray(S, a, i11);
                        DoubleVector w00 = ca.mul(v00).sub(sa.mul(v01)), w01 = sa.mul(v00).add(ca.mul(v01));
                        DoubleVector w10 = ca.mul(v10).sub(sa.mul(v11)), w11 = sa.mul(v10).add(ca.mul(v11));
                        cb.mul(w00).sub(sb.mul(w10)).intoArray(a, i00);
                        sb.mul(w00).add(cb.mul(w10)).intoArray(a, i10);
                        cb.mul(w01).sub(sb.mul(w11)).intoArray(a, i01);
                        sb.mul(w01).add(cb.mul(w11)).intoArray(a, i11);
                    }
                }
            }
        }
        if (q < n) {
            final int dim = T << n, run = T << q, o = q * T;
            for (int base = 0; base < dim; base += 2 * run) {
                for (int row = base; row < base + run; row += T) {
                    for (int j = 0; j < T; j += L) {
                        final int i0 = row + j, i1 = i0 + run;
                        DoubleVector cj = DoubleVector.fromArray(S, c, o + j), sj = DoubleVector.fromArray(S, s, o + j);
                        DoubleVector v0 = DoubleVector.fromArray(S, a, i0), v1 = DoubleVector.fromArray(S, a, i1);
                        cj.mul(v0).sub(sj.mul(v1)).intoArray(a, i0);
                        sj.mul(v0).add(cj.mul(v1)).intoArray(a, i1);
                    }
                }
            }
        }
    }

    public static void ryAllAdjoint(double[] p, double[] l, int n, int T, double[] c, double[] s, double[] t) {
        int q = n - 1;
        if (n % 2 == 1) {
            final int dim = T << n, run = T << q, o = q * T;
            for (int base = 0; base < dim; base += 2 * run) {
                for (int row = base; row < base + run; row += T) {
                    for (int j = 0; j < T; j += L) {
                        final int i0 = row + j, i1 = i0 + run;
                        DoubleVector cj = DoubleVector.fromArray(S, c, o + j), sj = DoubleVector.fromArray(S, s, o + j);
                        DoubleVector p0 = DoubleVector.fromArray(S, p, i0), p1 = DoubleVector.fromArray(S, p, i1);
                        DoubleVector l0 = DoubleVector.fromArray(S, l, i0), l1 = DoubleVector.fromArray(S, l, i1);
                        DoubleVector.fromArray(S, t, o + j).add(l1.mul(p0).sub(l0.mul(p1))).intoArray(t, o + j);
                        cj.mul(p0).add(sj.mul(p1)).intoArray(p, i0);
                        cj.mul(p1).sub(sj.mul(p0)).intoArray(p, i1);
                        cj.mul(l0).add(sj.mul(l1)).intoArray(l, i0);
                        cj.mul(l1).sub(sj.mul(l0)).intoArray(l, i1);
                    }
                }
            }
            q--;
        }
        for (; q >= 1; q -= 2) {
            final int qa = q - 1, dim = T << n, ra = T << qa, rb = T << q, oa = qa * T, ob = q * T;
            for (int hb = 0; hb < dim; hb += 2 * rb) {
                for (int row = hb; row < hb + ra; row += T) {
                    for (int j = 0; j < T; j += L) {
                        final int i00 = row + j, i01 = i00 + ra, i10 = i00 + rb, i11 = i10 + ra;
                        DoubleVector cb = DoubleVector.fromArray(S, c, ob + j), sb = DoubleVector.fromArray(S, s, ob + j);
                        DoubleVector p00 = DoubleVector.fromArray(S, p, i00), p01 = DoubleVector.fromArray(S, p, i01);
                        DoubleVector p10 = DoubleVector.fromArray(S, p, i10), p11 = DoubleVector.fromArray(S, p, i11);
                        DoubleVector l00 = DoubleVector.fromArray(S, l, i00), l01 = DoubleVector.fromArray(S, l, i01);
                        DoubleVector l10 = DoubleVector.fromArray(S, l, i10), l11 = DoubleVector.fromArray(S, l, i11);
                        DoubleVector.fromArray(S, t, ob + j)
                                .add(l10.mul(p00).sub(l00.mul(p10)).add(l11.mul(p01)).sub(l01.mul(p11))).intoArray(t, ob + j);
                        DoubleVector u00 = cb.mul(p00).add(sb.mul(p10)), u10 = cb.mul(p10).sub(sb.mul(p00));
                        DoubleVector u01 = cb.mul(p01).add(sb.mul(p11)), u11 = cb.mul(p11).sub(sb.mul(p01));
                        DoubleVector m00 = cb.mul(l00).add(sb.mul(l10)), m10 = cb.mul(l10).sub(sb.mul(l00));
                        DoubleVector m01 = cb.mul(l01).add(sb.mul(l11)), m11 = cb.mul(l11).sub(sb.mul(l01));
                        DoubleVector ca = DoubleVector.fromArray(S, c, oa + j), sa = DoubleVector.fromArray(S, s, oa + j);
                        DoubleVector.fromArray(S, t, oa + j)
                                .add(m01.mul(u00).sub(m00.mul(u01)).add(m11.mul(u10)).sub(m10.mul(u11))).intoArray(t, oa + j);
                        ca.mul(u00).add(sa.mul(u01)).intoArray(p, i00);
                        ca.mul(u01).sub(sa.mul(u00)).intoArray(p, i01);
                        ca.mul(u10).add(sa.mul(u11)).intoArray(p, i10);
                        ca.mul(u11).sub(sa.mul(u10)).intoArray(p, i11);
                        ca.mul(m00).add(sa.mul(m01)).intoArray(l, i00);
                        ca.mul(m01).sub(sa.mul(m00)).intoArray(l, i01);
                        ca.mul(m10).add(sa.mul(m11)).intoArray(l, i10);
                        ca.mul(m11).sub(sa.mul(m10)).intoArray(l, i11);
                    }
                }
            }
        }
    }

    public static void zExpectations(double[] re, double[] im, int n, int T, double[] out) {
        java.util.Arrays.fill(out, 0, n * T, 0);
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            for (int j = 0; j < T; j += L) {
                DoubleVector r = DoubleVector.fromArray(S, re, x * T + j), i = DoubleVector.fromArray(S, im, x * T + j);
                DoubleVector p = r.mul(r).add(i.mul(i));
                for (int q = 0; q < n; q++) {
                    DoubleVector o = DoubleVector.fromArray(S, out, q * T + j);
                    (((x >>> q) & 1) == 0 ? o.add(p) : o.sub(p)).intoArray(out, q * T + j);
                }
            }
        }
    }

    public static void zWeighted(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, double[] u) {
        final int dim = 1 << n;
        for (int x = 0; x < dim; x++) {
            for (int j = 0; j < T; j += L) {
                DoubleVector w = DoubleVector.zero(S);
                for (int q = 0; q < n; q++) {
                    DoubleVector uq = DoubleVector.fromArray(S, u, q * T + j);
                    w = ((x >>> q) & 1) == 0 ? w.add(uq) : w.sub(uq);
                }
                final int i = x * T + j;
                w.mul(DoubleVector.fromArray(S, pr, i)).intoArray(lr, i);
                w.mul(DoubleVector.fromArray(S, pi, i)).intoArray(li, i);
            }
        }
    }
}
