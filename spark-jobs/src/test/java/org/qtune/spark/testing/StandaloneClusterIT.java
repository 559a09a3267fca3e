package org.qtune.spark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.serializer.KryoSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;

/**
 * Runs the core simulator on a real standalone cluster (a Master, two Workers, one single-core
 * executor JVM each) and checks the results against the same computation in this JVM, bit for bit,
 * also when an executor JVM is killed in the middle of a job.
 */
class StandaloneClusterIT {
    private static final int WORKERS = 2;
    private static final int QUBITS = 12;
    private static final int LAYERS = 4;
    private static final Duration EXECUTOR_WAIT = Duration.ofSeconds(60);

    private static StandaloneCluster cluster;
    private static JavaSparkContext sc;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startClusterAndDriver() {
        cluster = StandaloneCluster.start(WORKERS);
        SparkConf conf = cluster.applicationConf("StandaloneClusterIT")
                .set("spark.executor.memory", "512m")
                .set("spark.executor.cores", "1")
                .set("spark.serializer", KryoSerializer.class.getName())
                // Every class the jobs ship (task results, parallelized data) must be registered. These
                // jobs ship only double[], Object[] and Long, which Spark's KryoSerializer and Twitter
                // Chill's registrars register already (checked: the versus-local test passes with none);
                // double[] is named anyway, as the class the results are made of.
                .set("spark.kryo.registrationRequired", "true")
                // A killed executor costs each task it was running one attempt; 4 (the cluster default,
                // set here because the fault test relies on it) leaves room for that and more.
                .set("spark.task.maxFailures", "4")
                .set("spark.kryo.registrator", org.qtune.spark.kryo.QtuneKryoRegistrator.class.getName())
                .registerKryoClasses(new Class<?>[] {double[].class});
        sc = new JavaSparkContext(conf);
        awaitRegisteredExecutors(WORKERS);
    }

