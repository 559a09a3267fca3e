package org.qtune.spark.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.spark.bench.DistributedBenchmark;

/**
 * The distributed benchmark on a real standalone cluster started from the module's own jars (two
 * Workers with one single-core executor each, on 127.0.0.1). Not a test: run it by hand after
 * {@code mvn -DskipTests package test-compile}, from {@code spark-jobs/}:
 * <pre>
 * java $SPARK_JAVA_OPTIONS -Xmx8g -cp 'target/test-classes:target/classes:../core/target/classes:target/lib/*' \
 *     org.qtune.spark.testing.ClusterBenchmark [batched] MIN MAX PARTITIONS EXECUTOR_MEMORY [no-local]
 * </pre>
 * With {@code batched} it runs the batched-evaluation benchmark (batches of 256, the optimizer step's
 * Spark overhead) instead of the distributed state vector's. With
 * {@code finetune WORKERS STEPS EXECUTOR_MEMORY DATA_DIR} it runs {@code qtune finetune} (MiniLM, LoRA r = 8 on
 * q and v, the spam task, the command's defaults: batch 16 in micro-batches of 8, 128 tokens) for
 * STEPS steps on a cluster of WORKERS single-core executors and prints its report (tokens per second,
 * Spark's share of a step) with {@code spark.locality.wait=0}, what {@code finetune} sets in a
 * context it makes ({@code -Dqtune.localityWait=3s} for Spark's default), and with
 * {@code -Dqtune.eventLog=DIR} Spark's event log in DIR (per-task times, for
 * {@code deploy/bench/spark-task-times.py}). With {@code no-local} the distributed
 * benchmark runs each circuit once and skips the single-node comparison, whose second full copy of
 * the state does not fit beside the executors for n >= 26 on a 24 GiB machine.
 */
public final class ClusterBenchmark {
    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("finetune")) {
            finetune(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
            return;
        }
        boolean batched = args[0].equals("batched");
        if (batched) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        int min = Integer.parseInt(args[0]), max = Integer.parseInt(args[1]), partitions = Integer.parseInt(args[2]);
        String executorMemory = args[3];
        boolean noLocal = args.length > 4 && args[4].equals("no-local");
        List<Integer> qubits = new ArrayList<>();
        for (int n = min; n <= max; n++) {
            qubits.add(n);
        }
        try (StandaloneCluster cluster = StandaloneCluster.start(2, executorMemory)) {
            SparkConf conf = cluster.applicationConf("qtune ClusterBenchmark")
                    .set("spark.executor.memory", executorMemory)
                    .set("spark.executor.cores", "1")
                    .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .set("spark.kryo.registrationRequired", "true")
                    .set("spark.kryo.registrator", "org.qtune.spark.kryo.QtuneKryoRegistrator")
                    .set("spark.kryoserializer.buffer.max", "512m");
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                System.out.println(batched
                        ? org.qtune.spark.bench.BatchBenchmark.run(sc, qubits, 256, partitions, 3, System.err)
                        : DistributedBenchmark.run(sc, new DistributedBenchmark.Config(qubits, partitions, noLocal ? 1 : 2, !noLocal),
                                System.err));
            }
        }
    }

    private static void finetune(int workers, int steps, String executorMemory, String dataDir) throws Exception {
        try (StandaloneCluster cluster = StandaloneCluster.start(workers, executorMemory)) {
            SparkConf conf = cluster.applicationConf("qtune ClusterBenchmark finetune")
                    .set("spark.executor.memory", executorMemory)
                    .set("spark.executor.cores", "1")
                    .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .set("spark.kryo.registrationRequired", "true")
                    .set("spark.kryo.registrator", "org.qtune.spark.kryo.QtuneKryoRegistrator")
                    .set("spark.kryoserializer.buffer.max", "512m")
                    .set("spark.locality.wait", System.getProperty("qtune.localityWait", "0"));
            String eventLog = System.getProperty("qtune.eventLog");
            if (eventLog != null) {
                conf.set("spark.eventLog.enabled", "true").set("spark.eventLog.dir", eventLog)
                        .set("spark.eventLog.compress", "false");
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                // the cached micro-batches go where the executors are when the data is first read: wait
                // for all of them, or the first to register would hold every partition
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (sc.sc().statusTracker().getExecutorInfos().length - 1 < workers && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                java.nio.file.Path out = java.nio.file.Files.createTempDirectory("qtune-bench-finetune");
                var config = new org.qtune.spark.jobs.FinetuneJob.Config("minilm", "spam-assassin", null, dataDir, "lora",
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, steps, null, null, 1e-3, null, null, null, steps,
                        steps, null, 512, null, null, null, null, null, 64, 64, null, 0L, null, 2, null, null, out.toString());
                var run = org.qtune.spark.jobs.JobRunner.run(new org.qtune.spark.jobs.FinetuneJob(), config, System.err);
                System.out.println(org.qtune.spark.jobs.JobJson.write(run.json()));
            }
        }
    }
}
