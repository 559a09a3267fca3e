package org.qtune.spark.jobs;

/**
 * What a run needs, as {@code qtune ... --dry-run} prints it: the bytes the driver JVM must hold,
 * the bytes each Spark executor must hold (0 when the run does not use Spark), and a one-line
 * description of how it will run.
 */
public record JobPlan(long driverBytes, long executorBytes, boolean usesSpark, String summary) {
    public static JobPlan local(long driverBytes, String summary) {
        return new JobPlan(driverBytes, 0, false, summary);
    }
}
