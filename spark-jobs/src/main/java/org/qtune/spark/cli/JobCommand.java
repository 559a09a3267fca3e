package org.qtune.spark.cli;

import java.io.PrintWriter;
import org.qtune.spark.jobs.Job;
import org.qtune.spark.jobs.JobConfig;
import org.qtune.spark.jobs.JobJson;
import org.qtune.spark.jobs.JobRunner;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every job command does once its options are a config: with {@code --dry-run} print the
 * resolved config and the plan, otherwise run the job and print its report (one JSON line with the
 * provenance last, or the job's text such as a benchmark's Markdown). Progress goes to stderr.
 */
final class JobCommand {
    private JobCommand() {
    }

    static <C extends JobConfig, R> int execute(CommandSpec spec, Job<C, ?, R> job, C config, boolean dryRun)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.println(JobJson.write(JobRunner.dryRun(job, config)));
        } else {
            JobRunner.Finished<R> run = JobRunner.run(job, config, System.err);
            String text = job.text(run.report());
            out.println(text != null ? text : JobJson.write(run.json()));
        }
        out.flush();
        return 0;
    }
}
