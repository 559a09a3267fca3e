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

    @Override
    public Integer call() throws Exception {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String report = SimulatorBenchmark.run(SimulatorBenchmark.Config.of(minQubits, maxQubits, t, repeats), System.err);
        spec.commandLine().getOut().println(report);
        spec.commandLine().getOut().flush();
        if (out != null) {
            SimulatorBenchmark.writeAtomically(out, report);
        }
        return 0;
    }
}
