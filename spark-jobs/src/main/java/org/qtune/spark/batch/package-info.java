/**
 * Batched evaluation on Spark: one circuit broadcast once, many parameter vectors per task, one Spark
 * job per optimizer step whatever it asks (values, parameter-shift gradients, SPSA perturbations, a
 * population, shot estimates), rows of a parameter sweep through the batched simulator, and a
 * data-encoded circuit's loss summed over the shards of a dataset ({@link
 * org.qtune.spark.batch.ShardedLoss}); {@link org.qtune.spark.batch.JobStats} splits each job's time
 * into simulation and Spark overhead. {@link org.qtune.spark.batch.ExecutorSide} is the one
 * executor-side cache of every distributed path (this package's and the state vector's).
 */
package org.qtune.spark.batch;
