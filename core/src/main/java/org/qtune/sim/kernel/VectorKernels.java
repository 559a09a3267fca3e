package org.qtune.sim.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of the hot kernels through the incubating Vector API. Only call these when the
 * {@code jdk.incubator.vector} module is present (the JVM was started with
 * {@code --add-modules=jdk.incubator.vector}); {@code org.qtune.sim} checks that and otherwise uses the
 * scalar kernels. Species, shuffles and masks are static final constants: held anywhere else they
 * fall back to boxed objects and run many times slower.
 */
public final class VectorKernels {
    private VectorKernels() {
    }

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    public static final int L = S.length();
    /** log2(L): targets at or above it pair whole vectors; below it, lanes within a vector. */
    public static final int LOG_L = Integer.numberOfTrailingZeros(L);

    private static final VectorShuffle<Double> PARTNER0 = L > 1 ? VectorShuffle.fromOp(S, i -> i ^ 1) : null;
    private static final VectorShuffle<Double> PARTNER1 = L > 2 ? VectorShuffle.fromOp(S, i -> i ^ 2) : null;
    private static final VectorShuffle<Double> PARTNER2 = L > 4 ? VectorShuffle.fromOp(S, i -> i ^ 4) : null;
    private static final VectorMask<Double> BIT0 = L > 1 ? VectorMask.fromLong(S, 0xAAAAAAAAL & ((1L << L) - 1)) : null;
    private static final VectorMask<Double> BIT1 = L > 2 ? VectorMask.fromLong(S, 0xCCCCCCCCL & ((1L << L) - 1)) : null;
    private static final VectorMask<Double> BIT2 = L > 4 ? VectorMask.fromLong(S, 0xF0F0F0F0L & ((1L << L) - 1)) : null;

    /**
     * As {@link DenseKernels#apply1}. For a target below {@link #LOG_L}, [from, to) must be multiples of
     * L/2 pairs; otherwise any range.
     */
    public static void apply1(double[] re, double[] im, int t, double[] m, int from, int to) {
        boolean real = m[1] == 0 && m[3] == 0 && m[5] == 0 && m[7] == 0;
        if (t >= LOG_L) {
            if (real) {
                apply1HighReal(re, im, t, m, from, to);
            } else {
                apply1High(re, im, t, m, from, to);
            }
        } else {
            apply1Low(re, im, t, m, from, to);
        }
    }

    /**
     * SIMD {@link DenseKernels#apply1Pair}: a one-qubit matrix on a qubit that selects between two
     * pages, element j of page a paired with element j of page b.
     */
    public static void apply1Pair(double[] aRe, double[] aIm, double[] bRe, double[] bIm, double[] m, int from, int to) {
        final DoubleVector m00r = DoubleVector.broadcast(S, m[0]), m00i = DoubleVector.broadcast(S, m[1]);
        final DoubleVector m01r = DoubleVector.broadcast(S, m[2]), m01i = DoubleVector.broadcast(S, m[3]);
        final DoubleVector m10r = DoubleVector.broadcast(S, m[4]), m10i = DoubleVector.broadcast(S, m[5]);
        final DoubleVector m11r = DoubleVector.broadcast(S, m[6]), m11i = DoubleVector.broadcast(S, m[7]);
        int j = from;
        for (; j + L <= to; j += L) {
            DoubleVector ar = DoubleVector.fromArray(S, aRe, j), ai = DoubleVector.fromArray(S, aIm, j);
            DoubleVector br = DoubleVector.fromArray(S, bRe, j), bi = DoubleVector.fromArray(S, bIm, j);
            ar.fma(m00r, br.fma(m01r, ai.fma(m00i.neg(), bi.mul(m01i).neg()))).intoArray(aRe, j);
            ai.fma(m00r, ar.fma(m00i, bi.fma(m01r, br.mul(m01i)))).intoArray(aIm, j);
            ar.fma(m10r, br.fma(m11r, ai.fma(m10i.neg(), bi.mul(m11i).neg()))).intoArray(bRe, j);
            ai.fma(m10r, ar.fma(m10i, bi.fma(m11r, br.mul(m11i)))).intoArray(bIm, j);
        }
        if (j < to) {
            DenseKernels.apply1Pair(aRe, aIm, bRe, bIm, m, j, to);
        }
    }

