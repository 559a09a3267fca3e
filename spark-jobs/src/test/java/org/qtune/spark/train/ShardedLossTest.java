package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.Gradient;
import org.qtune.optim.Adam;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Simulator;
import org.qtune.spark.data.Example;
import org.qtune.spark.exec.JobStats;
import org.qtune.spark.testing.SparkTestContext;
import org.qtune.train.TrainingLoop;

class ShardedLossTest {
    static final JavaSparkContext SC = SparkTestContext.get();
    static final PauliSum READOUT = PauliSum.parse("Z0");

    /** Data re-uploading classifier on 3 qubits: RY(x_i), trainable RY/RZ, a CZ ring, twice. */
    static Circuit classifier() {
        Circuit.Builder b = Circuit.builder(3);
        for (int layer = 0; layer < 2; layer++) {
            for (int q = 0; q < 3; q++) {
                b.add(Gate.RY, Parameter.of("x" + q), q);
                b.add(Gate.RY, Parameter.of("w" + layer + "_" + q), q);
                b.add(Gate.RZ, Parameter.of("v" + layer + "_" + q), q);
            }
            b.add(Gate.CZ, 0, 1).add(Gate.CZ, 1, 2).add(Gate.CZ, 2, 0);
        }
        return b.build();
    }

    static List<Example> data(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = rnd.doubles(3, -Math.PI / 2, Math.PI / 2).toArray();
            out.add(new Example(x, Math.sin(x[0]) * Math.cos(x[1])));
        }
        return out;
    }

    static double[] weights(ShardedLoss loss, long seed) {
        return new SplittableRandom(seed).doubles(loss.weightNames().size(), -1, 1).toArray();
    }

    @Test
    void shardSumsEqualTheDriversLoopForAnyPartitioningAndMatchFiniteDifferences() {
        Circuit c = classifier();
        List<Example> examples = data(37, 1);
        List<String> inputs = List.of("x0", "x1", "x2");
        Evaluation first = null;
        for (int partitions : new int[] {1, 3, 7}) {
            for (ShardedLoss.Loss kind : ShardedLoss.Loss.values()) {
                List<Example> ex = kind == ShardedLoss.Loss.LOG_LOSS ? examples.stream()
                        .map(e -> new Example(e.features(), e.target() > 0 ? 1 : 0)).toList() : examples;
                try (ShardedLoss loss = new ShardedLoss(SC.parallelize(ex, partitions), c, inputs, READOUT, kind);
                     Simulator sim = new Simulator()) {
                    assertEquals(List.of("w0_0", "v0_0", "w0_1", "v0_1", "w0_2", "v0_2", "w1_0", "v1_0", "w1_1",
                            "v1_1", "w1_2", "v1_2"), loss.weightNames());
                    assertEquals(37, loss.size());
                    double[] w = weights(loss, 5);
                    Evaluation e = loss.evaluate(List.of(new EvaluationRequest(w, true)), "test").get(0);
                    // the reference: the driver's loop over the examples, one adjoint sweep each
                    double value = 0;
                    double[] grad = new double[w.length];
                    for (Example x : ex) {
                        Gradient g = loss.exampleLoss(sim, x, w);
                        value += g.value() / ex.size();
                        for (int j = 0; j < w.length; j++) {
                            grad[j] += g.gradient()[j] / ex.size();
                        }
                    }
                    assertEquals(value, e.value(), 1e-12, kind + " on " + partitions);
                    assertArrayEquals(grad, e.gradient(), 1e-12, kind + " on " + partitions);
                    if (kind == ShardedLoss.Loss.SQUARED_ERROR) {
                        // the same partitioning gives the same bits
                        assertEquals(e.value(), loss.evaluate(List.of(new EvaluationRequest(w, false)), "again")
                                .get(0).value(), 0.0);
                        first = first == null ? e : first;
                        assertEquals(first.value(), e.value(), 1e-12);
                        // finite differences of the distributed loss itself
                        double h = 1e-5;
                        List<EvaluationRequest> probes = new ArrayList<>();
                        for (int j = 0; j < w.length; j++) {
                            double[] p = w.clone(), m = w.clone();
                            p[j] += h;
                            m[j] -= h;
                            probes.add(new EvaluationRequest(p, false));
                            probes.add(new EvaluationRequest(m, false));
                        }
                        List<Evaluation> v = loss.evaluate(probes, "finite differences");
                        for (int j = 0; j < w.length; j++) {
                            assertEquals((v.get(2 * j).value() - v.get(2 * j + 1).value()) / (2 * h), e.gradient()[j],
                                    1e-7, "d/d" + loss.weightNames().get(j));
                            assertNull(v.get(2 * j).gradient());
                        }
                    }
                }
            }
        }
    }

    @Test
    void allRequestsOfAStepAreOneJobAndTrainingLowersTheLoss() throws Exception {
        try (ShardedLoss loss = new ShardedLoss(SC.parallelize(data(60, 2), 4), classifier(),
                List.of("x0", "x1", "x2"), READOUT, ShardedLoss.Loss.SQUARED_ERROR)) {
            double[] w0 = weights(loss, 3);
            SC.setJobGroup("sharded-step", "one step", false);
            try {
                loss.evaluate(List.of(new EvaluationRequest(w0, true), new EvaluationRequest(w0, false),
                        new EvaluationRequest(weights(loss, 4), true)), "three points");
            } finally {
                SC.clearJobGroup();
            }
            assertEquals(1, SC.statusTracker().getJobIdsForGroup("sharded-step").length);
            JobStats stats = loss.lastJob();
            assertTrue(stats.overheadSeconds() <= stats.wallSeconds() && stats.taskSeconds() > 0, stats.toString());

            OptimizationResult r = new TrainingLoop(new Adam(0.1), new DatasetStepEvaluator(loss, "fit"),
                    ConvergenceCheck.iterations(40)).run(w0);
            double before = r.history().get(0), after = r.value();
            assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
        }
    }

    @Test
    void badInputIsRejectedWithAClearError() {
        Circuit c = classifier();
        List<String> inputs = List.of("x0", "x1", "x2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShardedLoss(SC.parallelize(data(4, 1), 2), c, List.of("x0", "y"), READOUT,
                        ShardedLoss.Loss.SQUARED_ERROR));
        assertTrue(e.getMessage().contains("'y' is not a parameter"), e.getMessage());
        List<Example> ragged = new ArrayList<>(data(5, 1));
        ragged.add(new Example(new double[] {1, 2}, 0));
        e = assertThrows(IllegalArgumentException.class, () -> new ShardedLoss(SC.parallelize(ragged, 2), c, inputs,
                READOUT, ShardedLoss.Loss.SQUARED_ERROR));
        assertTrue(e.getMessage().contains("does not have 3 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ShardedLoss(SC.parallelize(List.<Example>of(), 2),
                c, inputs, READOUT, ShardedLoss.Loss.SQUARED_ERROR));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShardedLoss(SC.parallelize(data(4, 1), 2), c, inputs,
                PauliSum.parse("Z3"), ShardedLoss.Loss.SQUARED_ERROR));
        try (ShardedLoss loss = new ShardedLoss(SC.parallelize(data(4, 1), 2), c, inputs, READOUT,
                ShardedLoss.Loss.SQUARED_ERROR)) {
            assertThrows(IllegalArgumentException.class,
                    () -> loss.evaluate(List.of(new EvaluationRequest(new double[3], false)), "short weights"));
        }
    }
}
