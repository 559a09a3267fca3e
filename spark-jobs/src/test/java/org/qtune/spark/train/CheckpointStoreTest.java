package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.optim.Adam;
import org.qtune.optim.CmaEs;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.MomentumSgd;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;
import org.qtune.optim.Spsa;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.train.MetricsLog;
import org.qtune.train.StepEvaluator;
import org.qtune.train.TrainingLoop;

class CheckpointStoreTest {
    static final Circuit ANSATZ = HardwareEfficient.builder(4).layers(2).finalRotations(true).build();
    static final PauliSum ISING = PauliSum.parse("-1.0*Z0 Z1 - 1.0*Z1 Z2 - 1.0*Z2 Z3 - 0.7*X0 - 0.7*X1 - 0.7*X2 - 0.7*X3");

    /** The VQE energy of a small transverse-field Ising chain, with adjoint gradients, in this JVM. */
    static final class Energy implements StepEvaluator {
        final int crashAtStep;

        Energy(int crashAtStep) {
            this.crashAtStep = crashAtStep;
        }

        @Override
        public List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) {
            if (step == crashAtStep) {
                throw new IllegalStateException("simulated driver crash at step " + step);
            }
            List<Evaluation> out = new ArrayList<>();
            try (Simulator sim = new Simulator()) {
                for (EvaluationRequest r : requests) {
                    if (r.needsGradient()) {
                        Gradient g = new AdjointGradient(sim).compute(ANSATZ, r.point(), ISING);
                        out.add(new Evaluation(g.value(), g.gradient()));
                    } else {
                        out.add(Evaluation.of(Measurements.expectation(sim.run(ANSATZ, r.point()), ISING)));
                    }
                }
            }
            return out;
        }
    }

    static Stream<Supplier<Optimizer>> optimizers() {
        return Stream.of(() -> new Adam(0.05), () -> new MomentumSgd(0.02, 0.8), () -> Spsa.calibrated(11), Lbfgs::new,
                () -> new CmaEs(0.3, 11));
    }

    static double[] x0() {
        double[] x = new double[ANSATZ.numParameters()];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 * Math.sin(i + 1);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aResumedRunEndsBitIdenticalToAnUninterruptedOne(Supplier<Optimizer> make, @TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(24);
        OptimizationResult straight = new TrainingLoop(make.get(), new Energy(-1), check).run(x0());
        assertEquals(24, straight.iterations());
        assertTrue(straight.value() < straight.history().get(0), "the energy went down");

        String store = dir.resolve("checkpoints").toUri().toString();
        TrainingLoop crashing = new TrainingLoop(make.get(), new Energy(18), check)
                .checkpoints(new CheckpointStore(store, 3), 5);
        assertThrows(IllegalStateException.class, () -> crashing.run(x0()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OptimizationResult resumed = new TrainingLoop(make.get(), new Energy(-1), check)
                .checkpoints(new CheckpointStore(store, 3), 5).progress(new PrintStream(log, true)).run(x0());
        assertTrue(log.toString().startsWith("resuming from step 15"), log.toString());
        assertArrayEquals(straight.x(), resumed.x(), 0.0);
        assertEquals(straight.value(), resumed.value(), 0.0);
        if (straight.finalState() instanceof CmaEs.State) {
            // the whole state: mean, sigma, C, paths, eigendecomposition, best point
            assertEquals(straight.finalState(), resumed.finalState());
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aCorruptNewestCheckpointIsReportedAndThePreviousOneUsed(Supplier<Optimizer> make, @TempDir Path dir)
            throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(20);
        OptimizationResult straight = new TrainingLoop(make.get(), new Energy(-1), check).run(x0());
        String store = dir.resolve("cp").toUri().toString();
        TrainingLoop crashing = new TrainingLoop(make.get(), new Energy(13), check)
                .checkpoints(new CheckpointStore(store, 3), 4);
        assertThrows(IllegalStateException.class, () -> crashing.run(x0()));
        // truncate the newest checkpoint (step 12) as a crash during a copy might
        Path newest = dir.resolve("cp").resolve("checkpoint-000000012.qtck");
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OptimizationResult resumed = new TrainingLoop(make.get(), new Energy(-1), check)
                .checkpoints(new CheckpointStore(store, 3), 4).progress(new PrintStream(log, true)).run(x0());
        assertTrue(log.toString().startsWith("resuming from step 8"), log.toString());
        assertArrayEquals(straight.x(), resumed.x(), 0.0);
    }

    @org.junit.jupiter.api.Test
    void spsaWithShotsOnSparkRunsOneJobPerStepAndResumesBitIdentically(@TempDir Path dir) throws Exception {
        org.apache.spark.api.java.JavaSparkContext sc = org.qtune.spark.testing.SparkTestContext.get();
        java.util.function.Supplier<CircuitStepEvaluator> evaluator = () -> new CircuitStepEvaluator(
                new org.qtune.spark.batch.BatchEvaluator(sc, 3), ANSATZ, ISING, 500, 17, "test vqe");
        sc.setJobGroup("spsa-steps", "SPSA with shots", false);
        OptimizationResult straight;
        Path metrics = dir.resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(metrics)) {
            straight = new TrainingLoop(Spsa.calibrated(3), evaluator.get(), ConvergenceCheck.iterations(8))
                    .metrics(log).run(x0());
        } finally {
            sc.clearJobGroup();
        }
        assertEquals(8, straight.iterations());
        // SPSA's calibration rides on the first step's job: one job per step in all
        assertEquals(8, sc.statusTracker().getJobIdsForGroup("spsa-steps").length);
        for (String line : Files.readAllLines(metrics)) {
            com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            double share = m.get("spark_overhead_share").asDouble();
            assertTrue(share >= 0 && share <= 1, line);
            assertTrue(m.get("spark_overhead_seconds").asDouble() <= m.get("evaluation_seconds").asDouble(), line);
        }

        String store = dir.resolve("cp").toUri().toString();
        new TrainingLoop(Spsa.calibrated(3), evaluator.get(), ConvergenceCheck.iterations(4))
                .checkpoints(new CheckpointStore(store, 3), 4).run(x0());
        OptimizationResult resumed = new TrainingLoop(Spsa.calibrated(3), evaluator.get(),
                ConvergenceCheck.iterations(8)).checkpoints(new CheckpointStore(store, 3), 4).run(x0());
        assertArrayEquals(straight.x(), resumed.x(), 0.0);
    }

    @org.junit.jupiter.api.Test
    void aRunResumedFromTheHadoopStoreHasTheWholeRunsHistoryAndRefusesAnotherRun(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(16);
        org.qtune.train.RunFingerprint run = org.qtune.train.RunFingerprint.of("test ising adam",
                java.util.Map.of("optimizer", "adam", "learning_rate", 0.05));
        OptimizationResult straight = new TrainingLoop(new Adam(0.05), new Energy(-1), check).run(x0());
        String store = dir.resolve("cp").toUri().toString();
        assertThrows(IllegalStateException.class, () -> new TrainingLoop(new Adam(0.05), new Energy(11), check)
                .checkpoints(new CheckpointStore(store, 3), 5).fingerprint(run).run(x0()));
        OptimizationResult resumed = new TrainingLoop(new Adam(0.05), new Energy(-1), check)
                .checkpoints(new CheckpointStore(store, 3), 5).fingerprint(run).run(x0());
        assertEquals(straight.history(), resumed.history());

        org.qtune.train.RunFingerprint other = org.qtune.train.RunFingerprint.of("test ising adam 0.01",
                java.util.Map.of("optimizer", "adam", "learning_rate", 0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingLoop(new Adam(0.01), new Energy(-1), check)
                        .checkpoints(new CheckpointStore(store, 3), 5).fingerprint(other).run(x0()));
        assertTrue(e.getMessage().startsWith("checkpoint dir " + new org.apache.hadoop.fs.Path(store)
                + " belongs to run test ising adam (fingerprint " + run.shortHex() + "), not to this run test ising "
                + "adam 0.01 (fingerprint " + other.shortHex() + ")"), e.getMessage());
    }

    /** The value rule written out independently: the first step k with max - min of values k-p..k <= tol. */
    static int firstValueStop(List<Double> history, double tolerance, int patience) {
        for (int k = patience + 1; k <= history.size(); k++) {
            List<Double> window = history.subList(k - patience - 1, k);
            double span = window.stream().mapToDouble(Double::doubleValue).max().getAsDouble()
                    - window.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
            if (span <= tolerance) {
                return k;
            }
        }
        return -1;
    }

    @org.junit.jupiter.api.Test
    void valueToleranceWithPatienceStopsASparkEvaluatedRunWhereTheRuleSaysAsInProcess() throws Exception {
        org.apache.spark.api.java.JavaSparkContext sc = org.qtune.spark.testing.SparkTestContext.get();
        Supplier<CircuitStepEvaluator> spark = () -> new CircuitStepEvaluator(
                new org.qtune.spark.batch.BatchEvaluator(sc, 2), ANSATZ, ISING, 0, 5, "test value rule");
        int patience = 3;
        List<Double> onSpark = new TrainingLoop(new Adam(0.05), spark.get(), ConvergenceCheck.iterations(30))
                .run(x0()).history();
        List<Double> inProcess = new TrainingLoop(new Adam(0.05), new Energy(-1), ConvergenceCheck.iterations(30))
                .run(x0()).history();
        // a tolerance the rule first meets somewhere in the middle of the run
        List<Double> window = onSpark.subList(20 - patience, 21);
        double tolerance = java.util.Collections.max(window) - java.util.Collections.min(window);
        int expectedOnSpark = firstValueStop(onSpark, tolerance, patience);
        int expectedInProcess = firstValueStop(inProcess, tolerance, patience);
        assertTrue(expectedOnSpark > patience && expectedOnSpark <= 21, "stops at " + expectedOnSpark);
        ConvergenceCheck check = ConvergenceCheck.iterations(30).withValueTolerance(tolerance, patience);
        OptimizationResult viaSpark = new TrainingLoop(new Adam(0.05), spark.get(), check).run(x0());
        OptimizationResult viaDriver = new TrainingLoop(new Adam(0.05), new Energy(-1), check).run(x0());
        assertEquals(OptimizationResult.Status.CONVERGED_VALUE, viaSpark.status());
        assertEquals(expectedOnSpark, viaSpark.iterations());
        assertEquals(onSpark.subList(0, expectedOnSpark), viaSpark.history());
        assertEquals(expectedInProcess, viaDriver.iterations());
    }
}