    private static void apply1High(double[] re, double[] im, int t, double[] m, int from, int to) {
        final DoubleVector m00r = DoubleVector.broadcast(S, m[0]), m00i = DoubleVector.broadcast(S, m[1]);
        final DoubleVector m01r = DoubleVector.broadcast(S, m[2]), m01i = DoubleVector.broadcast(S, m[3]);
        final DoubleVector m10r = DoubleVector.broadcast(S, m[4]), m10i = DoubleVector.broadcast(S, m[5]);
        final DoubleVector m11r = DoubleVector.broadcast(S, m[6]), m11i = DoubleVector.broadcast(S, m[7]);
        final int stride = 1 << t;
        int k = from;
        while (k < to) {
            int low = k & (stride - 1);
            int runEnd = Math.min(to, k - low + stride);
            int a0 = DenseKernels.insertZero(k, t);
            int len = runEnd - k;
            int j = 0;
            for (; j + L <= len; j += L) {
                int a = a0 + j, b = a + stride;
                DoubleVector ar = DoubleVector.fromArray(S, re, a), ai = DoubleVector.fromArray(S, im, a);
                DoubleVector br = DoubleVector.fromArray(S, re, b), bi = DoubleVector.fromArray(S, im, b);
                ar.fma(m00r, br.fma(m01r, ai.fma(m00i.neg(), bi.mul(m01i).neg()))).intoArray(re, a);
                ai.fma(m00r, ar.fma(m00i, bi.fma(m01r, br.mul(m01i)))).intoArray(im, a);
                ar.fma(m10r, br.fma(m11r, ai.fma(m10i.neg(), bi.mul(m11i).neg()))).intoArray(re, b);
                ai.fma(m10r, ar.fma(m10i, bi.fma(m11r, br.mul(m11i)))).intoArray(im, b);
            }
            if (j < len) {
                DenseKernels.apply1(re, im, t, m, k + j, runEnd);
            }
            k = runEnd;
        }
    }

    private static void apply1HighReal(double[] re, double[] im, int t, double[] m, int from, int to) {
        final DoubleVector m00 = DoubleVector.broadcast(S, m[0]), m01 = DoubleVector.broadcast(S, m[2]);
        final DoubleVector m10 = DoubleVector.broadcast(S, m[4]), m11 = DoubleVector.broadcast(S, m[6]);
        final int stride = 1 << t;
        int k = from;
        while (k < to) {
            int low = k & (stride - 1);
            int runEnd = Math.min(to, k - low + stride);
            int a0 = DenseKernels.insertZero(k, t);
            int len = runEnd - k;
            int j = 0;
            for (; j + L <= len; j += L) {
                int a = a0 + j, b = a + stride;
                DoubleVector ar = DoubleVector.fromArray(S, re, a), ai = DoubleVector.fromArray(S, im, a);
                DoubleVector br = DoubleVector.fromArray(S, re, b), bi = DoubleVector.fromArray(S, im, b);
                ar.fma(m00, br.mul(m01)).intoArray(re, a);
                ai.fma(m00, bi.mul(m01)).intoArray(im, a);
                ar.fma(m10, br.mul(m11)).intoArray(re, b);
                ai.fma(m10, bi.mul(m11)).intoArray(im, b);
            }
            if (j < len) {
                DenseKernels.apply1(re, im, t, m, k + j, runEnd);
            }
            k = runEnd;
        }
    }

