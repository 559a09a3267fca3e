/**
 * The driver's optimizer loop ({@link org.qtune.spark.train.TrainingLoop}): ask, one evaluation job
 * ({@link org.qtune.spark.train.CircuitStepEvaluator} for a circuit's expectation,
 * {@link org.qtune.spark.train.DatasetStepEvaluator} for a loss over data shards), tell, a progress
 * line, JSON-lines metrics with each step's Spark overhead and an objective plot
 * ({@link org.qtune.spark.train.MetricsLog}: both local files, the plot written atomically), and
 * atomic checksummed checkpoints on a Hadoop path ({@link org.qtune.spark.train.CheckpointStore}, own
 * binary {@link org.qtune.spark.train.StateCodec}) to resume from bit-identically. The data-parallel
 * objective: {@link org.qtune.spark.train.ShardedLoss}, a data-encoded circuit's loss summed over the
 * partitions of a cached dataset, one job per step, only the weights travelling.
 */
package org.qtune.spark.train;
