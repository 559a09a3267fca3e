package org.qtune.spark.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
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
    void aWrongParameterVectorIsRejectedBeforeAnyJob() {
        Circuit c = RandomCircuits.parametrized(3, 10, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new BatchEvaluator(SC, 2).expectations(c, PauliSum.parse("Z0"),
                        new double[][] {new double[c.numParameters() + 1]}, "test"));
    }
}
