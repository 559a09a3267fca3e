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

    public static void ryShared(double[] re, double[] im, int n, int T, int q, double c, double s) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int i = base, end = base + run; i < end; i += L) {
                DoubleVector ar = DoubleVector.fromArray(S, re, i), ai = DoubleVector.fromArray(S, im, i);
                DoubleVector br = DoubleVector.fromArray(S, re, i + run), bi = DoubleVector.fromArray(S, im, i + run);
                ar.mul(c).sub(br.mul(s)).intoArray(re, i);
                ai.mul(c).sub(bi.mul(s)).intoArray(im, i);
                ar.mul(s).add(br.mul(c)).intoArray(re, i + run);
                ai.mul(s).add(bi.mul(c)).intoArray(im, i + run);
            }
        }
    }

    public static void ryLanes(double[] re, double[] im, int n, int T, int q, double[] c, double[] s, int off) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                for (int j = 0; j < T; j += L) {
                    final int i0 = row + j, i1 = i0 + run;
                    DoubleVector cj = DoubleVector.fromArray(S, c, off + j), sj = DoubleVector.fromArray(S, s, off + j);
                    DoubleVector ar = DoubleVector.fromArray(S, re, i0), ai = DoubleVector.fromArray(S, im, i0);
                    DoubleVector br = DoubleVector.fromArray(S, re, i1), bi = DoubleVector.fromArray(S, im, i1);
                    cj.mul(ar).sub(sj.mul(br)).intoArray(re, i0);
                    cj.mul(ai).sub(sj.mul(bi)).intoArray(im, i0);
                    sj.mul(ar).add(cj.mul(br)).intoArray(re, i1);
                    sj.mul(ai).add(cj.mul(bi)).intoArray(im, i1);
                }
            }
        }
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

    public static void ryAdjoint(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, int q,
                                      double[] c, double[] s, int off, double[] t) {
        final int dim = T << n, run = T << q;
        for (int base = 0; base < dim; base += 2 * run) {
            for (int row = base; row < base + run; row += T) {
                for (int j = 0; j < T; j += L) {
                    final int i0 = row + j, i1 = i0 + run;
                    DoubleVector cj = DoubleVector.fromArray(S, c, off + j), sj = DoubleVector.fromArray(S, s, off + j);
                    DoubleVector ar = DoubleVector.fromArray(S, pr, i0), ai = DoubleVector.fromArray(S, pi, i0);
                    DoubleVector br = DoubleVector.fromArray(S, pr, i1), bi = DoubleVector.fromArray(S, pi, i1);
                    DoubleVector er = DoubleVector.fromArray(S, lr, i0), ei = DoubleVector.fromArray(S, li, i0);
                    DoubleVector gr = DoubleVector.fromArray(S, lr, i1), gi = DoubleVector.fromArray(S, li, i1);
                    DoubleVector.fromArray(S, t, j).add(gr.mul(ar).add(gi.mul(ai)).sub(er.mul(br)).sub(ei.mul(bi)))
                            .intoArray(t, j);
                    cj.mul(ar).add(sj.mul(br)).intoArray(pr, i0);
                    cj.mul(ai).add(sj.mul(bi)).intoArray(pi, i0);
                    cj.mul(br).sub(sj.mul(ar)).intoArray(pr, i1);
                    cj.mul(bi).sub(sj.mul(ai)).intoArray(pi, i1);
                    cj.mul(er).add(sj.mul(gr)).intoArray(lr, i0);
                    cj.mul(ei).add(sj.mul(gi)).intoArray(li, i0);
                    cj.mul(gr).sub(sj.mul(er)).intoArray(lr, i1);
                    cj.mul(gi).sub(sj.mul(ei)).intoArray(li, i1);
                }
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
}
