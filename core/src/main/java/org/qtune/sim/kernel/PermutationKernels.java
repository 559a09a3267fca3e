package org.qtune.sim.kernel;

/** Kernels for gates that permute basis states: multi-controlled X and SWAP. Pure data movement. */
public final class PermutationKernels {
    private PermutationKernels() {
    }

    /**
     * Flips bit {@code t} of every basis state whose bits in {@code controlMask} are all 1 (X when the
     * mask is 0, CX, CCX, MCX), for pair indices [from, to) of the 2^(n-1) pairs on t.
     * The mask must not contain bit t.
     */
    public static void controlledX(double[] re, double[] im, int t, int controlMask, int from, int to) {
        final int stride = 1 << t;
        for (int k = from; k < to; k++) {
            int a = DenseKernels.insertZero(k, t);
            if ((a & controlMask) != controlMask) {
                continue;
            }
            int b = a | stride;
            double r = re[a], i = im[a];
            re[a] = re[b];
            im[a] = im[b];
            re[b] = r;
            im[b] = i;
        }
    }

    /**
     * Swaps element j of two arrays for every j in [from, to) whose bits in {@code controlMask} are all
     * 1: a (multi-)controlled X whose target selects between two pages of a state. With an empty mask
     * the loop is a plain exchange.
     */
    public static void swapPages(double[] aRe, double[] aIm, double[] bRe, double[] bIm, int controlMask, int from,
                                 int to) {
        for (int j = from; j < to; j++) {
            if ((j & controlMask) != controlMask) {
                continue;
            }
            double r = aRe[j], i = aIm[j];
            aRe[j] = bRe[j];
            aIm[j] = bIm[j];
            bRe[j] = r;
            bIm[j] = i;
        }
    }

    /**
     * Swaps qubits {@code q0 < q1} on the basis states whose bits in {@code controlMask} are all 1, for
     * indices [from, to) of the 2^(n-2) groups with both bits clear.
     */
    public static void controlledSwap(double[] re, double[] im, int q0, int q1, int controlMask, int from, int to) {
        final int b0 = 1 << q0, b1 = 1 << q1;
        for (int g = from; g < to; g++) {
            int base = DenseKernels.insertZero(DenseKernels.insertZero(g, q0), q1);
            if ((base & controlMask) != controlMask) {
                continue;
            }
            int a = base | b0, b = base | b1;
            double r = re[a], i = im[a];
            re[a] = re[b];
            im[a] = im[b];
            re[b] = r;
            im[b] = i;
        }
    }

    /**
     * Adds {@code weight * P |in>} to {@code out} for the Pauli string P with masks x, z (Y where both
     * are set), over source indices [from, to): P|i&gt; = i^nY (-1)^popcount(i &amp; z) |i ^ x&gt;.
     * in not modified; out modified. For a state in pages, call it once per pair of pages with the
     * masks reduced to a page and the sign of the page's own z-bits folded into {@code weight}.
     */
    public static void addPauli(double[] inRe, double[] inIm, double[] outRe, double[] outIm, int xMask, int zMask,
                                int numY, double weight, int from, int to) {
        // i^numY * weight as a complex number
        double pr = 0, pi = 0;
        switch (numY & 3) {
            case 0 -> pr = weight;
            case 1 -> pi = weight;
            case 2 -> pr = -weight;
            default -> pi = -weight;
        }
        for (int i = from; i < to; i++) {
            double sr = pr, si = pi;
            if ((Integer.bitCount(i & zMask) & 1) != 0) {
                sr = -sr;
                si = -si;
            }
            int j = i ^ xMask;
            outRe[j] += sr * inRe[i] - si * inIm[i];
            outIm[j] += sr * inIm[i] + si * inRe[i];
        }
    }
}
