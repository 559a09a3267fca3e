package org.qtune.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecompositionTest {
    @Test
    void quotasAreProportionalByLargestRemainders() {
        assertArrayEquals(new int[] {3, 1, 1}, Decomposition.quotas(new int[] {5, 3, 2}, 5));
        assertArrayEquals(new int[] {0, 0, 0}, Decomposition.quotas(new int[] {5, 3, 2}, 0));
        assertArrayEquals(new int[] {5, 3, 2}, Decomposition.quotas(new int[] {5, 3, 2}, 10));
        assertArrayEquals(new int[] {1, 1, 0}, Decomposition.quotas(new int[] {1, 1, 1}, 2), "ties to the first part");
        for (int k = 0; k <= 97; k++) {
            int[] sizes = {40, 1, 13, 0, 43};
            int[] q = Decomposition.quotas(sizes, k);
            assertEquals(k, Arrays.stream(q).sum());
            for (int i = 0; i < sizes.length; i++) {
                assertTrue(q[i] <= sizes[i] && Math.abs(q[i] - (double) k * sizes[i] / 97) < 1, "k " + k + ": " + Arrays.toString(q));
            }
        }
    }

    @Test
    void blocksCoverEveryCandidateOnceWithinTheSizeAndTheirQuotasAddUpToK() {
        SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(203, 10, 4), null, 0.5, 0);
        for (int size : new int[] {2, 12, 24}) {
            List<Decomposition.Block> blocks = Decomposition.blocks(p, 37, size, 1);
            int[] seen = new int[203];
            int quota = 0;
            for (Decomposition.Block b : blocks) {
                assertTrue(b.members().length >= 1 && b.members().length <= size, "block of " + b.members().length);
                assertTrue(b.quota() <= b.members().length);
                quota += b.quota();
                for (int m : b.members()) {
                    seen[m]++;
                }
            }
            assertEquals(37, quota);
            assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
            List<Decomposition.Block> again = Decomposition.blocks(p, 37, size, 1);
            for (int b = 0; b < blocks.size(); b++) {
                assertArrayEquals(blocks.get(b).members(), again.get(b).members(), "seeded");
            }
        }
    }

    @Test
    void blocksSolvedAndRefinedNeverRaiseEAndComeCloseToTheOptimum() {
        Decomposition.BlockSolver exact = (q, k, seed) -> Selectors.bruteForce(q, k);
        double[] gaps = new double[4];
        for (int s = 0; s < 4; s++) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(22, 6, 50 + s), null, 0.5, 0);
            int k = 6;
            List<Decomposition.Block> blocks = Decomposition.blocks(p, k, 8, s);
            List<int[]> answers = new ArrayList<>();
            for (Decomposition.Block b : blocks) {
                answers.add(b.quota() == 0 ? new int[0] : exact.solve(Decomposition.blockQubo(p, k, b), b.quota(), s));
            }
            int[] joined = Decomposition.join(blocks, answers);
            assertEquals(k, joined.length);
            int[] refined = Decomposition.refine(p, k, joined, exact, 8, 30, s);
            assertEquals(k, refined.length);
            double opt = p.energy(Selectors.bruteForce(p, k));
            assertTrue(p.energy(refined) <= p.energy(joined) + 1e-12);
            gaps[s] = (p.energy(refined) - opt) / Math.abs(opt);
        }
        for (double g : gaps) {
            assertTrue(g >= -1e-12 && g < 0.02, "within 2 % of the optimum: " + Arrays.toString(gaps));
        }
    }
}
