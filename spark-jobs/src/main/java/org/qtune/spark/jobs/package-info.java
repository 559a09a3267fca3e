/**
 * The job layer: every qtune job is a {@link org.qtune.spark.jobs.Job} that takes an immutable
 * config record, runs, and returns a report record; {@link org.qtune.spark.jobs.JobRunner} adds the
 * provenance (version, commit, resolved config and its hash, seeds, input hashes, Spark settings,
 * times, core-seconds) and {@link org.qtune.spark.jobs.JobJson} reads configs and writes reports as
 * JSON. The command line, {@code qtune run --config}, cron and notebooks all build the same config
 * and call the same job; commands only translate options. May use core and {@code spark.*}
 * packages; nothing below depends on it except {@code spark.cli}.
 */
package org.qtune.spark.jobs;