    /** Target inside a vector: each lane combines itself and its partner lane with per-lane coefficients. */
    private static void apply1Low(double[] re, double[] im, int t, double[] m, int from, int to) {
        final VectorShuffle<Double> partner = t == 0 ? PARTNER0 : t == 1 ? PARTNER1 : PARTNER2;
        final VectorMask<Double> bit = t == 0 ? BIT0 : t == 1 ? BIT1 : BIT2;
        // lane with bit t = 0 is row 0: self m00, partner m01; with bit t = 1 row 1: self m11, partner m10.
        final DoubleVector sr = DoubleVector.broadcast(S, m[0]).blend(m[6], bit);
        final DoubleVector si = DoubleVector.broadcast(S, m[1]).blend(m[7], bit);
        final DoubleVector pr = DoubleVector.broadcast(S, m[2]).blend(m[4], bit);
        final DoubleVector pi = DoubleVector.broadcast(S, m[3]).blend(m[5], bit);
        final DoubleVector nsi = si.neg(), npi = pi.neg();
        int endAmp = 2 * to;
        for (int a = 2 * from; a < endAmp; a += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, a), xi = DoubleVector.fromArray(S, im, a);
            DoubleVector yr = xr.rearrange(partner), yi = xi.rearrange(partner);
            xr.fma(sr, yr.fma(pr, xi.fma(nsi, yi.mul(npi)))).intoArray(re, a);
            xi.fma(sr, xr.fma(si, yi.fma(pr, yr.mul(pi)))).intoArray(im, a);
        }
    }

    /**
     * A 4x4 matrix on qubits (q0, q1) (matrix bit 0 = q0), both at or above {@link #LOG_L}, for group
     * indices [from, to) of the 2^(n-2) groups; from and to multiples of L. Written out in full so that
     * every vector is a local of this one method: vectors passed to a helper that is not inlined, or
     * kept in arrays, become heap objects and the kernel runs several times slower.
     */
    public static void apply2(double[] re, double[] im, int q0, int q1, double[] m, int from, int to) {
        final int lo = Math.min(q0, q1), hi = Math.max(q0, q1);
        final int o1 = 1 << q0, o2 = 1 << q1, o3 = o1 | o2;
        final double[] c = m;
        boolean real = true;
        for (int k = 1; k < 32; k += 2) {
            real &= m[k] == 0;
        }
        if (real) {
            apply2Real(re, im, q0, q1, m, from, to);
            return;
        }
        for (int g = from; g < to; g += L) {
            int b = DenseKernels.insertZero(DenseKernels.insertZero(g, lo), hi);
            DoubleVector r0 = DoubleVector.fromArray(S, re, b), i0 = DoubleVector.fromArray(S, im, b);
            DoubleVector r1 = DoubleVector.fromArray(S, re, b + o1), i1 = DoubleVector.fromArray(S, im, b + o1);
            DoubleVector r2 = DoubleVector.fromArray(S, re, b + o2), i2 = DoubleVector.fromArray(S, im, b + o2);
            DoubleVector r3 = DoubleVector.fromArray(S, re, b + o3), i3 = DoubleVector.fromArray(S, im, b + o3);
            for (int r = 0; r < 4; r++) {
                int o = 8 * r;
                int at = b + (r == 0 ? 0 : r == 1 ? o1 : r == 2 ? o2 : o3);
                DoubleVector sr = r0.mul(c[o]).sub(i0.mul(c[o + 1])).add(r1.mul(c[o + 2])).sub(i1.mul(c[o + 3]))
                        .add(r2.mul(c[o + 4])).sub(i2.mul(c[o + 5])).add(r3.mul(c[o + 6])).sub(i3.mul(c[o + 7]));
                DoubleVector si = i0.mul(c[o]).add(r0.mul(c[o + 1])).add(i1.mul(c[o + 2])).add(r1.mul(c[o + 3]))
                        .add(i2.mul(c[o + 4])).add(r2.mul(c[o + 5])).add(i3.mul(c[o + 6])).add(r3.mul(c[o + 7]));
                sr.intoArray(re, at);
                si.intoArray(im, at);
            }
        }
    }

    /** {@link #apply2} for a real matrix: real and imaginary parts transform alike. */
    private static void apply2Real(double[] re, double[] im, int q0, int q1, double[] c, int from, int to) {
        final int lo = Math.min(q0, q1), hi = Math.max(q0, q1);
        final int o1 = 1 << q0, o2 = 1 << q1, o3 = o1 | o2;
        for (int g = from; g < to; g += L) {
            int b = DenseKernels.insertZero(DenseKernels.insertZero(g, lo), hi);
            DoubleVector r0 = DoubleVector.fromArray(S, re, b), i0 = DoubleVector.fromArray(S, im, b);
            DoubleVector r1 = DoubleVector.fromArray(S, re, b + o1), i1 = DoubleVector.fromArray(S, im, b + o1);
            DoubleVector r2 = DoubleVector.fromArray(S, re, b + o2), i2 = DoubleVector.fromArray(S, im, b + o2);
            DoubleVector r3 = DoubleVector.fromArray(S, re, b + o3), i3 = DoubleVector.fromArray(S, im, b + o3);
            for (int r = 0; r < 4; r++) {
                int o = 8 * r;
                int at = b + (r == 0 ? 0 : r == 1 ? o1 : r == 2 ? o2 : o3);
                DoubleVector a0 = DoubleVector.broadcast(S, c[o]), a1 = DoubleVector.broadcast(S, c[o + 2]);
                DoubleVector a2 = DoubleVector.broadcast(S, c[o + 4]), a3 = DoubleVector.broadcast(S, c[o + 6]);
                r0.fma(a0, r1.fma(a1, r2.fma(a2, r3.mul(a3)))).intoArray(re, at);
                i0.fma(a0, i1.fma(a1, i2.fma(a2, i3.mul(a3)))).intoArray(im, at);
            }
        }
    }

    /**
     * As {@link DenseKernels#applyK} for qubits all at or above {@link #LOG_L}: L groups at once, since
     * the lowest L group indices are contiguous amplitudes. Inputs are re-read from L1 for each output
     * row and outputs staged in {@code scratch} (at least 2 * 2^k * L doubles, overwritten), so no
     * vector ever lives in an array. [from, to) must be multiples of L.
     */
    public static void applyK(double[] re, double[] im, int[] sortedQubits, int[] offsets, double[] m,
                              double[] scratch, int from, int to) {
        final int d = offsets.length;
        for (int g = from; g < to; g += L) {
            int base = g;
            for (int q : sortedQubits) {
                base = DenseKernels.insertZero(base, q);
            }
            for (int r = 0; r < d; r++) {
                DoubleVector sr = DoubleVector.zero(S), si = DoubleVector.zero(S);
                int row = 2 * r * d;
                for (int c = 0; c < d; c++) {
                    double mr = m[row + 2 * c], mi = m[row + 2 * c + 1];
                    if (mr == 0 && mi == 0) {
                        continue;
                    }
                    DoubleVector xr = DoubleVector.fromArray(S, re, base + offsets[c]);
                    DoubleVector xi = DoubleVector.fromArray(S, im, base + offsets[c]);
                    DoubleVector vr = DoubleVector.broadcast(S, mr), vi = DoubleVector.broadcast(S, mi);
                    sr = xr.fma(vr, xi.fma(vi.neg(), sr));
                    si = xi.fma(vr, xr.fma(vi, si));
                }
                sr.intoArray(scratch, 2 * r * L);
                si.intoArray(scratch, (2 * r + 1) * L);
            }
            for (int r = 0; r < d; r++) {
                DoubleVector.fromArray(S, scratch, 2 * r * L).intoArray(re, base + offsets[r]);
                DoubleVector.fromArray(S, scratch, (2 * r + 1) * L).intoArray(im, base + offsets[r]);
            }
        }
    }

    /** As {@link DiagonalKernels#multiplyRow}. */
    public static void multiplyRow(double[] re, double[] im, int offset, double[] fr, double[] fi, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            DoubleVector ar = DoubleVector.fromArray(S, re, offset + j), ai = DoubleVector.fromArray(S, im, offset + j);
            DoubleVector cr = DoubleVector.fromArray(S, fr, j), ci = DoubleVector.fromArray(S, fi, j);
            ar.fma(cr, ai.mul(ci).neg()).intoArray(re, offset + j);
            ai.fma(cr, ar.mul(ci)).intoArray(im, offset + j);
        }
        for (; j < len; j++) {
            double ar = re[offset + j], ai = im[offset + j];
            re[offset + j] = fr[j] * ar - fi[j] * ai;
            im[offset + j] = fr[j] * ai + fi[j] * ar;
        }
    }

    /** As {@link DiagonalKernels#multiplyRowScaled}. */
    public static void multiplyRowScaled(double[] re, double[] im, int offset, double[] fr, double[] fi,
                                         double cr, double ci, int len) {
        final DoubleVector vcr = DoubleVector.broadcast(S, cr), vci = DoubleVector.broadcast(S, ci);
        int j = 0;
        for (; j + L <= len; j += L) {
            DoubleVector ar = DoubleVector.fromArray(S, re, offset + j), ai = DoubleVector.fromArray(S, im, offset + j);
            DoubleVector tr = DoubleVector.fromArray(S, fr, j), ti = DoubleVector.fromArray(S, fi, j);
            DoubleVector gr = tr.mul(vcr).sub(ti.mul(vci)), gi = tr.mul(vci).add(ti.mul(vcr));
            ar.mul(gr).sub(ai.mul(gi)).intoArray(re, offset + j);
            ar.mul(gi).add(ai.mul(gr)).intoArray(im, offset + j);
        }
        for (; j < len; j++) {
            double gr = fr[j] * cr - fi[j] * ci, gi = fr[j] * ci + fi[j] * cr;
            double ar = re[offset + j], ai = im[offset + j];
            re[offset + j] = ar * gr - ai * gi;
            im[offset + j] = ar * gi + ai * gr;
        }
    }

    /**
     * As {@link PermutationKernels#controlledX} for a target at or above {@link #LOG_L}: whole vectors
     * of pairs are swapped, with the controls inside a vector applied as a lane mask (a blend) and those
     * above it tested once per vector.
     */
    public static void controlledX(double[] re, double[] im, int t, int controlMask, int from, int to) {
        final int stride = 1 << t;
        final int lowControls = controlMask & (L - 1), highControls = controlMask & ~(L - 1);
        long lanes = 0;
        for (int l = 0; l < L; l++) {
            if ((l & lowControls) == lowControls) {
                lanes |= 1L << l;
            }
        }
        final VectorMask<Double> swap = VectorMask.fromLong(S, lanes);
        final boolean all = lanes == (1L << L) - 1;
        int k = from;
        while (k < to) {
            int low = k & (stride - 1);
            int runEnd = Math.min(to, k - low + stride);
            int a0 = DenseKernels.insertZero(k, t);
            int len = runEnd - k;
            int j = 0;
            for (; j + L <= len; j += L) {
                int a = a0 + j, b = a + stride;
                if ((a & highControls) != highControls) {
                    continue;
                }
                DoubleVector ar = DoubleVector.fromArray(S, re, a), br = DoubleVector.fromArray(S, re, b);
                DoubleVector ai = DoubleVector.fromArray(S, im, a), bi = DoubleVector.fromArray(S, im, b);
                if (all) {
                    br.intoArray(re, a);
                    ar.intoArray(re, b);
                    bi.intoArray(im, a);
                    ai.intoArray(im, b);
                } else {
                    ar.blend(br, swap).intoArray(re, a);
                    br.blend(ar, swap).intoArray(re, b);
                    ai.blend(bi, swap).intoArray(im, a);
                    bi.blend(ai, swap).intoArray(im, b);
                }
            }
            if (j < len) {
                PermutationKernels.controlledX(re, im, t, controlMask, k + j, runEnd);
            }
            k = runEnd;
        }
    }
}
