package org.qtune.sim.kernel;

/**
 * Read-only reductions over amplitudes. Nothing is modified except the accumulator arrays a method
 * names as output.
 */
public final class ReductionKernels {
    private ReductionKernels() {
    }

    /** Sum of |a_i|^2 over [from, to). */
    public static double sumSquares(double[] re, double[] im, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += re[i] * re[i] + im[i] * im[i];
        }
        return s;
    }

    /**
     * Adds |a_i|^2 to {@code lowTable[i & (lowTable.length - 1)]} for i in [from, to). lowTable's
     * length is a power of two; from and to are multiples of it. lowTable modified. With per-block
     * totals this gives every qubit's marginal in one pass.
     */
    public static void accumulateLow(double[] re, double[] im, double[] lowTable, int from, int to) {
        final int len = lowTable.length;
        for (int base = from; base < to; base += len) {
            for (int j = 0; j < len; j++) {
                double p = re[base + j] * re[base + j] + im[base + j] * im[base + j];
                lowTable[j] += p;
            }
        }
    }

    /**
     * The Pauli-string sandwich sum over i in [from, to) of conj(a_{i ^ xMask}) * s(i) * a_i with the
     * sign s(i) = (-1)^popcount(i &amp; zMask); returns {real, imaginary}. The caller multiplies by
     * i^(number of Y factors).
     */
    public static void pauliSandwich(double[] re, double[] im, int xMask, int zMask, int from, int to, double[] out) {
        pauliSandwich(re, im, re, im, xMask, zMask, from, to, out);
    }

    /**
     * As {@link #pauliSandwich(double[], double[], int, int, int, int, double[])} with a_i read from
     * (re, im) and a_{i ^ xMask} from (partnerRe, partnerIm): for a state in pages, where the string's
     * X factors on page qubits pair one page with another. Indices and masks are within a page.
     */
    public static void pauliSandwich(double[] re, double[] im, double[] partnerRe, double[] partnerIm, int xMask,
                                     int zMask, int from, int to, double[] out) {
        double sr = 0, si = 0;
        for (int i = from; i < to; i++) {
            int j = i ^ xMask;
            // conj(a_j) * a_i
            double pr = partnerRe[j] * re[i] + partnerIm[j] * im[i];
            double pi = partnerRe[j] * im[i] - partnerIm[j] * re[i];
            if ((Integer.bitCount(i & zMask) & 1) != 0) {
                sr -= pr;
                si -= pi;
            } else {
                sr += pr;
                si += pi;
            }
        }
        out[0] = sr;
        out[1] = si;
    }

    /** The inner product sum conj(a_i) b_i over [from, to), written to out as {real, imaginary}. */
    public static void innerProduct(double[] are, double[] aim, double[] bre, double[] bim, int from, int to, double[] out) {
        double sr = 0, si = 0;
        for (int i = from; i < to; i++) {
            sr += are[i] * bre[i] + aim[i] * bim[i];
            si += are[i] * bim[i] - aim[i] * bre[i];
        }
        out[0] = sr;
        out[1] = si;
    }

    /** The real part of the inner product, sum re(a_i) re(b_i) + im(a_i) im(b_i) over [from, to). */
    public static double realInnerProduct(double[] are, double[] aim, double[] bre, double[] bim, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += are[i] * bre[i] + aim[i] * bim[i];
        }
        return s;
    }
}
