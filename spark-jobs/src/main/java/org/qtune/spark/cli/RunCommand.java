package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.JobJson;
import org.qtune.spark.jobs.JobRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qtune run --config job.json}: any job from a config file, the same JSON that
 * {@code --dry-run} prints and that a notebook, cron or a Python caller writes:
 * {@code {"job": "vqe", "hamiltonian": "conf/hamiltonians/h2_sto3g_0.735.txt", "seed": 1}}. Fields left
 * out take the command's defaults; relative paths are taken from the working directory. Prints the
 * report as one JSON line (for every job, the benchmark's too).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run any job from a JSON config file.")
final class RunCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "JSON file: {\"job\": NAME, ...that job's fields}")
    Path config;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println(JobRunner.runConfig(JobJson.parseFile(config), config.toString(), dryRun, System.err));
        out.flush();
        return 0;
    }
}
