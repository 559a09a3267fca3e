package org.qtune.spark.jobs;

/**
 * One qtune job: a config record in, a report record out. {@link #plan} checks a config completely
 * without running it (files readable and well formed, sizes that fit) and says what the run will
 * need; {@link #run} does the work. Implementations are stateless, listed in {@link Jobs}.
 *
 * @param <C> the config record, read from and written to JSON by {@link JobJson}
 * @param <R> the report record
 */
public abstract class Job<C extends JobConfig, R> {
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

    /** Checks the config and estimates what the run needs; throws IllegalArgumentException for bad input. */
    public abstract JobPlan plan(C config) throws Exception;

    /** What to change when the run does not fit the heap, beyond the heap itself (", or ..."). */
    public String memoryAdvice(C config) {
        return "";
    }

    /** Files the run writes; each gets its provenance beside it as FILE.provenance.json. */
    public java.util.List<String> outputs(C config) {
        return java.util.List.of();
    }

    /** Text to print instead of the report's JSON on the command line (a benchmark's Markdown), or null. */
    public String text(R report) {
        return null;
    }

    /** Runs the job. Progress goes to {@link JobContext#progress()}; the result is the report. */
    public abstract R run(C config, JobContext context) throws Exception;
}
