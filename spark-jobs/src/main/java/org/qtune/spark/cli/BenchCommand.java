package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.bench.SimulatorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune bench}: the simulator benchmark, as a Markdown report on stdout (and optionally a file). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator: gate bandwidth against a triad probe, the ansatz fused and unfused.")
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--min-qubits", defaultValue = "20", description = "smallest n (default: ${DEFAULT-VALUE})")
    int minQubits;

    @Option(names = "--max-qubits", defaultValue = "26", description = "largest n (default: ${DEFAULT-VALUE})")
    int maxQubits;

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
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String report;
        if (small) {
            report = org.qtune.bench.SmallCircuitBenchmark.run(qubitRange(2), batch, repeats, t, System.err);
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
