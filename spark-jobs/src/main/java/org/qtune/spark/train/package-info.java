/**
 * What the core training loop ({@link org.qtune.train.TrainingLoop}) needs from Spark and Hadoop:
 * step evaluators that run each ask as one Spark job ({@link org.qtune.spark.train.CircuitStepEvaluator}
 * for a circuit's expectation, {@link org.qtune.spark.train.DatasetStepEvaluator} for a loss over data
 * shards, both reporting their Spark overhead), atomic checksummed checkpoints on a Hadoop path
 * ({@link org.qtune.spark.train.CheckpointStore}, in core's checkpoint format with the run
 * fingerprint), and the data-parallel objective {@link org.qtune.spark.train.ShardedLoss}: a
 * data-encoded circuit's loss summed over the partitions of a cached dataset, one job per step, only
 * the weights travelling.
 */
package org.qtune.spark.train;
