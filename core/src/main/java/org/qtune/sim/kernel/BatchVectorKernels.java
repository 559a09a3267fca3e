package org.qtune.sim.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the hot {@link BatchKernels}: the member loop runs L lanes at a time (the rest
 * scalar), with the same arithmetic in the same order per member, so results equal the scalar kernels
 * to rounding of fused multiply-adds that the JIT may or may not use. Only call these when the
 * {@code jdk.incubator.vector} module is present.
 */
public final class BatchVectorKernels {
    private BatchVectorKernels() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    public static void dense1(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls, double[] m) {
        final double m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        final int dim = 1 << n, bit = 1 << t, vEnd = b0 + (b1 - b0) / L * L;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector ar = DoubleVector.fromArray(S, re, o0 + b), ai = DoubleVector.fromArray(S, im, o0 + b);
                DoubleVector br = DoubleVector.fromArray(S, re, o1 + b), bi = DoubleVector.fromArray(S, im, o1 + b);
                ar.mul(m00r).sub(ai.mul(m00i)).add(br.mul(m01r)).sub(bi.mul(m01i)).intoArray(re, o0 + b);
                ai.mul(m00r).add(ar.mul(m00i)).add(bi.mul(m01r)).add(br.mul(m01i)).intoArray(im, o0 + b);
                ar.mul(m10r).sub(ai.mul(m10i)).add(br.mul(m11r)).sub(bi.mul(m11i)).intoArray(re, o1 + b);
                ai.mul(m10r).add(ar.mul(m10i)).add(bi.mul(m11r)).add(br.mul(m11i)).intoArray(im, o1 + b);
            }
            for (; b < b1; b++) {
                double ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
                re[o0 + b] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
                im[o0 + b] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
                re[o1 + b] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
                im[o1 + b] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
            }
        }
    }

    public static void dense1Member(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls,
                                    double[][] m) {
        final double[] m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double[] m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        final int dim = 1 << n, bit = 1 << t, vEnd = b0 + (b1 - b0) / L * L;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector ar = DoubleVector.fromArray(S, re, o0 + b), ai = DoubleVector.fromArray(S, im, o0 + b);
                DoubleVector br = DoubleVector.fromArray(S, re, o1 + b), bi = DoubleVector.fromArray(S, im, o1 + b);
                DoubleVector x00r = DoubleVector.fromArray(S, m00r, b), x00i = DoubleVector.fromArray(S, m00i, b);
                DoubleVector x01r = DoubleVector.fromArray(S, m01r, b), x01i = DoubleVector.fromArray(S, m01i, b);
                DoubleVector x10r = DoubleVector.fromArray(S, m10r, b), x10i = DoubleVector.fromArray(S, m10i, b);
                DoubleVector x11r = DoubleVector.fromArray(S, m11r, b), x11i = DoubleVector.fromArray(S, m11i, b);
                x00r.mul(ar).sub(x00i.mul(ai)).add(x01r.mul(br)).sub(x01i.mul(bi)).intoArray(re, o0 + b);
                x00r.mul(ai).add(x00i.mul(ar)).add(x01r.mul(bi)).add(x01i.mul(br)).intoArray(im, o0 + b);
                x10r.mul(ar).sub(x10i.mul(ai)).add(x11r.mul(br)).sub(x11i.mul(bi)).intoArray(re, o1 + b);
                x10r.mul(ai).add(x10i.mul(ar)).add(x11r.mul(bi)).add(x11i.mul(br)).intoArray(im, o1 + b);
            }
            for (; b < b1; b++) {
                double ar = re[o0 + b], ai = im[o0 + b], br = re[o1 + b], bi = im[o1 + b];
                re[o0 + b] = m00r[b] * ar - m00i[b] * ai + m01r[b] * br - m01i[b] * bi;
                im[o0 + b] = m00r[b] * ai + m00i[b] * ar + m01r[b] * bi + m01i[b] * br;
                re[o1 + b] = m10r[b] * ar - m10i[b] * ai + m11r[b] * br - m11i[b] * bi;
                im[o1 + b] = m10r[b] * ai + m10i[b] * ar + m11r[b] * bi + m11i[b] * br;
            }
        }
    }

    public static void dense(double[] re, double[] im, int B, int b0, int b1, int n, int qubitMask, int[] offsets,
                             double[] m, double[] scratch) {
        final int d = offsets.length, dim = 1 << n, w = b1 - b0, vEnd = w / L * L;
        for (int base = 0; base < dim; base++) {
            if ((base & qubitMask) != 0) {
                continue;
            }
            // two output rows per sweep over the inputs: each loaded amplitude feeds both
            for (int r = 0; r < d; r += 2) {
                final int sr = 2 * r * w, sr1 = sr + 2 * w;
                int b = 0;
                for (; b < vEnd; b += L) {
                    DoubleVector accR = DoubleVector.zero(S), accI = DoubleVector.zero(S);
                    DoubleVector acc1R = DoubleVector.zero(S), acc1I = DoubleVector.zero(S);
                    for (int c = 0; c < d; c++) {
                        final double mr = m[2 * (r * d + c)], mi = m[2 * (r * d + c) + 1];
                        final double nr = m[2 * ((r + 1) * d + c)], ni = m[2 * ((r + 1) * d + c) + 1];
                        final int o = (base + offsets[c]) * B + b0 + b;
                        DoubleVector xr = DoubleVector.fromArray(S, re, o), xi = DoubleVector.fromArray(S, im, o);
                        accR = accR.add(xr.mul(mr)).sub(xi.mul(mi));
                        accI = accI.add(xi.mul(mr)).add(xr.mul(mi));
                        acc1R = acc1R.add(xr.mul(nr)).sub(xi.mul(ni));
                        acc1I = acc1I.add(xi.mul(nr)).add(xr.mul(ni));
                    }
                    accR.intoArray(scratch, sr + b);
                    accI.intoArray(scratch, sr + w + b);
                    acc1R.intoArray(scratch, sr1 + b);
                    acc1I.intoArray(scratch, sr1 + w + b);
                }
                for (int rr = r; rr < r + 2; rr++) {
                    scalarRow(re, im, B, b0, base, offsets, m, d, rr, b, w, scratch);
                }
            }
            for (int r = 0; r < d; r++) {
                final int o = (base + offsets[r]) * B + b0, sr = 2 * r * w;
                System.arraycopy(scratch, sr, re, o, w);
                System.arraycopy(scratch, sr + w, im, o, w);
            }
        }
    }

    /** Row r of a dense block for members [from, w) of the block (the scalar tail), same arithmetic order. */
    private static void scalarRow(double[] re, double[] im, int B, int b0, int base, int[] offsets, double[] m, int d,
                                  int r, int from, int w, double[] scratch) {
        final int sr = 2 * r * w;
        for (int b = from; b < w; b++) {
            double ar = 0, ai = 0;
            for (int c = 0; c < d; c++) {
                final double mr = m[2 * (r * d + c)], mi = m[2 * (r * d + c) + 1];
                final int o = (base + offsets[c]) * B + b0 + b;
                ar = ar + re[o] * mr - im[o] * mi;
                ai = ai + im[o] * mr + re[o] * mi;
            }
            scratch[sr + b] = ar;
            scratch[sr + w + b] = ai;
        }
    }

    public static void diagonal(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits, double[] ph) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
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
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector xr = DoubleVector.fromArray(S, re, o + b), xi = DoubleVector.fromArray(S, im, o + b);
                xr.mul(pr).sub(xi.mul(pi)).intoArray(re, o + b);
                xi.mul(pr).add(xr.mul(pi)).intoArray(im, o + b);
            }
            for (; b < b1; b++) {
                double xr = re[o + b], xi = im[o + b];
                re[o + b] = pr * xr - pi * xi;
                im[o + b] = pr * xi + pi * xr;
            }
        }
    }

    public static void diagonalMember(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits,
                                      double[][] phRe, double[][] phIm) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
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
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector xr = DoubleVector.fromArray(S, re, o + b), xi = DoubleVector.fromArray(S, im, o + b);
                DoubleVector qr = DoubleVector.fromArray(S, pr, b), qi = DoubleVector.fromArray(S, pi, b);
                qr.mul(xr).sub(qi.mul(xi)).intoArray(re, o + b);
                qr.mul(xi).add(qi.mul(xr)).intoArray(im, o + b);
            }
            for (; b < b1; b++) {
                double xr = re[o + b], xi = im[o + b];
                re[o + b] = pr[b] * xr - pi[b] * xi;
                im[o + b] = pr[b] * xi + pi[b] * xr;
            }
        }
    }

    public static void pauliOverlap(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                    int xMask, int zMask, int controls, double[] outRe, double[] outIm) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
        final double[] phase = new double[2];
        for (int i = 0; i < dim; i++) {
            if ((i & controls) != controls) {
                continue;
            }
            final int j = i ^ xMask;
            BatchKernels.phase(j, xMask, zMask, phase);
            final double cr = phase[0], ci = phase[1];
            final int oi = i * B, oj = j * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector ur = DoubleVector.fromArray(S, yr, oj + b), ui = DoubleVector.fromArray(S, yi, oj + b);
                DoubleVector pr = ur.mul(cr).sub(ui.mul(ci)), pi = ui.mul(cr).add(ur.mul(ci));
                DoubleVector ar = DoubleVector.fromArray(S, xr, oi + b), ai = DoubleVector.fromArray(S, xi, oi + b);
                DoubleVector.fromArray(S, outRe, b).add(ar.mul(pr).add(ai.mul(pi))).intoArray(outRe, b);
                DoubleVector.fromArray(S, outIm, b).add(ar.mul(pi).sub(ai.mul(pr))).intoArray(outIm, b);
            }
            for (; b < b1; b++) {
                double pr = cr * yr[oj + b] - ci * yi[oj + b], pi = cr * yi[oj + b] + ci * yr[oj + b];
                outRe[b] += xr[oi + b] * pr + xi[oi + b] * pi;
                outIm[b] += xr[oi + b] * pi - xi[oi + b] * pr;
            }
        }
    }

    public static void swapRows(double[] re, double[] im, int B, int b0, int b1, int n, int condMask, int condValue,
                                int flip) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
        for (int i = 0; i < dim; i++) {
            if ((i & condMask) != condValue) {
                continue;
            }
            final int o0 = i * B, o1 = (i ^ flip) * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector r0 = DoubleVector.fromArray(S, re, o0 + b), r1 = DoubleVector.fromArray(S, re, o1 + b);
                DoubleVector i0 = DoubleVector.fromArray(S, im, o0 + b), i1 = DoubleVector.fromArray(S, im, o1 + b);
                r1.intoArray(re, o0 + b);
                r0.intoArray(re, o1 + b);
                i1.intoArray(im, o0 + b);
                i0.intoArray(im, o1 + b);
            }
            for (; b < b1; b++) {
                double t = re[o0 + b];
                re[o0 + b] = re[o1 + b];
                re[o1 + b] = t;
                t = im[o0 + b];
                im[o0 + b] = im[o1 + b];
                im[o1 + b] = t;
            }
        }
    }

    public static void overlap1Member(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                      int t, int controls, double[][] e, double[] out) {
        final double[] e00r = e[0], e00i = e[1], e01r = e[2], e01i = e[3];
        final double[] e10r = e[4], e10i = e[5], e11r = e[6], e11i = e[7];
        final int dim = 1 << n, bit = 1 << t, vEnd = b0 + (b1 - b0) / L * L;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0 || (i & controls) != controls) {
                continue;
            }
            final int o0 = i * B, o1 = (i | bit) * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector ar = DoubleVector.fromArray(S, yr, o0 + b), ai = DoubleVector.fromArray(S, yi, o0 + b);
                DoubleVector br = DoubleVector.fromArray(S, yr, o1 + b), bi = DoubleVector.fromArray(S, yi, o1 + b);
                DoubleVector x00r = DoubleVector.fromArray(S, e00r, b), x00i = DoubleVector.fromArray(S, e00i, b);
                DoubleVector x01r = DoubleVector.fromArray(S, e01r, b), x01i = DoubleVector.fromArray(S, e01i, b);
                DoubleVector x10r = DoubleVector.fromArray(S, e10r, b), x10i = DoubleVector.fromArray(S, e10i, b);
                DoubleVector x11r = DoubleVector.fromArray(S, e11r, b), x11i = DoubleVector.fromArray(S, e11i, b);
                DoubleVector u0r = x00r.mul(ar).sub(x00i.mul(ai)).add(x01r.mul(br)).sub(x01i.mul(bi));
                DoubleVector u0i = x00r.mul(ai).add(x00i.mul(ar)).add(x01r.mul(bi)).add(x01i.mul(br));
                DoubleVector u1r = x10r.mul(ar).sub(x10i.mul(ai)).add(x11r.mul(br)).sub(x11i.mul(bi));
                DoubleVector u1i = x10r.mul(ai).add(x10i.mul(ar)).add(x11r.mul(bi)).add(x11i.mul(br));
                DoubleVector l0r = DoubleVector.fromArray(S, xr, o0 + b), l0i = DoubleVector.fromArray(S, xi, o0 + b);
                DoubleVector l1r = DoubleVector.fromArray(S, xr, o1 + b), l1i = DoubleVector.fromArray(S, xi, o1 + b);
                DoubleVector.fromArray(S, out, b).add(l0r.mul(u0r).add(l0i.mul(u0i)).add(l1r.mul(u1r)).add(l1i.mul(u1i)))
                        .intoArray(out, b);
            }
            for (; b < b1; b++) {
                double ar = yr[o0 + b], ai = yi[o0 + b], br = yr[o1 + b], bi = yi[o1 + b];
                double u0r = e00r[b] * ar - e00i[b] * ai + e01r[b] * br - e01i[b] * bi;
                double u0i = e00r[b] * ai + e00i[b] * ar + e01r[b] * bi + e01i[b] * br;
                double u1r = e10r[b] * ar - e10i[b] * ai + e11r[b] * br - e11i[b] * bi;
                double u1i = e10r[b] * ai + e10i[b] * ar + e11r[b] * bi + e11i[b] * br;
                out[b] += xr[o0 + b] * u0r + xi[o0 + b] * u0i + xr[o1 + b] * u1r + xi[o1 + b] * u1i;
            }
        }
    }

    public static void expectationZAll(double[] re, double[] im, int B, int b0, int b1, int n, double[][] out) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
        for (int i = 0; i < dim; i++) {
            final int o = i * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector xr = DoubleVector.fromArray(S, re, o + b), xi = DoubleVector.fromArray(S, im, o + b);
                DoubleVector p = xr.mul(xr).add(xi.mul(xi));
                for (int q = 0; q < n; q++) {
                    DoubleVector acc = DoubleVector.fromArray(S, out[q], b);
                    (((i >>> q) & 1) == 0 ? acc.add(p) : acc.sub(p)).intoArray(out[q], b);
                }
            }
            for (; b < b1; b++) {
                double p = re[o + b] * re[o + b] + im[o + b] * im[o + b];
                for (int q = 0; q < n; q++) {
                    out[q][b] += ((i >>> q) & 1) == 0 ? p : -p;
                }
            }
        }
    }

    /**
     * As {@link BatchKernels#sinCos}, L members at a time with the same operations in the same order
     * (see {@link SinCos}), so the same bits; a block holding an argument beyond {@link SinCos#LIMIT}
     * (or NaN), and the tail, go to the scalar kernel.
     */
    public static void sinCos(double[] angle, double[] sin, double[] cos, int b0, int b1) {
        final int vEnd = b0 + (b1 - b0) / L * L;
        int b = b0;
        for (; b < vEnd; b += L) {
            DoubleVector x = DoubleVector.fromArray(S, angle, b);
            if (!x.abs().compare(VectorOperators.LE, SinCos.LIMIT).allTrue()) {
                BatchKernels.sinCos(angle, sin, cos, b, b + L);
                continue;
            }
            DoubleVector k = x.mul(SinCos.TWO_OVER_PI).add(SinCos.ROUND).sub(SinCos.ROUND);
            DoubleVector nk = k.neg();
            DoubleVector r = nk.fma(DoubleVector.broadcast(S, SinCos.PIO2_1), x);
            r = nk.fma(DoubleVector.broadcast(S, SinCos.PIO2_2), r);
            r = nk.fma(DoubleVector.broadcast(S, SinCos.PIO2_3), r);
            DoubleVector z = r.mul(r);
            DoubleVector ps = DoubleVector.broadcast(S, SinCos.S[SinCos.TERMS - 1]);
            DoubleVector pc = DoubleVector.broadcast(S, SinCos.C[SinCos.TERMS - 1]);
            for (int j = SinCos.TERMS - 2; j >= 0; j--) {
                ps = z.fma(ps, DoubleVector.broadcast(S, SinCos.S[j]));
                pc = z.fma(pc, DoubleVector.broadcast(S, SinCos.C[j]));
            }
            DoubleVector sr = r.mul(z).fma(ps, r);
            DoubleVector cr = z.mul(z).fma(pc, DoubleVector.broadcast(S, 1).sub(z.mul(0.5)));
            // the quadrant k mod 4 as kq = k - 4 rint(k / 4), in -2..2 (exact: k is an integer below 2^20)
            DoubleVector kq = k.sub(k.mul(0.25).add(SinCos.ROUND).sub(SinCos.ROUND).mul(4));
            DoubleVector akq = kq.abs();
            VectorMask<Double> odd = akq.compare(VectorOperators.EQ, 1);
            VectorMask<Double> half = akq.compare(VectorOperators.EQ, 2);
            VectorMask<Double> sinNegative = half.or(kq.compare(VectorOperators.EQ, -1));
            VectorMask<Double> cosNegative = half.or(kq.compare(VectorOperators.EQ, 1));
            DoubleVector sv = sr.blend(cr, odd), cv = cr.blend(sr, odd);
            sv.blend(sv.neg(), sinNegative).intoArray(sin, b);
            cv.blend(cv.neg(), cosNegative).intoArray(cos, b);
        }
        BatchKernels.sinCos(angle, sin, cos, b, b1);
    }

    /** As {@link BatchKernels#multiply2Member}, L members at a time, the rest by the scalar kernel (same arithmetic). */
    public static void multiply2Member(double[][] t, double[][] m, int b0, int b1) {
        final int vEnd = b0 + (b1 - b0) / L * L;
        for (int b = b0; b < vEnd; b += L) {
            DoubleVector a00r = DoubleVector.fromArray(S, t[0], b), a00i = DoubleVector.fromArray(S, t[1], b);
            DoubleVector a01r = DoubleVector.fromArray(S, t[2], b), a01i = DoubleVector.fromArray(S, t[3], b);
            DoubleVector a10r = DoubleVector.fromArray(S, t[4], b), a10i = DoubleVector.fromArray(S, t[5], b);
            DoubleVector a11r = DoubleVector.fromArray(S, t[6], b), a11i = DoubleVector.fromArray(S, t[7], b);
            DoubleVector c00r = DoubleVector.fromArray(S, m[0], b), c00i = DoubleVector.fromArray(S, m[1], b);
            DoubleVector c01r = DoubleVector.fromArray(S, m[2], b), c01i = DoubleVector.fromArray(S, m[3], b);
            DoubleVector c10r = DoubleVector.fromArray(S, m[4], b), c10i = DoubleVector.fromArray(S, m[5], b);
            DoubleVector c11r = DoubleVector.fromArray(S, m[6], b), c11i = DoubleVector.fromArray(S, m[7], b);
            a00r.mul(c00r).sub(a00i.mul(c00i)).add(a01r.mul(c10r)).sub(a01i.mul(c10i)).intoArray(m[0], b);
            a00r.mul(c00i).add(a00i.mul(c00r)).add(a01r.mul(c10i)).add(a01i.mul(c10r)).intoArray(m[1], b);
            a00r.mul(c01r).sub(a00i.mul(c01i)).add(a01r.mul(c11r)).sub(a01i.mul(c11i)).intoArray(m[2], b);
            a00r.mul(c01i).add(a00i.mul(c01r)).add(a01r.mul(c11i)).add(a01i.mul(c11r)).intoArray(m[3], b);
            a10r.mul(c00r).sub(a10i.mul(c00i)).add(a11r.mul(c10r)).sub(a11i.mul(c10i)).intoArray(m[4], b);
            a10r.mul(c00i).add(a10i.mul(c00r)).add(a11r.mul(c10i)).add(a11i.mul(c10r)).intoArray(m[5], b);
            a10r.mul(c01r).sub(a10i.mul(c01i)).add(a11r.mul(c11r)).sub(a11i.mul(c11i)).intoArray(m[6], b);
            a10r.mul(c01i).add(a10i.mul(c01r)).add(a11r.mul(c11i)).add(a11i.mul(c11r)).intoArray(m[7], b);
        }
        BatchKernels.multiply2Member(t, m, vEnd, b1);
    }

    /**
     * As {@link BatchKernels#diagonalTerms}: for each block of L members, each term sums over the
     * basis in a register (no traffic to the output arrays in the inner loop).
     */
    public static void diagonalTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                     int[][] qubits, double[][] e, double[][] out) {
        final int dim = 1 << n, terms = qubits.length, vEnd = b0 + (b1 - b0) / L * L;
        final double[][] coef = new double[terms][dim];
        for (int k = 0; k < terms; k++) {
            for (int i = 0; i < dim; i++) {
                int p = 0;
                for (int j = 0; j < qubits[k].length; j++) {
                    p |= ((i >>> qubits[k][j]) & 1) << j;
                }
                coef[k][i] = e[k][p];
            }
        }
        // per-term accumulators in a small array (L1): a vector carried around the inner loop would be
        // boxed by the JIT
        final double[] sums = new double[terms * L];
        for (int b = b0; b < vEnd; b += L) {
            for (int k = 0; k < terms; k++) {
                System.arraycopy(out[k], b, sums, k * L, L);
            }
            for (int i = 0; i < dim; i++) {
                final int o = i * B + b;
                DoubleVector ar = DoubleVector.fromArray(S, xr, o), ai = DoubleVector.fromArray(S, xi, o);
                DoubleVector br = DoubleVector.fromArray(S, yr, o), bi = DoubleVector.fromArray(S, yi, o);
                DoubleVector w = ar.mul(bi).sub(ai.mul(br));
                for (int k = 0; k < terms; k++) {
                    if (coef[k][i] != 0) {
                        DoubleVector.fromArray(S, sums, k * L).add(w.mul(coef[k][i])).intoArray(sums, k * L);
                    }
                }
            }
            for (int k = 0; k < terms; k++) {
                System.arraycopy(sums, k * L, out[k], b, L);
            }
        }
        for (int b = vEnd; b < b1; b++) {
            for (int k = 0; k < terms; k++) {
                double acc = out[k][b];
                for (int i = 0; i < dim; i++) {
                    if (coef[k][i] != 0) {
                        final int o = i * B + b;
                        acc = acc + (xr[o] * yi[o] - xi[o] * yr[o]) * coef[k][i];
                    }
                }
                out[k][b] = acc;
            }
        }
    }

    /** As {@link BatchKernels#pauliTerms}, each term summed over the basis in a register per block of L members. */
    public static void pauliTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                                  int[] xMasks, int[] zMasks, double[][] out) {
        final int dim = 1 << n, terms = xMasks.length, vEnd = b0 + (b1 - b0) / L * L;
        final double[][] cr = new double[terms][dim], ci = new double[terms][dim];
        final double[] phase = new double[2];
        for (int k = 0; k < terms; k++) {
            for (int i = 0; i < dim; i++) {
                BatchKernels.phase(i ^ xMasks[k], xMasks[k], zMasks[k], phase);
                cr[k][i] = phase[0];
                ci[k][i] = phase[1];
            }
        }
        final double[] sums = new double[terms * L];
        for (int b = b0; b < vEnd; b += L) {
            for (int k = 0; k < terms; k++) {
                System.arraycopy(out[k], b, sums, k * L, L);
            }
            for (int i = 0; i < dim; i++) {
                final int o = i * B + b;
                DoubleVector ar = DoubleVector.fromArray(S, xr, o), ai = DoubleVector.fromArray(S, xi, o);
                for (int k = 0; k < terms; k++) {
                    final int q = (i ^ xMasks[k]) * B + b;
                    final double pc = cr[k][i], pd = ci[k][i];
                    DoubleVector ur = DoubleVector.fromArray(S, yr, q), ui = DoubleVector.fromArray(S, yi, q);
                    DoubleVector pr = ur.mul(pc).sub(ui.mul(pd)), pi = ui.mul(pc).add(ur.mul(pd));
                    DoubleVector.fromArray(S, sums, k * L).add(ar.mul(pi).sub(ai.mul(pr))).intoArray(sums, k * L);
                }
            }
            for (int k = 0; k < terms; k++) {
                System.arraycopy(sums, k * L, out[k], b, L);
            }
        }
        for (int b = vEnd; b < b1; b++) {
            for (int k = 0; k < terms; k++) {
                double acc = out[k][b];
                for (int i = 0; i < dim; i++) {
                    final int o = i * B + b, q = (i ^ xMasks[k]) * B + b;
                    double pr = cr[k][i] * yr[q] - ci[k][i] * yi[q], pi = cr[k][i] * yi[q] + ci[k][i] * yr[q];
                    acc = acc + (xr[o] * pi - xi[o] * pr);
                }
                out[k][b] = acc;
            }
        }
    }

    /** As {@link BatchKernels#addPauli}, L members at a time, the rest scalar (same arithmetic). */
    public static void addPauli(double[] yr, double[] yi, double[] tr, double[] ti, int B, int b0, int b1, int n,
                                int xMask, int zMask, double[] w) {
        final int dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
        final double[] phase = new double[2];
        for (int i = 0; i < dim; i++) {
            final int j = i ^ xMask;
            BatchKernels.phase(j, xMask, zMask, phase);
            final double c = phase[0], d = phase[1];
            final int oi = i * B, oj = j * B;
            int b = b0;
            for (; b < vEnd; b += L) {
                DoubleVector ur = DoubleVector.fromArray(S, yr, oj + b), ui = DoubleVector.fromArray(S, yi, oj + b);
                DoubleVector wv = DoubleVector.fromArray(S, w, b);
                DoubleVector.fromArray(S, tr, oi + b).add(wv.mul(ur.mul(c).sub(ui.mul(d)))).intoArray(tr, oi + b);
                DoubleVector.fromArray(S, ti, oi + b).add(wv.mul(ui.mul(c).add(ur.mul(d)))).intoArray(ti, oi + b);
            }
            for (; b < b1; b++) {
                tr[oi + b] += w[b] * (c * yr[oj + b] - d * yi[oj + b]);
                ti[oi + b] += w[b] * (c * yi[oj + b] + d * yr[oj + b]);
            }
        }
    }

    /** As {@link BatchKernels#blockOuter}, L members at a time; lanes summed in lane order at the end. */
    public static void blockOuter(double[] pr, double[] pi, double[] lr, double[] li, int B, int b0, int b1, int n,
                                  int qubitMask, int[] offsets, double[] out) {
        final int d = offsets.length, dim = 1 << n, vEnd = b0 + (b1 - b0) / L * L;
        final double[] sums = new double[2 * L];
        for (int x = 0; x < d; x++) {
            for (int y = 0; y < d; y++) {
                java.util.Arrays.fill(sums, 0);
                double tr = 0, ti = 0;
                for (int base = 0; base < dim; base++) {
                    if ((base & qubitMask) != 0) {
                        continue;
                    }
                    final int ox = (base + offsets[x]) * B, oy = (base + offsets[y]) * B;
                    int b = b0;
                    for (; b < vEnd; b += L) {
                        DoubleVector ar = DoubleVector.fromArray(S, pr, ox + b), ai = DoubleVector.fromArray(S, pi, ox + b);
                        DoubleVector cr = DoubleVector.fromArray(S, lr, oy + b), ci = DoubleVector.fromArray(S, li, oy + b);
                        DoubleVector.fromArray(S, sums, 0).add(ar.mul(cr).add(ai.mul(ci))).intoArray(sums, 0);
                        DoubleVector.fromArray(S, sums, L).add(ai.mul(cr).sub(ar.mul(ci))).intoArray(sums, L);
                    }
                    for (; b < b1; b++) {
                        tr += pr[ox + b] * lr[oy + b] + pi[ox + b] * li[oy + b];
                        ti += pi[ox + b] * lr[oy + b] - pr[ox + b] * li[oy + b];
                    }
                }
                for (int l = 0; l < L; l++) {
                    tr += sums[l];
                    ti += sums[L + l];
                }
                out[2 * (x * d + y)] += tr;
                out[2 * (x * d + y) + 1] += ti;
            }
        }
    }
}
