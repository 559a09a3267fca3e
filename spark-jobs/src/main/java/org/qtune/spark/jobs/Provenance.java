package org.qtune.spark.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Where a result came from, appended to every report as its last field and written beside every
 * output file: the qtune version and the git commit it was built from, the resolved config and the
 * SHA-256 of its canonical JSON, the seeds, the SHA-256 of every input file, the Spark master and
 * key settings (null without Spark), start and end time (UTC, ISO 8601), wall seconds, and CPU
 * seconds: the driver JVM's, the executors' tasks', and their total as core-seconds (in local mode
 * the executors are threads of the driver JVM, so core-seconds equal the driver's CPU time).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Provenance(String qtuneVersion, String gitCommit, String job, JsonNode config, String configSha256,
        Map<String, Long> seeds, Map<String, String> inputs, SparkInfo spark, String started, String ended,
        double wallSeconds, double driverCpuSeconds, double executorCpuSeconds, double coreSeconds) {

    /** The Spark side of a run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SparkInfo(String master, String appId, int defaultParallelism, Map<String, String> settings) {
    }
}
