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
     * As {@link DenseKernels#applyK} for qubits all at or above {@link #LOG_L}: L groups at once, since
     * the lowest L group indices are contiguous amplitudes. [from, to) must be multiples of L.
     */
    public static void applyK(double[] re, double[] im, int[] sortedQubits, int[] offsets, double[] m,
                              int from, int to) {
        final int d = offsets.length;
        // d <= 16: small arrays of vectors, allocated once per call (not per group); the matrix is
        // broadcast once.
        DoubleVector[] xr = new DoubleVector[d], xi = new DoubleVector[d];
        DoubleVector[] vr = new DoubleVector[d * d], vi = new DoubleVector[d * d], vni = new DoubleVector[d * d];
        for (int e = 0; e < d * d; e++) {
            vr[e] = DoubleVector.broadcast(S, m[2 * e]);
            vi[e] = DoubleVector.broadcast(S, m[2 * e + 1]);
            vni[e] = vi[e].neg();
        }
        for (int g = from; g < to; g += L) {
            int base = g;
            for (int q : sortedQubits) {
                base = DenseKernels.insertZero(base, q);
            }
            for (int v = 0; v < d; v++) {
                xr[v] = DoubleVector.fromArray(S, re, base + offsets[v]);
                xi[v] = DoubleVector.fromArray(S, im, base + offsets[v]);
            }
            for (int r = 0; r < d; r++) {
                DoubleVector sr = DoubleVector.zero(S), si = DoubleVector.zero(S);
                int row = 2 * r * d;
                for (int c = 0; c < d; c++) {
                    if (m[row + 2 * c] == 0 && m[row + 2 * c + 1] == 0) {
                        continue;
                    }
                    int e = r * d + c;
                    sr = xr[c].fma(vr[e], xi[c].fma(vni[e], sr));
                    si = xi[c].fma(vr[e], xr[c].fma(vi[e], si));
                }
                sr.intoArray(re, base + offsets[r]);
                si.intoArray(im, base + offsets[r]);
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
}
