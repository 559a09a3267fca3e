package org.qtune.sim;

import java.util.Arrays;
import org.qtune.sim.kernel.ReductionKernels;

/**
 * Measurements of one array of amplitudes that is a chunk of a larger state: the array's 2^L
 * amplitudes are those whose index bits 0..L-1 are the offset in the array and whose bits L and
 * above are the chunk's index. A page of a paged {@link StateVector} is such a chunk (its page
 * number the index), and so is a partition of the Spark state vector (in its physical numbering):
 * {@link Measurements} and the distributed state both add these partial results, chunk by chunk in
 * chunk order, so the arithmetic is written once. Arrays are only read.
 */
public final class ChunkMeasurements {
    /** Bits of the index that {@link #addZAll} sums by table instead of by sign. */
    private static final int LOW_BITS = 10;

    private ChunkMeasurements() {
    }

    /**
     * Adds the chunk's share of a marginal: {@code marginal[v] += |a_i|^2} where bit j of v is bit
     * {@code positions[j]} of the full index i (read from the offset below L, from the chunk index at
     * or above it).
     */
    public static void addMarginal(double[] re, double[] im, int chunkIndex, int[] positions, double[] marginal) {
        int local = localQubits(re, im);
        int fixed = 0;
        int[] localPos = new int[positions.length];
        for (int j = 0; j < positions.length; j++) {
            int p = positions[j];
            if (p >= local) {
                fixed |= ((chunkIndex >>> (p - local)) & 1) << j;
                localPos[j] = -1;
            } else {
                localPos[j] = p;
            }
        }
        for (int o = 0; o < re.length; o++) {
            int v = fixed;
            for (int j = 0; j < localPos.length; j++) {
                if (localPos[j] >= 0) {
                    v |= ((o >>> localPos[j]) & 1) << j;
                }
            }
            marginal[v] += re[o] * re[o] + im[o] * im[o];
        }
    }

    /**
     * The chunk's share of a Z string's expectation: the sum of |a_i|^2 (-1)^popcount(i &amp; zMask)
     * over its amplitudes, i the full index.
     */
    public static double zString(double[] re, double[] im, int chunkIndex, long zMask) {
        int local = localQubits(re, im);
        double[] out = new double[2];
        ReductionKernels.pauliSandwich(re, im, 0, (int) (zMask & ((1L << local) - 1)), 0, re.length, out);
        boolean odd = (Long.bitCount(((long) chunkIndex << local) & zMask) & 1) != 0;
        return odd ? -out[0] : out[0];
    }

    /**
     * Adds the chunk's share of {@code <Z_p>} for every index bit p below numQubits into out[p], and
     * its total probability into out[numQubits], in one pass: probabilities are summed into a table
     * indexed by the low offset bits (which gives the low bits' marginals at the end) and into
     * per-block totals (whose signs by block index give the other offset bits'); the bits of the chunk
     * index give the whole chunk's mass one sign.
     */
    public static void addZAll(double[] re, double[] im, int chunkIndex, int numQubits, double[] out) {
        int local = localQubits(re, im);
        int low = Math.min(local, LOW_BITS);
        int block = 1 << low;
        double[] table = new double[block];
        double[] blockTable = new double[block];
        double[] z = new double[local];
        double mass = 0;
        for (int b = 0; b < re.length / block; b++) {
            Arrays.fill(blockTable, 0);
            ReductionKernels.accumulateLow(re, im, blockTable, b * block, (b + 1) * block);
            double sb = 0;
            for (int j = 0; j < block; j++) {
                table[j] += blockTable[j];
                sb += blockTable[j];
            }
            for (int q = low; q < local; q++) {
                z[q] += ((b >>> (q - low)) & 1) == 0 ? sb : -sb;
            }
            mass += sb;
        }
        for (int q = 0; q < low; q++) {
            double d = 0;
            for (int j = 0; j < block; j++) {
                d += (j >>> q & 1) == 0 ? table[j] : -table[j];
            }
            z[q] = d;
        }
        for (int q = 0; q < local; q++) {
            out[q] += z[q];
        }
        for (int q = local; q < numQubits; q++) {
            out[q] += ((chunkIndex >>> (q - local)) & 1) == 0 ? mass : -mass;
        }
        out[numQubits] += mass;
    }

    private static int localQubits(double[] re, double[] im) {
        if (re.length != im.length || Integer.bitCount(re.length) != 1) {
            throw new IllegalArgumentException("a chunk is two arrays of equal power-of-two length");
        }
        return Integer.numberOfTrailingZeros(re.length);
    }
}
