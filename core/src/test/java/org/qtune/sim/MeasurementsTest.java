package org.qtune.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sampling: streamed in chunks, with the counts of the draw-everything-then-sort algorithm it replaced. */
class MeasurementsTest {
    /** The earlier algorithm, an array of every draw sorted at once: the reference for the counts. */
    static TreeMap<Integer, Integer> allDrawsAtOnce(StateVector s, int shots, long seed) {
        double[] u = new double[shots];
        SplittableRandom rnd = new SplittableRandom(seed);
        double total = 0;
        for (int i = 0; i < s.dimension(); i++) {
            total += Measurements.probability(s, i);
        }
        for (int i = 0; i < shots; i++) {
            u[i] = rnd.nextDouble() * total;
        }
        Arrays.sort(u);
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        double cum = 0;
        int k = 0, last = -1;
        for (int i = 0; i < s.dimension() && k < shots; i++) {
            double p = Measurements.probability(s, i);
            if (p > 0) {
                last = i;
            }
            cum += p;
            while (k < shots && u[k] < cum) {
                counts.merge(i, 1, Integer::sum);
                k++;
            }
        }
        if (k < shots) {
            counts.merge(last, shots - k, Integer::sum);
        }
        return counts;
    }

    /** A seeded random state, with some amplitudes zero (whole blocks of them above 20 qubits). */
    static StateVector randomState(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] re = new double[1 << n], im = new double[1 << n];
        double norm = 0;
        for (int i = 0; i < re.length; i++) {
            boolean zero = rnd.nextInt(5) == 0 || (n > 20 && (i >>> 12) % 3 == 1);
            re[i] = zero ? 0 : rnd.nextGaussian();
            im[i] = zero ? 0 : rnd.nextGaussian();
            norm += re[i] * re[i] + im[i] * im[i];
        }
        double scale = 1 / Math.sqrt(norm);
        for (int i = 0; i < re.length; i++) {
            re[i] *= scale;
            im[i] *= scale;
        }
        return StateVector.of(re, im);
    }

    @Test
    void drawsMatchedInChunksCountAsAllDrawsSortedAtOnce() {
        for (int n : new int[] {1, 3, 9, 21}) {
            StateVector s = randomState(n, n);
            for (long seed : new long[] {0, 7, -3}) {
                int shots = n == 21 ? 300_000 : 50_000;
                TreeMap<Integer, Integer> reference = allDrawsAtOnce(s, shots, seed);
                assertEquals(reference, Measurements.sample(s, shots, seed), "one chunk, n = " + n);
                assertEquals(reference, Measurements.sample(s, shots, seed, 997), "chunks of 997, n = " + n);
                assertEquals(reference, Measurements.sample(s, shots, seed, shots / 2), "two chunks, n = " + n);
            }
        }
    }

    @Test
    void moreShotsThanOneChunkGiveTheSameCountsWithoutAnArrayPerShot() {
        StateVector s = randomState(4, 11);
        int shots = Measurements.SAMPLE_CHUNK + 12_345;
        TreeMap<Integer, Integer> counts = Measurements.sample(s, shots, 5);
        assertEquals(allDrawsAtOnce(s, shots, 5), counts);
        assertEquals(shots, counts.values().stream().mapToInt(Integer::intValue).sum());
        // the memory a billion shots need does not grow with the shots beyond one chunk
        assertEquals(Measurements.sampleMemory(4, 1L << 23).bytes(), Measurements.sampleMemory(4, 1_000_000_000).bytes());
        assertTrue(Measurements.sampleMemory(4, 1_000_000_000).bytes() < 64L << 20);
    }

    @Test
    void splittingShotsBetweenWeightsMatchesSortingEveryDraw() {
        double[] weights = {0.1, 0, 0.25, 0, 0, 0.4, 0.25, 0};
        for (long seed = 0; seed < 5; seed++) {
            int shots = 20_000;
            SplittableRandom a = new SplittableRandom(seed), b = new SplittableRandom(seed);
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double[] u = new double[shots];
            for (int i = 0; i < shots; i++) {
                u[i] = b.nextDouble() * total;
            }
            Arrays.sort(u);
            int[] expected = new int[weights.length];
            double cum = 0;
            int k = 0, last = 0;
            for (int p = 0; p < weights.length; p++) {
                cum += weights[p];
                if (weights[p] > 0) {
                    last = p;
                }
                while (k < shots && u[k] < cum) {
                    expected[p]++;
                    k++;
                }
            }
            expected[last] += shots - k;
            assertArrayEquals(expected, Measurements.sampleCounts(weights, shots, a));
            assertEquals(b.nextLong(), a.nextLong(), "the same draws were taken from the generator");
        }
    }
}
