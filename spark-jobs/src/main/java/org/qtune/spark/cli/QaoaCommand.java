package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.QaoaJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune qaoa}: options to a {@link QaoaJob.Config}; prints the report. */
@Command(name = "qaoa", mixinStandardHelpOptions = true, description = "QAOA for weighted MaxCut on a graph file.")
final class QaoaCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--graph", required = true, description = "edge list: 'u v [weight]' per line")
    Path graph;

    @Option(names = "--p", description = "QAOA depth (default: 1)")
    Integer p;

    @Option(names = "--restarts", description = "seeded starting points (default: 8)")
    Integer restarts;

    @Option(names = "--iterations", description = "L-BFGS steps per start (default: 300)")
    Integer iterations;

    @Option(names = "--seed", description = "seeds the starting points (default: 0)")
    Long seed;

    @Option(names = "--out", description = "also write report.json, report.md and cuts.png (the probability of each "
            + "cut value) into this folder")
    String out;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new QaoaJob(), new QaoaJob.Config(graph.toString(), p, restarts, iterations, seed,
                out),
                dryRun);
    }
}
