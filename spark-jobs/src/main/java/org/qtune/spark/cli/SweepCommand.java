package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune sweep}: options to a {@link SweepJob.Config}; prints the report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Evaluate a parameterized circuit at every row of a CSV table of parameter values.")
final class SweepCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--qasm", required = true, description = "OpenQASM 2.0 or 3.0 file (3.0: input float[64] parameters)")
    Path qasm;

    @Option(names = "--parameters", required = true, description = "CSV: a header of parameter names, one row per evaluation")
    Path parameters;

    @Option(names = "--observable", description = "Pauli sum whose value to report (default: <Z_i> of every qubit)")
    String observable;

    @Option(names = "--gradient", description = "adjoint or parameter-shift: add d_<name> columns (needs --observable)")
    String gradient;

    @Option(names = "--partitions", description = "Spark partitions; 1 runs in this JVM (default: 1)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master with --partitions > 1 (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--batch", description = "rows simulated together (default: up to 1024, fewer when a batch of the "
            + "circuit would not fit in memory)")
    Integer batch;

    @Option(names = "--out", required = true, description = "result CSV, written atomically (its provenance beside it)")
    Path out;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        SweepJob.Config config = new SweepJob.Config(qasm.toString(), parameters.toString(), observable, gradient, partitions,
                master, batch, out.toString());
        return JobCommand.execute(spec, new SweepJob(), config, dryRun);
    }
}
