package org.qtune.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.Job;
import org.qtune.spark.jobs.JobConfig;
import org.qtune.spark.jobs.JobJson;
import org.qtune.spark.jobs.JobRunner;
import org.qtune.spark.jobs.Jobs;
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
        String source = config.toString();
        JsonNode root = JobJson.parseFile(config);
        if (!(root instanceof ObjectNode object) || !object.hasNonNull("job") || !object.get("job").isTextual()) {
            throw new IllegalArgumentException(source + ": a config is a JSON object with a \"job\" field ("
                    + String.join(", ", Jobs.all().stream().map(Job::name).toList()) + ")");
        }
        Job<?, ?, ?> job = Jobs.named(object.get("job").asText());
        return execute(job, object.deepCopy().without("job"), source);
    }

    private <C extends JobConfig> int execute(Job<C, ?, ?> job, JsonNode fields, String source) throws Exception {
        C c = JobJson.read(fields, job.configType(), source);
        var out = spec.commandLine().getOut();
        out.println(JobJson.write(dryRun ? JobRunner.dryRun(job, c) : JobRunner.run(job, c, System.err).json()));
        out.flush();
        return 0;
    }
}
