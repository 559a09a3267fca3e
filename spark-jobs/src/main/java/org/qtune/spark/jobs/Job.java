package org.qtune.spark.jobs;

/**
 * One qtune job: a config record in, a report record out. {@link #prepare} and {@link #plan} check a
 * config completely without running it (files readable and well formed, sizes that fit) and say what
 * the run will need; {@link #run} does the work with what {@link #prepare} read. Implementations are stateless, listed in {@link Jobs}.
 *
 * @param <C> the config record, read from and written to JSON by {@link JobJson}
 * @param <P> what {@link #prepare} reads once for the plan and the run (Void when nothing)
 * @param <R> the report record
 */
public abstract class Job<C extends JobConfig, P, R> {
    private final String name;
    private final Class<C> configType;

    protected Job(String name, Class<C> configType) {
        this.name = name;
        this.configType = configType;
    }

    /** The job's name: its command ({@code simulate}) and its {@code "job"} field in a config file. */
    public final String name() {
        return name;
    }

    public final Class<C> configType() {
        return configType;
    }

    /**
     * Reads and checks what the run needs (files parsed, sizes checked against memory); done once per
     * run, its result handed to {@link #plan} and {@link #run}. Throws IllegalArgumentException or
     * IOException for bad input.
     */
    public abstract P prepare(C config) throws Exception;

    /** Estimates what the prepared run needs (the bytes in the driver and per executor). */
    public abstract JobPlan plan(C config, P prepared) throws Exception;

    /** What to change when the run does not fit the heap, beyond the heap itself (", or ..."). */
    public String memoryAdvice(C config) {
        return "";
    }

    /** Files the run writes; each gets its provenance beside it as FILE.provenance.json. */
    public java.util.List<String> outputs(C config) {
        return java.util.List.of();
    }

    /**
     * Where the runner writes this run's report for people and programs: PREFIX + "report.json" (the
     * report with its provenance as the last field) and PREFIX + "report.md" (what ran, the result,
     * time, core-seconds, an energy estimate). "DIR/" for a job whose output is a folder, "FILE." for
     * one whose output is a file; null (the default) where the job writes no files or its own reports.
     */
    public String reportPrefix(C config) {
        return null;
    }

    /** The result part of report.md in Markdown, after its title (null: a table of the report's plain fields). */
    public String markdown(C config, R report) {
        return text(report);
    }

    /** Text to print instead of the report's JSON on the command line (a benchmark's Markdown), or null. */
    public String text(R report) {
        return null;
    }

    /** Runs the job. Progress goes to {@link JobContext#progress()}; the result is the report. */
    public abstract R run(C config, P prepared, JobContext context) throws Exception;
}
