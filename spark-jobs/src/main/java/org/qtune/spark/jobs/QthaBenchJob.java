package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import org.qtune.bench.QthaBenchmark;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;

/**
 * {@code bench --qtha}: where a QTHA training step's time goes on all-MiniLM-L6-v2 (LoRA r = 8
 * against QTHA at each qubit count; the adapters' and the circuits' shares of the workers' time,
 * token-circuits per second per core); Markdown report, figures in the JSON of {@code run --config}.
 */
public final class QthaBenchJob extends Job<QthaBenchJob.Config, Void, QthaBenchmark.Result> {
    /**
     * @param qubits        qubit counts to measure (default 4, 6, 8)
     * @param circuitLayers circuit layers (default 2)
     * @param bottleneck    MPO bottleneck (default 64)
     * @param mpoBond       MPO bond rank (default 4)
     * @param workers       workers at once, as Spark's tasks (default 2: this machine's cores)
     * @param batch         sequences per step, over all workers (default 16)
     * @param length        tokens per sequence (default 128)
     * @param warmup        untimed steps first (default 1)
     * @param steps         timed steps (default 3)
     * @param out           also write the Markdown report here
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(List<Integer> qubits, Integer circuitLayers, Integer bottleneck, Integer mpoBond, Integer workers,
                         Integer batch, Integer length, Integer warmup, Integer steps, Long seed, String out)
            implements JobConfig {
        public Config {
            qubits = qubits == null || qubits.isEmpty() ? List.of(4, 6, 8) : List.copyOf(qubits);
            circuitLayers = circuitLayers == null ? 2 : circuitLayers;
            bottleneck = bottleneck == null ? 64 : bottleneck;
            mpoBond = mpoBond == null ? 4 : mpoBond;
            workers = workers == null ? 2 : Checks.inRange("--workers", workers, 1, 256);
            batch = batch == null ? 16 : Checks.atLeast("--batch", batch, 1);
            length = length == null ? 128 : Checks.atLeast("--length", length, 2);
            warmup = warmup == null ? 1 : Checks.atLeast("--warmup", warmup, 0);
            steps = steps == null ? 3 : Checks.atLeast("--steps", steps, 1);
            seed = seed == null ? 1L : seed;
            benchmark(qubits, circuitLayers, bottleneck, mpoBond, workers, batch, length, warmup, steps, seed);
        }

        QthaBenchmark.Config benchmark() {
            return benchmark(qubits, circuitLayers, bottleneck, mpoBond, workers, batch, length, warmup, steps, seed);
        }

        private static QthaBenchmark.Config benchmark(List<Integer> qubits, int layers, int bottleneck, int bond,
                                                      int workers, int batch, int length, int warmup, int steps,
                                                      long seed) {
            return new QthaBenchmark.Config(batch, length, qubits.stream().mapToInt(Integer::intValue).toArray(), layers,
                    bottleneck, bond, workers, warmup, steps, seed);
        }
    }

    public QthaBenchJob() {
        super("bench-qtha", Config.class);
    }

    @Override
    public Void prepare(Config c) throws Exception {
        if (c.out() != null) {
            AtomicFiles.checkWritable("--out", Path.of(c.out()));
        }
        return null;
    }

    @Override
    public JobPlan plan(Config c, Void nothing) {
        long tokens = (long) c.batch() * c.length();
        return JobPlan.local((400L << 20) + tokens * 6 * 60_000L * 2, "QTHA step on MiniLM, qubits " + c.qubits());
    }

    @Override
    public QthaBenchmark.Result run(Config c, Void nothing, JobContext context) throws Exception {
        QthaBenchmark.Result r = QthaBenchmark.run(c.benchmark(), System.err);
        if (c.out() != null) {
            AtomicFiles.writeString(Path.of(c.out()), r.markdown());
        }
        return r;
    }

    @Override
    public String text(QthaBenchmark.Result r) {
        return r.markdown();
    }

    @Override
    public List<String> outputs(Config c) {
        return c.out() == null ? List.of() : List.of(c.out());
    }

    @Override
    public String reportPrefix(Config c) {
        return c.out() == null ? null : c.out() + ".";
    }
}
