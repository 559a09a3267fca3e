package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qtune.bench.SimulatorBenchmark;
import org.qtune.bench.SmallCircuitBenchmark;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.spark.bench.BatchBenchmark;
import org.qtune.spark.bench.BenchMode;
import org.qtune.spark.bench.DistributedBenchmark;
import org.qtune.spark.launch.MasterUrl;

/**
 * {@code bench}: the simulator benchmark (gate bandwidth against a triad probe, the ansatz fused and
 * unfused), or with a mode the distributed state vector, batched evaluation on Spark, or the batched
 * simulator of small circuits; the report is Markdown. Every mode has its own default qubit range
 * and batch, sized for the default heap.
 */
public final class BenchJob extends Job<BenchJob.Config, Void, BenchJob.Report> {
    /**
     * @param mode simulator (default), distributed, batched or small
     * @param minQubits smallest n (default by mode: 20, 20, 10, 4)
     * @param maxQubits largest n (default by mode: 26, 24, 20, 12)
     * @param threads simulator threads (null: all cores)
     * @param repeats timed runs per figure
     * @param out also write the report to this file
     * @param partitions partitions for distributed and batched
     * @param master Spark master for distributed and batched
     * @param noLocal with distributed, skip the single-node comparison
     * @param batch circuits per batch for batched and small (default 256)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(BenchMode mode, Integer minQubits, Integer maxQubits, Integer threads, Integer repeats, String out,
            Integer partitions, String master, Boolean noLocal, Integer batch) implements JobConfig {
        public Config {
            mode = mode == null ? BenchMode.SIMULATOR : mode;
            minQubits = minQubits == null ? mode.defaultMinQubits() : minQubits;
            maxQubits = maxQubits == null ? Math.max(mode.defaultMaxQubits(), minQubits) : maxQubits;
            threads = threads == null ? Runtime.getRuntime().availableProcessors() : Checks.atLeast("--threads", threads, 1);
            repeats = repeats == null ? 5 : Checks.atLeast("--repeats", repeats, 1);
            partitions = partitions == null ? 4 : Checks.atLeast("--partitions", partitions, 1);
            noLocal = noLocal != null && noLocal;
            batch = batch == null ? 256 : Checks.atLeast("--batch", batch, 1);
            if (master != null) {
                MasterUrl.parse("--master", master);
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
    public String reportPrefix(Config c) {
        return c.out() == null ? null : c.out() + ".";
    }

    @Override
    public String text(Report r) {
        return r.markdown();
    }

    @Override
    public Void prepare(Config c) {
        return null;
    }

    @Override
    public JobPlan plan(Config c, Void nothing) throws Exception {
        if (c.out() != null) {
            AtomicFiles.checkWritable("--out", Path.of(c.out()));
        }
        // each mode's own memory check, before anything is measured
        c.mode().checkFits(c.minQubits(), c.maxQubits(), c.batch(), c.partitions(), c.master());
        return new JobPlan(0, 0, c.mode() == BenchMode.BATCHED || c.mode() == BenchMode.DISTRIBUTED
                || c.mode() == BenchMode.SELECT,
                c.mode().name().toLowerCase(java.util.Locale.ROOT) + " benchmark, " + c.minQubits() + ".." + c.maxQubits()
                        + " qubits");
    }

    /** --select's block sizes: every fourth from the smallest, and the largest. */
    private static List<Integer> selectSizes(Config c) {
        List<Integer> sizes = new java.util.ArrayList<>();
        for (int n = c.minQubits(); n < c.maxQubits(); n += 4) {
            sizes.add(n);
        }
        sizes.add(c.maxQubits());
        return sizes;
    }

    @Override
    public Report run(Config c, Void nothing, JobContext context) throws Exception {
        String report = switch (c.mode()) {
            case SMALL -> SmallCircuitBenchmark.run(range(c), c.batch(), c.repeats(), c.threads(), context.progress());
            case BATCHED -> BatchBenchmark.run(context.spark("qtune bench", c.master()), range(c), c.batch(),
                    c.partitions(), c.repeats(), context.progress());
            case DISTRIBUTED -> DistributedBenchmark.run(context.spark("qtune bench", c.master()),
                    new DistributedBenchmark.Config(range(c), c.partitions(), c.repeats(), !c.noLocal()),
                    context.progress());
            case SELECT -> org.qtune.spark.bench.SelectBenchmark.run(context.spark("qtune bench", c.master()),
                    selectSizes(c), c.partitions(), c.repeats(), context.progress());
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
        int step = c.mode() == BenchMode.SMALL || c.mode() == BenchMode.BATCHED ? 2 : 1;
        for (int n = c.minQubits(); n <= c.maxQubits(); n += step) {
            qubits.add(n);
        }
        return qubits;
    }
}
