package org.qtune.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionProblemTest {
    /** n random embeddings of dimension d (Gaussian entries, any norm), seeded. */
    static double[][] embeddings(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] e = new double[n][d];
        for (double[] row : e) {
            for (int j = 0; j < d; j++) {
                row[j] = nextGaussian(rnd) * (1 + rnd.nextDouble());
            }
        }
        return e;
    }

    static double nextGaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static double cos(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** E written out from the definition, from the raw embeddings. */
    private static double definition(double[][] e, double[][] anchor, double alpha, double threshold, int[] chosen) {
        double[] t = new double[e[0].length];
        for (double[] a : anchor) {
            double norm = Math.sqrt(dot(a, a));
            for (int j = 0; j < t.length; j++) {
                t[j] += a[j] / norm;
            }
        }
        int k = chosen.length;
        double rel = 0, red = 0;
        for (int i : chosen) {
            rel += Math.max(0, cos(e[i], t));
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = Math.max(0, cos(e[chosen[a]], e[chosen[b]]));
                red += s < threshold ? 0 : s;
            }
        }
        return -alpha * k * rel + (1 - alpha) * red;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void theEnergyIsTheDefinitionsAndTheQubosForEveryKSubsetOfASmallProblem() {
        double[][] e = embeddings(10, 6, 1), anchor = embeddings(3, 6, 2);
        for (double threshold : new double[] {0, 0.3}) {
            SelectionProblem p = SelectionProblem.of(e, anchor, 0.3, threshold);
            for (long mask = 1; mask < 1 << 10; mask++) {
                int[] chosen = Selectors.bits(mask, 10);
                double want = definition(e, anchor, 0.3, threshold, chosen);
                assertEquals(want, p.energy(chosen), 1e-12, "mask " + mask);
                assertEquals(want, p.qubo(chosen.length).value(mask), 1e-12, "mask " + mask);
            }
        }
        // the default anchor: the candidates' own normalized mean
        SelectionProblem p = SelectionProblem.of(e, null, 0.5, 0);
        assertEquals(definition(e, e, 0.5, 0, new int[] {1, 4, 7}), p.energy(new int[] {7, 1, 4}), 1e-12);
    }

    @Test
    void largeProblemsKeepFloatsOrComputeOnDemandAndEIsStillExact() {
        for (int n : new int[] {SelectionProblem.DENSE_LIMIT + 3, SelectionProblem.FLOAT_LIMIT + 3}) {
            double[][] e = embeddings(n, 4, 5);
            SelectionProblem large = SelectionProblem.of(e, null, 0.5, 0.2);
            int[] members = {0, 17, 400, n - 1};
            SelectionProblem small = large.restrictTo(members);
            double[] row = new double[n];
            large.redundancyRow(400, row);
            double tolerance = n <= SelectionProblem.FLOAT_LIMIT ? 1e-7 : 0;
            for (int a = 0; a < members.length; a++) {
                assertEquals(large.relevance(members[a]), small.relevance(a), 0);
                for (int b = 0; b < members.length; b++) {
                    assertEquals(small.redundancy(a, b), large.redundancy(members[a], members[b]), tolerance);
                }
                assertEquals(row[members[a]], large.redundancy(400, members[a]), 0);
            }
            // E in double whatever the solvers' copy holds
            assertEquals(small.energy(new int[] {0, 1, 2, 3}), large.energy(members), 1e-12);
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        double[][] e = embeddings(4, 3, 1);
        String[][] cases = {
            {"alpha must be in [0, 1], got 1.5"},
            {"the redundancy threshold must be in [0, 1), got 1.0"},
            {"candidate 2 is the zero vector (no direction to compare)"},
            {"candidate 1 has a value that is not finite"},
            {"candidate 3 has 2 dimensions, not 3"},
            {"no candidates to choose from"}};
        double[][] zero = e.clone(), nan = e.clone(), shortRow = e.clone();
        zero[2] = new double[3];
        nan[1] = new double[] {1, Double.NaN, 0};
        shortRow[3] = new double[2];
        Runnable[] calls = {
            () -> SelectionProblem.of(e, null, 1.5, 0),
            () -> SelectionProblem.of(e, null, 0.5, 1),
            () -> SelectionProblem.of(zero, null, 0.5, 0),
            () -> SelectionProblem.of(nan, null, 0.5, 0),
            () -> SelectionProblem.of(shortRow, null, 0.5, 0),
            () -> SelectionProblem.of(new double[0][], null, 0.5, 0)};
        for (int i = 0; i < calls.length; i++) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, calls[i]::run);
            assertEquals(cases[i][0], x.getMessage());
        }
        SelectionProblem p = SelectionProblem.of(e, null, 0.5, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.energy(new int[] {1, 1})).getMessage()
                .contains("chosen twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.energy(new int[] {4})).getMessage()
                .contains("outside 0..3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Selectors.greedy(p, 5)).getMessage()
                .contains("k must be in 1..4"));
    }
}
