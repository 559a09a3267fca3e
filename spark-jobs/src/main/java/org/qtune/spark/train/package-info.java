/**
 * What the core training loop ({@link org.qtune.train.TrainingLoop}) needs from Spark and Hadoop:
 * step evaluators that run each ask as one Spark job ({@link org.qtune.spark.train.CircuitStepEvaluator}
 * for a circuit's expectation, {@link org.qtune.spark.train.DatasetStepEvaluator} for a loss over data
 * shards, both reporting their Spark overhead), atomic checksummed checkpoints on a Hadoop path
 * ({@link org.qtune.spark.train.CheckpointStore}, in core's checkpoint format with the run
 * fingerprint), and the data-parallel objective {@link org.qtune.spark.train.ShardedLoss}: a
 * data-encoded circuit's loss summed over the partitions of a cached dataset, one job per step, only
 * the weights travelling; and {@link org.qtune.spark.train.DataParallelSteps}, fine-tuning's
 * data-parallel steps over fixed micro-batches, bit for bit the in-process ones on any partitioning;
 * and {@link org.qtune.spark.train.GeneratorState}, where Quantum-Train's generator state lives (the
 * driver's simulator, or the distributed state vector for a large one).
 */
package org.qtune.spark.train;
