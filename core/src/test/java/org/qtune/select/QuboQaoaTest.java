package org.qtune.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;

class QuboQaoaTest {
    private static final Simulator SIM = new Simulator();

    @AfterAll
    static void close() {
        SIM.close();
    }

    /** The Dicke-state gates give amplitude 1/sqrt(C(n, k)) on every k-subset and nothing elsewhere. */
    @Test
    void theDickeStateIsTheEvenSuperpositionOfEveryKSubset() {
        for (int n = 2; n <= 7; n++) {
            for (int k = 1; k < n; k++) {
                Circuit.Builder b = Circuit.builder(n);
                QuboQaoa.dicke(b, n, k);
                StateVector s = SIM.run(b.build(), new double[0]);
                double want = 1 / Math.sqrt(Selectors.subsets(n, k));
                for (int x = 0; x < 1 << n; x++) {
                    double[] a = {s.re(x), s.im(x)};
                    double expected = Integer.bitCount(x) == k ? want : 0;
                    assertEquals(expected, a[0], 1e-12, "n " + n + ", k " + k + ", state " + x);
                    assertEquals(0, a[1], 1e-12, "n " + n + ", k " + k + ", state " + x);
                }
            }
        }
    }

    /** The cost Hamiltonian in Ising form is E (plus the penalty) on every basis state. */
    @Test
    void theIsingFormIsTheQuboOnEveryBasisState() {
        SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(6, 4, 3), null, 0.5, 0);
        SelectionProblem.Qubo q = p.qubo(2);
        QuboQaoa.Ising ising = QuboQaoa.Ising.of(q.linear(), q.pair(), 0);
        for (int x = 0; x < 64; x++) {
            double z = ising.constant();
            for (int i = 0; i < 6; i++) {
                int si = (x >> i & 1) == 0 ? 1 : -1;
                z += ising.z()[i] * si;
                for (int j = i + 1; j < 6; j++) {
                    z += ising.zz()[i][j] * si * ((x >> j & 1) == 0 ? 1 : -1);
                }
            }
            assertEquals(q.value(x), z, 1e-12, "state " + x);
            StateVector basis = StateVector.basis(6, x);
            assertEquals(q.value(x), Measurements.expectation(basis, ising.scaled(1)), 1e-12, "state " + x);
        }
    }

    /** The penalty makes the best state of every other count worse than the best k-subset. */
    @Test
    void thePenaltyWeightKeepsTheOptimumAtK() {
        for (long seed = 0; seed < 5; seed++) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(10, 3, seed), null, 0.9, 0);
            int k = 3;
            SelectionProblem.Qubo q = p.qubo(k);
            double lambda = QuboQaoa.penaltyWeight(q), bestK = Double.POSITIVE_INFINITY, bestOther = bestK;
            for (long x = 0; x < 1024; x++) {
                int m = Long.bitCount(x);
                double e = q.value(x) + lambda * (m - k) * (m - k);
                if (m == k) {
                    bestK = Math.min(bestK, e);
                } else {
                    bestOther = Math.min(bestOther, e);
                }
            }
            assertTrue(bestK < bestOther, "seed " + seed + ": " + bestK + " vs " + bestOther);
        }
    }

    /**
     * The test: QAOA reaches the brute-force optimum on random instances (N = 6, 10, 14; 16
     * takes a minute on two cores, so it is left to the benchmark), among its 64 most probable states.
     */
    @Test
    void qaoaWithTheXyMixerReachesTheOptimumOnRandomInstances() {
        QuboQaoa.Settings s = QuboQaoa.Settings.defaults();
        for (int n : new int[] {6, 10, 14}) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(n, 8, 7 * n), null, 0.5, 0);
            int k = n / 3;
            double opt = p.energy(Selectors.bruteForce(p, k));
            QuboQaoa.Result r = QuboQaoa.solve(p, k, s, 1, SIM);
            assertEquals(k, r.chosen().length);
            assertFalse(r.repaired());
            assertEquals(1, r.feasibleProbability(), 1e-9, "the XY mixer keeps every state at k ones");
            assertEquals(opt, r.energy(), 1e-9, "n " + n + ": QAOA " + r.energy() + " vs optimum " + opt);
            assertEquals(p.energy(r.chosen()), r.energy(), 0);
            assertTrue(r.expectedEnergy() >= opt - 1e-9, "no state is below the optimum");
            assertTrue(r.chosenProbability() > 1.0 / Selectors.subsets(n, k), "QAOA raised the optimum above "
                    + "its share in the Dicke state: " + r.chosenProbability());
        }
    }

    @Test
    void qaoaWithThePenaltyReturnsKAndReachesTheOptimumOnSmallInstances() {
        QuboQaoa.Settings s = new QuboQaoa.Settings(QuboQaoa.Mixer.PENALTY, 3, 4, 100, 64);
        for (int n : new int[] {6, 10}) {
            SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(n, 8, 3 * n), null, 0.5, 0);
            int k = n / 3;
            double opt = p.energy(Selectors.bruteForce(p, k));
            QuboQaoa.Result r = QuboQaoa.solve(p, k, s, 2, SIM);
            assertEquals(k, r.chosen().length);
            assertTrue(r.feasibleProbability() > 0 && r.feasibleProbability() < 1, "" + r.feasibleProbability());
            assertEquals(opt, r.energy(), 1e-9, "n " + n + ": QAOA " + r.energy() + " vs optimum " + opt);
        }
    }

    @Test
    void repairAddsOrRemovesTheCheapestCandidates() {
        SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(8, 4, 9), null, 0.5, 0);
        assertEquals(3, QuboQaoa.repair(p.qubo(3), 3, 0).length);
        assertEquals(3, QuboQaoa.repair(p.qubo(3), 3, 0xFF).length);
        assertEquals(p.energy(Selectors.greedy(p, 3)), p.energy(QuboQaoa.repair(p.qubo(3), 3, 0)), 1e-12,
                "adding from nothing is greedy on E");
    }

    @Test
    void badSettingsAndTooLargeProblemsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new QuboQaoa.Settings(QuboQaoa.Mixer.XY, 0, 1, 1, 1))
                .getMessage().contains("depth must be in 1..50"));
        SelectionProblem p = SelectionProblem.of(SelectionProblemTest.embeddings(25, 2, 1), null, 0.5, 0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> QuboQaoa.solve(p, 3, QuboQaoa.Settings.defaults(), 1, SIM)).getMessage()
                .contains("up to 24 candidates"));
    }
}
