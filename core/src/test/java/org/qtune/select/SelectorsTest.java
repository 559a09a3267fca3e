package org.qtune.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorsTest {
    /** The optimum by looking at every mask of n bits (not only Gosper's k-subsets). */
    private static double exhaustive(SelectionProblem p, int k) {
        double best = Double.POSITIVE_INFINITY;
        for (long mask = 0; mask < 1L << p.size(); mask++) {
            if (Long.bitCount(mask) == k) {
                best = Math.min(best, p.energy(Selectors.bits(mask, p.size())));
            }
        }
        return best;
    }

    private static void assertKSorted(int[] chosen, int k, int n, String what) {
        assertEquals(k, chosen.length, what);
        for (int i = 0; i < k; i++) {
            assertTrue(chosen[i] >= 0 && chosen[i] < n, what);
            assertTrue(i == 0 || chosen[i] > chosen[i - 1], what + ": " + Arrays.toString(chosen));
        }
    }

    @Test
    void bruteForceFindsTheOptimumOfEveryMask() {
        for (long seed = 0; seed < 6; seed++) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(12, 5, seed), null, 0.4, 0);
            for (int k : new int[] {1, 3, 6, 12}) {
                int[] b = Selectors.bruteForce(p, k);
                assertKSorted(b, k, 12, "brute force");
                assertEquals(exhaustive(p, k), p.energy(b), 1e-12, "seed " + seed + ", k " + k);
            }
        }
        SelectionProblem big = SelectionProblem.of(SelectionProblemTest.embeddings(64, 3, 1), null, 0.5, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Selectors.bruteForce(big, 20)).getMessage()
                .contains("is beyond 50,000,000"));
    }

    @Test
    void everySolverReturnsExactlyKAndNoneBeatsTheOptimum() {
        for (long seed = 0; seed < 5; seed++) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(14, 6, 10 + seed), null, 0.5, 0);
            for (int k : new int[] {1, 4, 7, 13, 14}) {
                double opt = p.energy(Selectors.bruteForce(p, k));
                List<int[]> answers = List.of(Selectors.random(p, k, seed), Selectors.greedy(p, k),
                        Selectors.kCenter(p, k), Selectors.facility(p, k), Annealing.solve(p, k, seed, 50));
                for (int[] a : answers) {
                    assertKSorted(a, k, 14, "k " + k);
                    assertTrue(p.energy(a) >= opt - 1e-12);
                }
            }
        }
    }

    /** The test: annealing reaches the brute-force optimum on random instances of N <= 16. */
    @Test
    void annealingReachesTheOptimumOnRandomInstancesUpTo16() {
        int reached = 0, instances = 0;
        for (int n : new int[] {8, 12, 16}) {
            for (long seed = 0; seed < 4; seed++) {
                SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(n, 8, 100 * n + seed), null,
                        0.5, 0);
                int k = n / 4 + (int) seed;
                double opt = p.energy(Selectors.bruteForce(p, k));
                double got = p.energy(Annealing.solve(p, k, seed, Annealing.DEFAULT_SWEEPS));
                instances++;
                reached += Math.abs(got - opt) <= 1e-9 * Math.max(1, Math.abs(opt)) ? 1 : 0;
            }
        }
        assertEquals(instances, reached, "annealing reached the optimum on " + reached + " of " + instances);
    }

    @Test
    void greedyOnEIsExactWhenNothingIsRedundant() {
        // orthogonal embeddings: no redundancy, so E is linear and the k most relevant are optimal
        double[][] e = new double[6][6];
        for (int i = 0; i < 6; i++) {
            e[i][i] = 1;
        }
        double[][] anchor = {{6, 5, 4, 3, 2, 1}};
        SelectionProblem p = SelectionProblem.of(e, anchor, 0.5, 0);
        assertArrayEquals(new int[] {0, 1, 2}, Selectors.greedy(p, 3));
        assertArrayEquals(new int[] {0, 1, 2}, Selectors.bruteForce(p, 3));
    }

    @Test
    void theCoresetBaselinesTakeOneExampleFromEachCluster() {
        // three tight clusters of four around orthogonal directions
        double[][] e = new double[12][3];
        for (int i = 0; i < 12; i++) {
            e[i][i / 4] = 1;
            e[i][(i / 4 + 1) % 3] = 0.01 * (i % 4);
        }
        SelectionProblem p = SelectionProblem.of(e, null, 0.5, 0);
        for (int[] chosen : List.of(Selectors.kCenter(p, 3), Selectors.facility(p, 3))) {
            List<Integer> clusters = new ArrayList<>();
            for (int c : chosen) {
                clusters.add(c / 4);
            }
            assertEquals(List.of(0, 1, 2), clusters, Arrays.toString(chosen));
        }
    }

    @Test
    void randomIsSeededAndCoversTheCandidates() {
        SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(50, 3, 1), null, 0.5, 0);
        assertArrayEquals(Selectors.random(p, 10, 7), Selectors.random(p, 10, 7));
        assertNotEquals(Arrays.toString(Selectors.random(p, 10, 7)), Arrays.toString(Selectors.random(p, 10, 8)));
        int[] counts = new int[50];
        for (long seed = 0; seed < 2000; seed++) {
            for (int c : Selectors.random(p, 10, seed)) {
                counts[c]++;
            }
        }
        for (int c : counts) {
            assertTrue(c > 300 && c < 500, "each candidate is drawn about 400 times of 2,000: " + c);
        }
        assertArrayEquals(Annealing.solve(p, 10, 3, 20), Annealing.solve(p, 10, 3, 20));
    }
}
