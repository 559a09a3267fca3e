package org.qtune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qtune.optim.Adam;
import org.qtune.optim.CmaEs;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.MomentumSgd;
import org.qtune.optim.Objective;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;
import org.qtune.optim.Spsa;

class TrainingLoopTest {
    /** Rosenbrock in 4 variables: slow enough that every optimizer is still moving after 30 steps. */
    static final Objective ROSENBROCK = (x, grad) -> {
        double f = 0;
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return new Evaluation(f, grad ? g : null);
    };
    static final double[] X0 = {-1.2, 1, -0.5, 0.8};
    static final RunFingerprint RUN = RunFingerprint.of("test rosenbrock", Map.of("objective", "rosenbrock", "n", 4));

    /** The objective in this thread, failing as a killed driver would when it reaches {@code crashAtStep}. */
    static StepEvaluator crashingAt(int crashAtStep) {
        StepEvaluator f = StepEvaluator.inProcess(ROSENBROCK);
        return (requests, step) -> {
            if (step == crashAtStep) {
                throw new IllegalStateException("simulated driver crash at step " + step);
            }
            return f.evaluate(requests, step);
        };
    }

    static Stream<Supplier<Optimizer>> optimizers() {
        return Stream.of(() -> new Adam(0.01), () -> new MomentumSgd(1e-4, 0.8), () -> Spsa.calibrated(11), Lbfgs::new,
                () -> new CmaEs(0.3, 11));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aResumedRunHasTheStateHistoryAndResultOfAnUninterruptedOne(Supplier<Optimizer> make, @TempDir Path dir)
            throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(30);
        OptimizationResult straight = new TrainingLoop(make.get(), crashingAt(-1), check).run(X0);
        assertEquals(30, straight.iterations());
        assertEquals(30, straight.history().size());

        assertThrows(IllegalStateException.class, () -> new TrainingLoop(make.get(), crashingAt(23), check)
                .checkpoints(new LocalCheckpoints(dir, 3), 5).fingerprint(RUN).run(X0));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OptimizationResult resumed = new TrainingLoop(make.get(), crashingAt(-1), check)
                .checkpoints(new LocalCheckpoints(dir, 3), 5).fingerprint(RUN).progress(new PrintStream(log, true))
                .run(X0);
        assertTrue(log.toString().startsWith("resuming from step 20"), log.toString());
        assertEquals(straight.status(), resumed.status());
        assertArrayEquals(straight.x(), resumed.x(), 0.0);
        assertEquals(straight.iterations(), resumed.iterations());
        assertEquals(straight.evaluations(), resumed.evaluations());
        assertEquals(straight.history(), resumed.history(), "the whole run's values, bit for bit");
    }

    @Test
    void rerunningAFinishedRunStopsAtOnceWithTheSameResult(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(10);
        OptimizationResult first = new TrainingLoop(new Adam(0.01), crashingAt(-1), check)
                .checkpoints(new LocalCheckpoints(dir, 2), 5).fingerprint(RUN).run(X0);
        // any evaluation would crash: the checkpoint of step 10 is already at the limit
        OptimizationResult again = new TrainingLoop(new Adam(0.01), crashingAt(11), check)
                .checkpoints(new LocalCheckpoints(dir, 2), 5).fingerprint(RUN).run(X0);
        assertEquals(OptimizationResult.Status.MAX_ITERATIONS, again.status());
        assertArrayEquals(first.x(), again.x(), 0.0);
        assertEquals(first.history(), again.history());
    }

