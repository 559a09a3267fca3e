package org.qtune.spark.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.spark.exec.JobStats;
import org.qtune.spark.testing.RandomCircuits;
import org.qtune.spark.testing.SparkTestContext;

class BatchEvaluatorTest {
    static final JavaSparkContext SC = SparkTestContext.get();
    static final PauliSum H = PauliSum.parse("0.5*Z0 Z4 - 1.2*X3 + 0.7*Y1 X2 + 0.3*Z5 + 0.1");

    @Test
    void batchedExpectationsEqualTheCoreInInputOrderForAnyPartitionCount() {
        Circuit c = RandomCircuits.parametrized(6, 40, 3);
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] thetas = new double[25][];
        for (int i = 0; i < thetas.length; i++) {
            thetas[i] = rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        }
        try (Simulator sim = new Simulator()) {
            for (int partitions : new int[] {1, 3, 8}) {
                double[] v = new BatchEvaluator(SC, partitions).expectations(c, H, thetas, "test");
                for (int i = 0; i < thetas.length; i++) {
                    assertEquals(Measurements.expectation(sim.run(c, thetas[i]), H), v[i], 1e-12, "row " + i);
                }
            }
        }
    }

    @Test
    void parameterShiftAsOneBatchedJobEqualsTheCoreAdjointGradient() {
        for (long seed = 0; seed < 2; seed++) {
            Circuit c = RandomCircuits.parametrized(6, 35, 10 + seed);
            double[] theta = new SplittableRandom(seed).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
            Gradient batched = new BatchEvaluator(SC, 4).parameterShift(c, theta, H);
            try (Simulator sim = new Simulator()) {
                Gradient adjoint = new AdjointGradient(sim).compute(c, theta, H);
                assertEquals(adjoint.value(), batched.value(), 1e-9);
                for (int i = 0; i < theta.length; i++) {
                    assertEquals(adjoint.gradient()[i], batched.gradient()[i], 1e-9, "parameter " + i);
                }
            }
        }
    }

    @Test
    void aStepsMixedRequestsRunAsOneJobAndEqualTheCore() {
        Circuit c = RandomCircuits.parametrized(6, 30, 21);
        org.qtune.grad.ShiftPlan plan = org.qtune.grad.ShiftPlan.of(c);
        SplittableRandom rnd = new SplittableRandom(4);
        java.util.List<org.qtune.optim.EvaluationRequest> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(new org.qtune.optim.EvaluationRequest(
                    rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray(), i % 2 == 0));
        }
        BatchEvaluator batch = new BatchEvaluator(SC, 3);
        SC.setJobGroup("mixed-step", "one optimizer step", false);
        java.util.List<org.qtune.optim.Evaluation> out;
        try {
            out = batch.evaluate(plan, H, requests, 0, 0, "test step");
        } finally {
            SC.clearJobGroup();
        }
        assertEquals(1, SC.statusTracker().getJobIdsForGroup("mixed-step").length, "one Spark job for the step");
        try (Simulator sim = new Simulator()) {
            for (int i = 0; i < requests.size(); i++) {
                double[] p = requests.get(i).point();
                Gradient exact = new AdjointGradient(sim).compute(c, p, H);
                assertEquals(exact.value(), out.get(i).value(), 1e-9, "value " + i);
                if (requests.get(i).needsGradient()) {
                    for (int k = 0; k < p.length; k++) {
                        assertEquals(exact.gradient()[k], out.get(i).gradient()[k], 1e-9, "request " + i + " d" + k);
                    }
                } else {
                    assertEquals(null, out.get(i).gradient());
                }
            }
        }
        JobStats stats = batch.lastJob();
        assertEquals(3 * plan.pointsPerGradient() + 2, stats.items());
        assertTrue(stats.taskSeconds() > 0 && stats.longestTaskSeconds() <= stats.taskSeconds());
        assertTrue(stats.overheadSeconds() >= 0 && stats.overheadSeconds() <= stats.wallSeconds(), stats.toString());
    }

    @Test
    void shotEstimatesAreTheSameForAnyPartitionCountAndNearTheExactValue() {
        Circuit c = RandomCircuits.parametrized(4, 20, 8);
        PauliSum h = PauliSum.parse("Z0 Z1 - 0.5*X2 + 0.3*Y3 Y0 + 0.2");
        SplittableRandom rnd = new SplittableRandom(2);
        double[][] thetas = new double[12][];
        for (int i = 0; i < thetas.length; i++) {
            thetas[i] = rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        }
        double[] one = new BatchEvaluator(SC, 1).expectations(c, h, thetas, 20_000, 99, "shots");
        double[] exact = new BatchEvaluator(SC, 2).expectations(c, h, thetas, "exact");
        for (int partitions : new int[] {3, 8}) {
            assertArrayEquals(one, new BatchEvaluator(SC, partitions).expectations(c, h, thetas, 20_000, 99, "shots"),
                    0.0, partitions + " partitions");
        }
        double[] otherSeed = new BatchEvaluator(SC, 2).expectations(c, h, thetas, 20_000, 100, "shots");
        boolean differs = false;
        for (int i = 0; i < thetas.length; i++) {
            // three terms, each with standard error <= |c| / sqrt(20000): 0.03 is over five of them
            assertEquals(exact[i], one[i], 0.03, "row " + i);
            differs |= otherSeed[i] != one[i];
        }
        assertTrue(differs, "another seed draws other shots");
    }

    @Test
    void aWrongParameterVectorIsRejectedBeforeAnyJob() {
        Circuit c = RandomCircuits.parametrized(3, 10, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new BatchEvaluator(SC, 2).expectations(c, PauliSum.parse("Z0"),
                        new double[][] {new double[c.numParameters() + 1]}, "test"));
    }
}
