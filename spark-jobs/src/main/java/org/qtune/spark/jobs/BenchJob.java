package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qtune.bench.SimulatorBenchmark;
import org.qtune.bench.SmallCircuitBenchmark;
import org.qtune.io.AtomicFiles;
import org.qtune.spark.bench.BatchBenchmark;
import org.qtune.spark.bench.DistributedBenchmark;

/**
 * {@code bench}: the simulator benchmark (gate bandwidth against a triad probe, the ansatz fused and
 * unfused), or with a mode the distributed state vector, batched evaluation on Spark, or the batched
 * simulator of small circuits; the report is Markdown. Every mode has its own default qubit range
 * and batch, sized for the default heap.
 */
public final class BenchJob extends Job<BenchJob.Config, BenchJob.Report> {
    /** What is measured. */
    public enum Mode {
        SIMULATOR(20, 26, 1, 0), DISTRIBUTED(20, 24, 1, 0), BATCHED(10, 16, 2, 256), SMALL(4, 12, 2, 1024);

        final int minQubits, maxQubits, step, batch;

        Mode(int minQubits, int maxQubits, int step, int batch) {
            this.minQubits = minQubits;
            this.maxQubits = maxQubits;
            this.step = step;
            this.batch = batch;
        }
    }

    /**
     * @param mode simulator (default), distributed, batched or small
     * @param minQubits smallest n (default by mode: 20, 20, 10, 4)
     * @param maxQubits largest n (default by mode: 26, 24, 16, 12)
     * @param threads simulator threads (null: all cores)
     * @param repeats timed runs per figure
     * @param out also write the report to this file
     * @param partitions partitions for distributed and batched
     * @param master Spark master for distributed and batched
     * @param noLocal with distributed, skip the single-node comparison
     * @param batch circuits per batch for batched (256) and small (1024)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(Mode mode, Integer minQubits, Integer maxQubits, Integer threads, Integer repeats, String out,
            Integer partitions, String master, Boolean noLocal, Integer batch) implements JobConfig {
        public Config {
            mode = mode == null ? Mode.SIMULATOR : mode;
            minQubits = minQubits == null ? mode.minQubits : minQubits;
            maxQubits = maxQubits == null ? Math.max(mode.maxQubits, minQubits) : maxQubits;
            threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            repeats = repeats == null ? 5 : repeats;
            partitions = partitions == null ? 4 : partitions;
            noLocal = noLocal != null && noLocal;
            batch = batch == null ? Math.max(1, mode.batch) : batch;
            if (minQubits < 1 || maxQubits < minQubits || maxQubits > 40) {
                throw new IllegalArgumentException("--min-qubits and --max-qubits must satisfy 1 <= min <= max <= 40, got "
                        + minQubits + ".." + maxQubits);
            }
            if (threads < 1 || repeats < 1 || partitions < 1 || batch < 1) {
                throw new IllegalArgumentException("--threads, --repeats, --partitions and --batch must be >= 1");
            }
        }
    }

    public record Report(String mode, String markdown, String out) {
    }

    public BenchJob() {
        super("bench", Config.class);
    }

    @Override
    public List<String> outputs(Config c) {
        return c.out() == null ? List.of() : List.of(c.out());
    }

    @Override
    public String text(Report r) {
        return r.markdown();
    }

    @Override
    public JobPlan plan(Config c) {
        long state = 16L << c.maxQubits();
        return switch (c.mode()) {
            case SIMULATOR -> JobPlan.local(3 * state, "simulator benchmark, " + c.minQubits() + ".." + c.maxQubits()
                    + " qubits");
            case DISTRIBUTED -> new JobPlan((c.noLocal() ? 2 : 3) * state, 2 * state / c.partitions(), true,
                    "distributed state vector, " + c.minQubits() + ".." + c.maxQubits() + " qubits over "
                            + c.partitions() + " partitions");
            // each concurrent task holds a batch of states and the adjoint's two more
            case BATCHED -> new JobPlan(3L * c.batch() * state * Math.min(c.partitions(), c.threads()),
                    3L * c.batch() * state, true, "batched circuits on Spark, batch " + c.batch());
            case SMALL -> JobPlan.local(3L * c.batch() * state * c.threads(), "small circuits, batch " + c.batch()
                    + ", " + c.minQubits() + ".." + c.maxQubits() + " qubits");
        };
    }

    @Override
    public String memoryAdvice(Config c) {
        return ", or lower --max-qubits" + (c.mode() == Mode.BATCHED || c.mode() == Mode.SMALL ? " or --batch" : "");
    }

    @Override
    public Report run(Config c, JobContext context) throws Exception {
        String report = switch (c.mode()) {
            case SMALL -> SmallCircuitBenchmark.run(range(c), c.batch(), c.repeats(), c.threads(), context.progress());
            case BATCHED -> BatchBenchmark.run(context.spark("qtune bench", c.master()), range(c), c.batch(),
                    c.partitions(), c.repeats(), context.progress());
            case DISTRIBUTED -> DistributedBenchmark.run(context.spark("qtune bench", c.master()),
                    new DistributedBenchmark.Config(range(c), c.partitions(), c.repeats(), !c.noLocal()),
                    context.progress());
            case SIMULATOR -> SimulatorBenchmark.run(SimulatorBenchmark.Config.of(c.minQubits(), c.maxQubits(),
                    c.threads(), c.repeats()), context.progress());
        };
        if (c.out() != null) {
            AtomicFiles.writeString(Path.of(c.out()), report);
        }
        return new Report(c.mode().name().toLowerCase(java.util.Locale.ROOT), report, c.out());
    }

    /** minQubits, minQubits + step, ... up to maxQubits. */
    private static List<Integer> range(Config c) {
        List<Integer> qubits = new ArrayList<>();
        for (int n = c.minQubits(); n <= c.maxQubits(); n += c.mode().step) {
            qubits.add(n);
        }
        return qubits;
    }
}
