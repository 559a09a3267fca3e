/**
 * The command line: {@link org.qtune.spark.cli.Main} (picocli) and one thin command per job. A
 * command turns its options into the job's config record, hands it to
 * {@link org.qtune.spark.jobs.JobRunner} (or prints the plan with {@code --dry-run}) and prints the
 * report; {@code qtune run --config FILE} does the same from a JSON config. Commands hold no
 * algorithms and no report code: both live in {@code org.qtune.spark.jobs} and below.
 */
package org.qtune.spark.cli;