    @Test
    void metricsAfterAResumeHoldEachStepOnce(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(20);
        Path jsonl = dir.resolve("metrics").resolve("metrics.jsonl");
        try (MetricsLog metrics = new MetricsLog(jsonl)) {
            assertThrows(IllegalStateException.class, () -> new TrainingLoop(new Lbfgs(), crashingAt(13), check)
                    .checkpoints(new LocalCheckpoints(dir.resolve("cp"), 3), 5).fingerprint(RUN).metrics(metrics)
                    .run(X0));
        }
        assertEquals(12, Files.readAllLines(jsonl).size(), "the crashed run logged steps 1..12");
        // a line cut short by the kill
        Files.writeString(jsonl, "{\"step\": 13, \"objec", java.nio.file.StandardOpenOption.APPEND);
        OptimizationResult r;
        try (MetricsLog metrics = new MetricsLog(jsonl)) {
            r = new TrainingLoop(new Lbfgs(), crashingAt(-1), check)
                    .checkpoints(new LocalCheckpoints(dir.resolve("cp"), 3), 5).fingerprint(RUN).metrics(metrics)
                    .run(X0);
            metrics.plot(dir.resolve("objective.png"), "resumed");
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(20, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode m = new ObjectMapper().readTree(lines.get(i));
            assertEquals(i + 1, m.get("step").asInt());
            assertEquals(r.history().get(i), m.get("objective").asDouble(), 0.0);
        }
        assertTrue(Files.size(dir.resolve("objective.png")) > 0);
    }

    @Test
    void aFreshRunStartsTheMetricsFileAnewInsteadOfAppendingToAnotherRuns(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("metrics.jsonl");
        StringBuilder other = new StringBuilder();
        for (int step = 1; step <= 50; step++) {
            other.append("{\"step\": ").append(step).append(", \"objective\": -7.5}\n");
        }
        Files.writeString(jsonl, other);
        try (MetricsLog metrics = new MetricsLog(jsonl)) {
            new TrainingLoop(new Adam(0.01), crashingAt(-1), ConvergenceCheck.iterations(6)).metrics(metrics).run(X0);
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(6, lines.size());
        for (int i = 0; i < 6; i++) {
            JsonNode m = new ObjectMapper().readTree(lines.get(i));
            assertEquals(i + 1, m.get("step").asInt());
            assertTrue(m.get("objective").asDouble() != -7.5, lines.get(i));
            assertTrue(m.get("gradient_norm").asDouble() > 0, lines.get(i));
        }
    }

    @Test
    void resumingAnotherRunsCheckpointIsRefusedNamingBothRuns(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(10);
        new TrainingLoop(new Adam(0.01), crashingAt(-1), check).checkpoints(new LocalCheckpoints(dir, 2), 5)
                .fingerprint(RUN).run(X0);
        List<Integer> before = new LocalCheckpoints(dir, 2).steps();
        RunFingerprint other = RunFingerprint.of("test rosenbrock seed 2",
                Map.of("objective", "rosenbrock", "n", 4, "seed", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingLoop(new Adam(0.01), crashingAt(-1), check)
                        .checkpoints(new LocalCheckpoints(dir, 2), 5).fingerprint(other).run(X0));
        assertEquals("checkpoint dir " + dir + " belongs to run test rosenbrock (fingerprint "
                + RUN.hex().substring(0, 12) + "...), not to this run test rosenbrock seed 2 (fingerprint "
                + other.hex().substring(0, 12) + "...); use another --checkpoint-dir or delete it", e.getMessage());
        assertEquals(before, new LocalCheckpoints(dir, 2).steps(), "the other run's checkpoints are left alone");
    }

    @Test
    void anotherOptimizersCheckpointUnderTheSameFingerprintIsAClearErrorNotAClassCastException(@TempDir Path dir)
            throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(10);
        new TrainingLoop(new CmaEs(0.3, 1), crashingAt(-1), check).checkpoints(new LocalCheckpoints(dir, 2), 5)
                .fingerprint(RUN).run(X0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingLoop(new Lbfgs(), crashingAt(-1), check).checkpoints(new LocalCheckpoints(dir, 2), 5)
                        .fingerprint(RUN).run(X0));
        assertEquals("checkpoint dir " + dir + ", step 10: cannot resume lbfgs from it (a state of optimizer 'cmaes', "
                + "not of lbfgs); use another --checkpoint-dir or delete it", e.getMessage());
    }

    @Test
    void withoutAFingerprintTheOptimizerAndStartPointStillTellRunsApart(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(10);
        new TrainingLoop(new Adam(0.01), crashingAt(-1), check).checkpoints(new LocalCheckpoints(dir, 2), 5).run(X0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingLoop(new Lbfgs(), crashingAt(-1), check).checkpoints(new LocalCheckpoints(dir, 2), 5)
                        .run(X0));
        assertTrue(e.getMessage().contains("belongs to run adam run"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingLoop(new Adam(0.01), crashingAt(-1), check)
                .checkpoints(new LocalCheckpoints(dir, 2), 5).run(new double[] {0, 0, 0, 0}));
    }

    /** A checkpoint file as qtune wrote them before run fingerprints (format 1), built here byte by byte. */
    static byte[] formatOneCheckpoint(int step, byte[] state) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x5154434B);
            out.writeInt(1);
            out.writeInt(step);
            out.writeLong(0);
            out.writeInt(state.length);
            out.write(state);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        new DataOutputStream(bytes).writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    @Test
    void aCheckpointWithoutAFingerprintIsRefusedAsUnprovable(@TempDir Path dir) throws Exception {
        Adam adam = new Adam(0.01);
        Files.write(dir.resolve(Checkpoints.fileName(5)), formatOneCheckpoint(5, "old".getBytes()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingLoop(adam, crashingAt(-1), ConvergenceCheck.iterations(10))
                        .checkpoints(new LocalCheckpoints(dir, 2), 5).fingerprint(RUN).run(X0));
        assertEquals("checkpoint dir " + dir + " holds a checkpoint from an older qtune that records no run "
                + "fingerprint, so it cannot be shown to belong to this run test rosenbrock (fingerprint "
                + RUN.shortHex() + "); use another --checkpoint-dir or delete it", e.getMessage());
    }

    @Test
    void aCorruptNewestCheckpointIsSkippedForThePreviousOne(@TempDir Path dir) throws Exception {
        ConvergenceCheck check = ConvergenceCheck.iterations(20);
        OptimizationResult straight = new TrainingLoop(new Lbfgs(), crashingAt(-1), check).run(X0);
        assertThrows(IllegalStateException.class, () -> new TrainingLoop(new Lbfgs(), crashingAt(13), check)
                .checkpoints(new LocalCheckpoints(dir, 3), 4).fingerprint(RUN).run(X0));
        Path newest = dir.resolve(Checkpoints.fileName(12));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        OptimizationResult resumed = new TrainingLoop(new Lbfgs(), crashingAt(-1), check)
                .checkpoints(new LocalCheckpoints(dir, 3), 4).fingerprint(RUN).progress(new PrintStream(log, true))
                .run(X0);
        assertTrue(log.toString().startsWith("resuming from step 8"), log.toString());
        assertArrayEquals(straight.x(), resumed.x(), 0.0);
        assertEquals(straight.history(), resumed.history());
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

    @Test
    void valueToleranceWithPatienceStopsAtTheSameStepWhateverEvaluatesThePoints() throws Exception {
        // Adam on the Rosenbrock valley: values settle slowly and unevenly, so the patience matters
        List<Double> free = Minimizer.minimize(new Adam(0.01), ROSENBROCK, X0, ConvergenceCheck.iterations(3000))
                .history();
        for (int patience : new int[] {1, 3, 10}) {
            for (double tolerance : new double[] {1e-2, 1e-3, 1e-5}) {
                int expected = firstValueStop(free, tolerance, patience);
                assertTrue(expected > patience, "the rule fires within 3000 steps");
                ConvergenceCheck check = ConvergenceCheck.iterations(3000).withValueTolerance(tolerance, patience);
                OptimizationResult inProcess = Minimizer.minimize(new Adam(0.01), ROSENBROCK, X0, check);
                // an evaluator that answers a step's requests as one batch, as a Spark evaluator does
                StepEvaluator batch = (requests, step) -> {
                    List<Evaluation> out = new ArrayList<>();
                    for (EvaluationRequest r : List.copyOf(requests)) {
                        out.add(ROSENBROCK.evaluate(r.point(), r.needsGradient()));
                    }
                    return List.copyOf(out);
                };
                OptimizationResult batched = new TrainingLoop(new Adam(0.01), batch, check).run(X0);
                String what = "tolerance " + tolerance + ", patience " + patience;
                assertEquals(OptimizationResult.Status.CONVERGED_VALUE, inProcess.status(), what);
                assertEquals(expected, inProcess.iterations(), what);
                assertEquals(expected, batched.iterations(), what);
                assertEquals(free.subList(0, expected), batched.history(), what);
            }
        }
    }

    @Test
    void aStepThatStallsTheOptimizerIsStillRecorded() throws Exception {
        // a flat objective: CMA-ES's first generation has equal values and stalls
        List<StepMetrics> seen = new ArrayList<>();
        StepListener record = seen::add;
        OptimizationResult r = new TrainingLoop(new CmaEs(0.3, 1), StepEvaluator.inProcess((x, g) -> Evaluation.of(2)),
                ConvergenceCheck.iterations(100)).metrics(record).run(X0);
        assertEquals(OptimizationResult.Status.CONVERGED_VALUE, r.status());
        assertEquals(1, r.iterations());
        assertEquals(List.of(2.0), r.history());
        assertEquals(1, seen.size());
        assertEquals(1, seen.get(0).step());
        assertFalse(seen.get(0).seconds() < seen.get(0).evaluationSeconds());
    }

    @Test
    void badSettingsAreRejected(@TempDir Path dir) throws Exception {
        TrainingLoop loop = new TrainingLoop(new Adam(0.1), crashingAt(-1), ConvergenceCheck.iterations(1));
        assertThrows(IllegalArgumentException.class, () -> loop.checkpoints(new LocalCheckpoints(dir, 2), 0));
        assertThrows(IllegalArgumentException.class, () -> new LocalCheckpoints(dir, 1));
    }
}
