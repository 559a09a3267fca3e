package org.qtune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicroBatchesTest {
    @Test
    void theCutHoldsEveryExampleOnceInRunsOfTheMicroBatchSize() {
        MicroBatches b = new MicroBatches(103, 8, 3, 7);
        assertEquals(13, b.count());
        int[] seen = new int[103];
        for (int k = 0; k < b.count(); k++) {
            int[] m = b.members(k);
            assertEquals(k < 12 ? 8 : 7, m.length);
            for (int i : m) {
                seen[i]++;
            }
        }
        for (int s : seen) {
            assertEquals(1, s);
        }
        assertFalse(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, b.members(0)), "the cut is shuffled");
    }

    @Test
    void anEpochUsesEachMicroBatchAtMostOnceAndTheNextEpochReorders() {
        MicroBatches b = new MicroBatches(100, 5, 3, 11);
        assertEquals(20, b.count());
        assertEquals(6, b.stepsPerEpoch());
        Set<Integer> epoch0 = new HashSet<>();
        for (int step = 1; step <= 6; step++) {
            assertEquals(0, b.epochOf(step));
            for (int k : b.ofStep(step)) {
                assertTrue(epoch0.add(k), "micro-batch " + k + " twice in epoch 0");
            }
        }
        assertEquals(18, epoch0.size());
        assertEquals(1, b.epochOf(7));
        assertFalse(Arrays.equals(b.ofStep(1), b.ofStep(7)));
    }

    @Test
    void aStepTakesOneMicroBatchFromEachLaneAndByLaneListsTheUsedOnesLaneAfterLane() {
        MicroBatches b = new MicroBatches(100, 4, 4, 2);
        assertEquals(25, b.count());
        assertEquals(6, b.stepsPerEpoch());
        for (int step = 1; step <= 20; step++) {
            int[] k = b.ofStep(step);
            for (int lane = 0; lane < 4; lane++) {
                assertEquals(lane, k[lane] % 4, "step " + step);
                assertTrue(k[lane] < 24, "micro-batch 24 is beyond a whole number per lane");
            }
        }
        int[] lanes = b.byLane();
        assertEquals(24, lanes.length);
        for (int i = 0; i < lanes.length; i++) {
            assertEquals(i / 6, lanes[i] % 4);
        }
    }

    @Test
    void theSameSeedGivesTheSameStepsAndAnotherSeedOthers() {
        MicroBatches a = new MicroBatches(64, 4, 2, 5), b = new MicroBatches(64, 4, 2, 5), c = new MicroBatches(64, 4, 2, 6);
        for (int step = 1; step < 40; step++) {
            assertArrayEquals(a.ofStep(step), b.ofStep(step));
        }
        assertArrayEquals(a.members(3), b.members(3));
        assertFalse(Arrays.equals(a.members(3), c.members(3)) && Arrays.equals(a.ofStep(1), c.ofStep(1)));
    }

    @Test
    void tooFewExamplesForAStepAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MicroBatches(10, 4, 4, 1));
        assertTrue(e.getMessage().contains("needs at least 13 examples; the data has 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MicroBatches(10, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MicroBatches(10, 2, 1, 1).ofStep(0));
    }

    /** Difficulty = the example's index mod 50 (ties among the 2 of each value). */
    private static double[] difficulty(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (i * 37) % 50;
        }
        return d;
    }

    private static double meanDifficulty(MicroBatches b, int block, double[] d) {
        return Arrays.stream(b.members(block)).mapToDouble(i -> d[i]).average().orElseThrow();
    }

    @Test
    void anOrderedCurriculumVisitsEachLaneEasiestFirstEveryEpoch() {
        double[] d = difficulty(100);
        MicroBatches b = MicroBatches.curriculum(d, 5, 2, 3, new MicroBatches.Curriculum(false, 0, 0));
        int[] seen = new int[100];
        for (int k = 0; k < b.count(); k++) {
            for (int i : b.members(k)) {
                seen[i]++;
            }
            if (k > 0) {
                assertTrue(meanDifficulty(b, k, d) >= meanDifficulty(b, k - 1, d), "the cut follows the difficulty");
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
        int per = b.stepsPerEpoch();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int lane = 0; lane < 2; lane++) {
                double last = -1;
                for (int t = 1; t <= per; t++) {
                    double m = meanDifficulty(b, b.ofStep(epoch * per + t)[lane], d);
                    assertTrue(m >= last, "easiest first in epoch " + epoch);
                    last = m;
                }
            }
        }
        // ties keep the seeded order: another seed cuts equal difficulties differently
        MicroBatches other = MicroBatches.curriculum(d, 5, 2, 4, new MicroBatches.Curriculum(false, 0, 0));
        assertFalse(Arrays.equals(b.members(0), other.members(0)) && Arrays.equals(b.members(1), other.members(1))
                && Arrays.equals(b.members(2), other.members(2)));
    }

    @Test
    void aCompetenceCurriculumDrawsFromTheEasiestShareAndThenFromAll() {
        MicroBatches.Curriculum c = new MicroBatches.Curriculum(true, 0.1, 40);
        assertEquals(0.1, c.at(0), 1e-15);
        assertEquals(1, c.at(40), 1e-15);
        assertEquals(Math.sqrt(20 * 0.99 / 40 + 0.01), c.at(20), 1e-15);
        MicroBatches b = MicroBatches.curriculum(difficulty(200), 5, 2, 9, c);
        int per = b.stepsPerEpoch();
        Set<Integer> late = new HashSet<>();
        for (int t = 1; t <= 200; t++) {
            int[] blocks = b.ofStep(t);
            assertArrayEquals(blocks, b.ofStep(t), "a function of the seed and step");
            for (int lane = 0; lane < 2; lane++) {
                int j = (blocks[lane] - lane) / 2;
                assertEquals(lane, blocks[lane] % 2);
                assertTrue(j < Math.ceil(c.at(t) * per), "step " + t + ": micro-batch " + j + " of " + per);
                if (t > 40) {
                    late.add(j);
                }
            }
        }
        assertEquals(per, late.size(), "after T every micro-batch is drawn");
        assertThrows(IllegalArgumentException.class, () -> new MicroBatches.Curriculum(true, 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> MicroBatches.curriculum(new double[] {1, Double.NaN}, 1, 1, 1, c));
    }
}
