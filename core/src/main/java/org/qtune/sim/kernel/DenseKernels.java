package org.qtune.sim.kernel;

/**
 * Scalar dense-matrix kernels: a 2x2 matrix on one qubit and a 2^k x 2^k matrix on k qubits. These are
 * the reference and fallback paths; {@link VectorKernels} has the SIMD versions.
 */
public final class DenseKernels {
    private DenseKernels() {
    }

    /** Index of the {@code k}-th pair's |0&gt; member for target {@code t}: insert a zero bit at t. */
    static int insertZero(int k, int t) {
        int low = k & ((1 << t) - 1);
        return ((k >>> t) << (t + 1)) | low;
    }

    /**
     * Applies the 2x2 matrix {@code m} to qubit {@code t}, for pair indices [from, to) of the 2^(n-1)
     * pairs (i, i | 2^t) with bit t of i clear. re, im modified; m not modified.
     */
    public static void apply1(double[] re, double[] im, int t, double[] m, int from, int to) {
        final double m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        final int stride = 1 << t;
        int k = from;
        while (k < to) {
            int low = k & (stride - 1);
            int runEnd = Math.min(to, k - low + stride);
            int a0 = insertZero(k, t);
            int len = runEnd - k;
            for (int j = 0; j < len; j++) {
                int a = a0 + j, b = a + stride;
                double ar = re[a], ai = im[a], br = re[b], bi = im[b];
                re[a] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
                im[a] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
                re[b] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
                im[b] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
            }
            k = runEnd;
        }
    }

    /**
     * Applies the 2x2 matrix {@code m} to the pairs (a_j, b_j), j in [from, to), of two arrays: a one-qubit
     * gate on a qubit that selects between two pages of a state (see {@code StateVector}). All four
     * arrays modified in [from, to); m not modified.
     */
    public static void apply1Pair(double[] aRe, double[] aIm, double[] bRe, double[] bIm, double[] m, int from, int to) {
        final double m00r = m[0], m00i = m[1], m01r = m[2], m01i = m[3];
        final double m10r = m[4], m10i = m[5], m11r = m[6], m11i = m[7];
        for (int j = from; j < to; j++) {
            double ar = aRe[j], ai = aIm[j], br = bRe[j], bi = bIm[j];
            aRe[j] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
            aIm[j] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
            bRe[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
            bIm[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        }
    }

    /**
     * Applies a 2^k x 2^k matrix to the qubits {@code qubits} (matrix bit j = qubits[j]), for group
     * indices [from, to) of the 2^(n-k) groups. {@code sortedQubits} is {@code qubits} in ascending
     * order; {@code offsets[v]} is the index offset of matrix basis state v, i.e. the bits of v
     * deposited at {@code qubits}. {@code scratch} needs 2 * 2^k doubles and is overwritten.
     */
    public static void applyK(double[] re, double[] im, int[] sortedQubits, int[] offsets, double[] m,
                              double[] scratch, int from, int to) {
        final int d = offsets.length;
        for (int g = from; g < to; g++) {
            int base = g;
            for (int q : sortedQubits) {
                base = insertZero(base, q);
            }
            for (int v = 0; v < d; v++) {
                scratch[2 * v] = re[base + offsets[v]];
                scratch[2 * v + 1] = im[base + offsets[v]];
            }
            for (int r = 0; r < d; r++) {
                double sr = 0, si = 0;
                int row = 2 * r * d;
                for (int c = 0; c < d; c++) {
                    double mr = m[row + 2 * c], mi = m[row + 2 * c + 1];
                    double xr = scratch[2 * c], xi = scratch[2 * c + 1];
                    sr += mr * xr - mi * xi;
                    si += mr * xi + mi * xr;
                }
                re[base + offsets[r]] = sr;
                im[base + offsets[r]] = si;
            }
        }
    }
}
