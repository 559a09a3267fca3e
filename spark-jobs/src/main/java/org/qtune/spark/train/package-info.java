/**
 * The driver's optimizer loop ({@link org.qtune.spark.train.TrainingLoop}): ask, one evaluation job
 * ({@link org.qtune.spark.train.CircuitStepEvaluator} for a circuit's expectation,
 * {@link org.qtune.spark.train.DatasetStepEvaluator} for a loss over data shards), tell, a progress
 * line, JSON-lines metrics with each step's Spark overhead and an objective plot
 * ({@link org.qtune.spark.train.MetricsLog}), and atomic checksummed checkpoints on a Hadoop path
 * ({@link org.qtune.spark.train.CheckpointStore}, own binary {@link org.qtune.spark.train.StateCodec})
 * to resume from bit-identically.
 */
package org.qtune.spark.train;