    @AfterAll
    static void stopDriverThenCluster() {
        try {
            if (sc != null) {
                sc.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void executorsComputeTheSameZExpectationsAsThisJvmBitForBit() {
        List<Long> seeds = seeds(8);

        List<double[]> onCluster = sc.parallelize(seeds, 4)
                .mapPartitions(new RandomCircuitZExpectations(Duration.ZERO))
                .collect();

        assertBitIdenticalToLocal(seeds, onCluster);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aJobSurvivesTheLossOfAnExecutorJvmWithTheSameResult() throws Exception {
        awaitRegisteredExecutors(WORKERS);
        List<Long> seeds = seeds(6);
        TaskLossCounter taskLosses = new TaskLossCounter();
        sc.sc().addSparkListener(taskLosses);
        try {
            // One seed per task and 2 s per task: three waves on two single-core executors, so the
            // kill below lands while both executors are busy and work is still queued.
            JavaFutureAction<List<double[]>> job = sc.parallelize(seeds, seeds.size())
                    .mapPartitions(new RandomCircuitZExpectations(Duration.ofSeconds(2)))
                    .collectAsync();
            awaitExecutorsRunningTasks(WORKERS);

            long killedPid = cluster.killOneExecutor();
            List<double[]> onCluster = job.get(75, TimeUnit.SECONDS);

            assertBitIdenticalToLocal(seeds, onCluster);
            assertTrue(taskLosses.lostWithExecutor.get() >= 1,
                    "the killed executor was running a task, which must have been lost and re-run");
            // The Worker relaunches an executor for the application in place of the killed one.
            List<Long> executors = cluster.awaitExecutorPids(WORKERS, EXECUTOR_WAIT);
            assertFalse(executors.contains(killedPid), "killed " + killedPid + ", running " + executors);
        } finally {
            sc.sc().removeSparkListener(taskLosses);
        }
    }

    /**
     * The per-partition function: for each seed, the {@code <Z_q>} of a seeded random circuit, computed
     * with the core simulator on the executor. A static class with no captured state, so that its task
     * serializes to a few bytes.
     */
    static final class RandomCircuitZExpectations implements FlatMapFunction<Iterator<Long>, double[]> {
        private static final long serialVersionUID = 1L;
        private final long pauseMillisPerPartition;

        /** @param pausePerPartition how long each task sleeps first, to keep it running when a test needs that */
        RandomCircuitZExpectations(Duration pausePerPartition) {
            this.pauseMillisPerPartition = pausePerPartition.toMillis();
        }

        @Override
        public Iterator<double[]> call(Iterator<Long> seeds) throws InterruptedException {
            Thread.sleep(pauseMillisPerPartition);
            List<double[]> out = new ArrayList<>();
            try (Simulator simulator = newSimulator()) {
                seeds.forEachRemaining(seed -> out.add(zExpectations(simulator, seed)));
            }
            return out.iterator();
        }
    }

    /** One thread, as on a single-core executor; the same options in both JVMs pick the same kernels. */
    static Simulator newSimulator() {
        return new Simulator(SimulatorOptions.defaults().withThreads(1));
    }

    /** Layers of RX/RY/RZ with angles drawn from the seed, each followed by a CX ladder. */
    static double[] zExpectations(Simulator simulator, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Circuit.Builder circuit = Circuit.builder(QUBITS);
        for (int layer = 0; layer < LAYERS; layer++) {
            for (int q = 0; q < QUBITS; q++) {
                circuit.add(Gate.RX, random.nextDouble(-Math.PI, Math.PI), q)
                        .add(Gate.RY, random.nextDouble(-Math.PI, Math.PI), q)
                        .add(Gate.RZ, random.nextDouble(-Math.PI, Math.PI), q);
            }
            for (int q = 0; q + 1 < QUBITS; q++) {
                circuit.add(Gate.CX, q, q + 1);
            }
        }
        return Measurements.expectationZAll(simulator.run(circuit.build()));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aDistributedStateVectorOnTheClusterEqualsTheLocalSimulator() {
        Circuit c = RandomCircuits.of(14, 150, 21);
        try (var d = org.qtune.spark.statevector.DistributedStateVector.zero(sc, 14, 4);
             Simulator sim = new Simulator()) {
            var stats = d.apply(c, new double[0]);
            assertTrue(stats.remaps() >= 1, stats.toString());
            double err = d.collect().maxDifference(sim.run(c));
            assertTrue(err < 1e-10, "error " + err);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aDistributedCircuitSurvivesTheLossOfAnExecutorJvmBitForBit() throws Exception {
        awaitRegisteredExecutors(WORKERS);
        sc.setCheckpointDir(java.nio.file.Path.of("target", "it-checkpoints").toAbsolutePath().toUri().toString());
        Circuit c = org.qtune.circuit.ansatz.HardwareEfficient.builder(14).layers(12)
                .entangler(org.qtune.circuit.ansatz.HardwareEfficient.Entangler.CX).build();
        double[] theta = new SplittableRandom(8).doubles(c.numParameters(), -1, 1).toArray();
        org.qtune.sim.StateVector undisturbed;
        try (var d = org.qtune.spark.statevector.DistributedStateVector.zero(sc, 14, 4).checkpointEvery(4)) {
            d.apply(c, theta);
            undisturbed = d.collect();
        }
        try (var d = org.qtune.spark.statevector.DistributedStateVector.zero(sc, 14, 4).checkpointEvery(4)) {
            int jobsBefore = sc.statusTracker().getJobIdsForGroup(null).length;
            java.util.concurrent.CompletableFuture<?> run = java.util.concurrent.CompletableFuture.runAsync(() -> d.apply(c, theta));
            // let a few epochs and remaps run, then kill an executor in the middle of the circuit
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sc.statusTracker().getJobIdsForGroup(null).length < jobsBefore + 6 && !run.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(run.isDone(), "the circuit finished before the executor could be killed");
            cluster.killOneExecutor();
            run.get(180, TimeUnit.SECONDS);
            assertEquals(0.0, d.collect().maxDifference(undisturbed), "not bit-identical after the executor loss");
        }
        try (Simulator sim = new Simulator()) {
            assertTrue(undisturbed.maxDifference(sim.run(c, theta)) < 1e-10);
        }
        cluster.awaitExecutorPids(WORKERS, EXECUTOR_WAIT);
        awaitRegisteredExecutors(WORKERS);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aFineTuningRunSurvivesTheLossOfAnExecutorJvmBitForBit() throws Exception {
        awaitRegisteredExecutors(WORKERS);
        java.nio.file.Path dir = tinyDecoder();
        org.qtune.finetune.FineTuneModel.Spec spec = new org.qtune.finetune.FineTuneModel.Spec(dir.toString(),
                org.qtune.finetune.Method.LORA, 4, 8, 0.1, List.of("q", "v"), 0, 48, 3);
        List<org.qtune.data.TaskExample> data = new ArrayList<>(org.qtune.data.ArithmeticProblems.generate(96, 2, 4, "p"));
        org.qtune.data.MicroBatches batches = new org.qtune.data.MicroBatches(data.size(), 4, 4, 2);
        org.qtune.finetune.FineTuneModel model = spec.load();
        double[] x0 = model.initialParameters();
        java.util.function.Function<org.qtune.train.StepEvaluator, double[]> train = adamW(x0, 4, 40);
        double[] local = train.apply(new org.qtune.finetune.LocalSteps(model, model.tokenizeAll(data), batches, 2));
        double[] undisturbed;
        try (var spark = new org.qtune.spark.train.DataParallelSteps(sc, spec, data, batches, 2, 4, "it")) {
            undisturbed = train.apply(spark);
        }
        assertArrayEquals(local, undisturbed, "the cluster's run is not the one of this JVM");
        try (var spark = new org.qtune.spark.train.DataParallelSteps(sc, spec, data, batches, 2, 4, "it")) {
            int jobsBefore = sc.statusTracker().getJobIdsForGroup(null).length;
            java.util.concurrent.CompletableFuture<double[]> run =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> train.apply(spark));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sc.statusTracker().getJobIdsForGroup(null).length < jobsBefore + 5 && !run.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(run.isDone(), "the run finished before the executor could be killed");
            long killed = cluster.killOneExecutor();
            // the lost executor's tasks are run again and its cached micro-batches tokenized again elsewhere
            assertArrayEquals(undisturbed, run.get(180, TimeUnit.SECONDS), "not bit-identical after losing "
                    + "executor " + killed);
        }
        cluster.awaitExecutorPids(WORKERS, EXECUTOR_WAIT);
        awaitRegisteredExecutors(WORKERS);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aQthaFineTuningRunOnTheClusterIsTheEmbeddedRunBitForBit() throws Exception {
        awaitRegisteredExecutors(WORKERS);
        java.nio.file.Path dir = tinyDecoder();
        // QTHA (ABC): 3 qubits, 1 circuit layer, MPO bottleneck 8, bond 2; the per-token circuits run on the executors
        org.qtune.finetune.FineTuneModel.Spec spec = new org.qtune.finetune.FineTuneModel.Spec(dir.toString(),
                org.qtune.finetune.Method.QTHA, 4, 6, 0.1, List.of("q", "v"), 0, 48, 5,
                new org.qtune.finetune.FineTuneModel.QthaShape(3, 1, 8, 2));
        List<org.qtune.data.TaskExample> data = new ArrayList<>(org.qtune.data.ArithmeticProblems.generate(64, 2, 4, "p"));
        org.qtune.data.MicroBatches batches = new org.qtune.data.MicroBatches(data.size(), 4, 4, 2);
        org.qtune.finetune.FineTuneModel model = spec.load();
        double[] x0 = model.initialParameters();
        java.util.function.Function<org.qtune.train.StepEvaluator, double[]> train = adamW(x0, 2, 12);
        double[] embedded = train.apply(new org.qtune.finetune.LocalSteps(model, model.tokenizeAll(data), batches, 2));
        double[] onCluster;
        try (var spark = new org.qtune.spark.train.DataParallelSteps(sc, spec, data, batches, 2, 4, "it qtha")) {
            onCluster = train.apply(spark);
        }
        assertFalse(java.util.Arrays.equals(x0, embedded), "the run trained something");
        assertArrayEquals(embedded, onCluster, "the cluster's QTHA run is not the one of this JVM");
    }

    /** A fresh tiny Qwen2 directory under target/it-models (absolute: the executors read it too). */
    private static java.nio.file.Path tinyDecoder() throws Exception {
        return TinyHfDirs.decoderDir(java.nio.file.Path.of("target", "it-models", "qwen-" + System.nanoTime())
                .toAbsolutePath());
    }

    /** Trains from x0 with AdamW (lr 0.01, cosine after warm-up) for the given steps; returns the parameters. */
    private static java.util.function.Function<org.qtune.train.StepEvaluator, double[]> adamW(double[] x0, int warmup,
                                                                                              int steps) {
        return evaluator -> {
            try {
                return new org.qtune.train.TrainingLoop(new org.qtune.optim.AdamW(0.01, 0.01, 1,
                        org.qtune.optim.LearningRateSchedule.cosine(warmup, steps)), evaluator,
                        org.qtune.optim.ConvergenceCheck.iterations(steps)).run(x0).x();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static List<Long> seeds(int count) {
        return LongStream.range(0, count).map(i -> 20_261_123L + 7919L * i).boxed().toList();
    }

    private static void assertBitIdenticalToLocal(List<Long> seeds, List<double[]> onCluster) {
        assertEquals(seeds.size(), onCluster.size());
        try (Simulator simulator = newSimulator()) {
            for (int i = 0; i < seeds.size(); i++) {
                double[] local = zExpectations(simulator, seeds.get(i));
                // assertArrayEquals on double[] compares bit patterns (Double.doubleToLongBits).
                assertArrayEquals(local, onCluster.get(i), "seed " + seeds.get(i) + ": local "
                        + Arrays.toString(local) + ", cluster " + Arrays.toString(onCluster.get(i)));
            }
        }
    }

    private static void awaitRegisteredExecutors(int count) {
        // The status tracker lists the driver's block manager as well as the executors'.
        awaitExecutors(count + " registered executors",
                () -> sc.sc().statusTracker().getExecutorInfos().length - 1 >= count);
    }

    private static void awaitExecutorsRunningTasks(int count) {
        awaitExecutors(count + " executors running tasks",
                () -> Arrays.stream(sc.sc().statusTracker().getExecutorInfos())
                        .filter(executor -> executor.numRunningTasks() > 0).count() >= count);
    }

    private static void awaitExecutors(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + EXECUTOR_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + EXECUTOR_WAIT + "; executor JVMs "
                        + cluster.executorPids() + "\n" + cluster.logTails());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Counts task attempts that failed because their executor was lost. */
    private static final class TaskLossCounter extends SparkListener {
        final AtomicInteger lostWithExecutor = new AtomicInteger();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            if (taskEnd.reason() instanceof ExecutorLostFailure) {
                lostWithExecutor.incrementAndGet();
            }
        }
    }
}
