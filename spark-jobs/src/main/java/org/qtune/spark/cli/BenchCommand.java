package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.bench.SimulatorBenchmark;
import org.qtune.bench.SmallCircuitBenchmark;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.spark.bench.BenchMode;
import org.qtune.spark.launch.MasterUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune bench}: the simulator benchmark, as a Markdown report on stdout (and optionally a file). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator: gate bandwidth against a triad probe, the ansatz fused and unfused.")
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--min-qubits", description = "smallest n (default: 20; --small 4, --batched 10, --distributed 20)")
    Integer minQubits;

    @Option(names = "--max-qubits", description = "largest n (default: 26; --small 12, --batched 20, --distributed 24)")
    Integer maxQubits;

    @Option(names = "--threads", description = "simulator threads (default: all cores)")
    Integer threads;

    @Option(names = "--repeats", defaultValue = "5", description = "timed runs per figure (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--out", description = "also write the report to this file (atomically)")
    Path out;

    @Option(names = "--distributed", description = "benchmark the distributed state vector on Spark instead")
    boolean distributed;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions for --distributed (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--master", description = "Spark master for --distributed (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--no-local", description = "with --distributed, skip the single-node comparison")
    boolean noLocal;

    @Option(names = "--batched", description = "benchmark batched circuit evaluation on Spark instead")
    boolean batched;

    @Option(names = "--batch", defaultValue = "256", description = "circuits per batch for --batched and --small (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--small", description = "benchmark the batched simulator of small circuits (one thread; the QTHA layer also on --threads) instead")
    boolean small;

    @Override
    public Integer call() throws Exception {
        int t = threads != null ? Checks.atLeast("--threads", threads, 1) : Runtime.getRuntime().availableProcessors();
        Checks.atLeast("--repeats", repeats, 1);
        Checks.atLeast("--batch", batch, 1);
        Checks.atLeast("--partitions", partitions, 1);
        if (master != null) {
            MasterUrl.parse("--master", master);
        }
        if (out != null) {
            AtomicFiles.checkWritable("--out", out);
        }
        BenchMode mode = small ? BenchMode.SMALL : batched ? BenchMode.BATCHED : distributed ? BenchMode.DISTRIBUTED
                : BenchMode.SIMULATOR;
        minQubits = minQubits != null ? minQubits : mode.defaultMinQubits();
        maxQubits = maxQubits != null ? maxQubits : mode.defaultMaxQubits();
        mode.checkFits(minQubits, maxQubits, batch, partitions, master);
        String report;
        if (small) {
            report = SmallCircuitBenchmark.run(qubitRange(2), batch, repeats, t, System.err);
        } else if (batched) {
            try (var session = SparkContexts.open("qtune bench", master)) {
                report = org.qtune.spark.bench.BatchBenchmark.run(session.sc(), qubitRange(2), batch, partitions, repeats,
                        System.err);
            }
        } else if (distributed) {
            try (var session = SparkContexts.open("qtune bench", master)) {
                report = org.qtune.spark.bench.DistributedBenchmark.run(session.sc(),
                        new org.qtune.spark.bench.DistributedBenchmark.Config(qubitRange(1), partitions, repeats, !noLocal),
                        System.err);
            }
        } else {
            report = SimulatorBenchmark.run(SimulatorBenchmark.Config.of(minQubits, maxQubits, t, repeats), System.err);
        }
        spec.commandLine().getOut().println(report);
        spec.commandLine().getOut().flush();
        if (out != null) {
            SimulatorBenchmark.writeAtomically(out, report);
        }
        return 0;
    }

    /** minQubits, minQubits + step, ... up to maxQubits. */
    private java.util.List<Integer> qubitRange(int step) {
        java.util.List<Integer> qubits = new java.util.ArrayList<>();
        for (int n = minQubits; n <= maxQubits; n += step) {
            qubits.add(n);
        }
        return qubits;
    }
}
