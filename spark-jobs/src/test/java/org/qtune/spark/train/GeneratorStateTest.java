package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.adapter.QuantumWeightGenerator;
import org.qtune.spark.testing.SparkTestContext;

class GeneratorStateTest {
    static final JavaSparkContext SC = SparkTestContext.get();

    /** 3,000 weights in chunks of 3: a 10-qubit generator in three groups. */
    private static QuantumWeightGenerator generator(QuantumWeightGenerator.StateBackend backend) {
        return new QuantumWeightGenerator(3_000, 3, 2, 5, new int[] {1_000, 2_400, 3_000}, backend);
    }

    @Test
    void quantumTrainOnTheDistributedStateEqualsTheDriversSimulator() {
        QuantumWeightGenerator local = generator(QuantumWeightGenerator.local());
        assertEquals(10, local.qubits());
        double[] params = local.initialParameters(new SplittableRandom(3), new double[] {0.7, 1.0, 0.4});
        double[] dw = new double[local.weights()];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < dw.length; i++) {
            dw[i] = r.nextGaussian();
        }
        double[] w = local.generate(params), g = local.backward(params, dw);
        for (int partitions : new int[] {1, 2, 8}) {
            GeneratorState state = new GeneratorState(SC, partitions, 2);
            assertEquals("distributed over " + partitions + " partition" + (partitions == 1 ? "" : "s"),
                    state.describe(10));
            QuantumWeightGenerator distributed = generator(state);
            double[] wd = distributed.generate(params), gd = distributed.backward(params, dw);
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], wd[i], 1e-12 * (1 + Math.abs(w[i])), "weight " + i + ", " + partitions + " partitions");
            }
            double norm = 0;
            for (double x : g) {
                norm = Math.max(norm, Math.abs(x));
            }
            assertTrue(norm > 1e-3, "a gradient worth comparing");
            for (int i = 0; i < g.length; i++) {
                assertEquals(g[i], gd[i], 1e-10 * norm, "parameter " + i + ", " + partitions + " partitions");
            }
        }
    }

    @Test
    void theAutomaticChoiceKeepsSmallStatesOnTheDriverAndSpreadsLargeOnes() {
        GeneratorState auto = new GeneratorState(SC, null, 6);
        assertEquals(0, auto.partitionsFor(11));
        assertEquals("on the driver", auto.describe(19));
        // the job's 6 partitions round down to 4
        assertEquals(4, auto.partitionsFor(GeneratorState.AUTO_DISTRIBUTED_QUBITS));
        assertEquals(0, new GeneratorState(SC, 0, 8).partitionsFor(22));
    }

    @Test
    void impossibleLayoutsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new GeneratorState(SC, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> new GeneratorState(SC, -1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeneratorState(SC, 16, 2).partitionsFor(4));
        assertTrue(e.getMessage().contains("--generator-partitions 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GeneratorState(SC, null, 2).partitionsFor(25));
    }
}
