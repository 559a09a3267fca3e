/**
 * The driver's optimizer loop ({@link org.qtune.spark.train.TrainingLoop}): ask, one evaluation job,
 * tell, progress, and atomic checksummed checkpoints on a Hadoop path
 * ({@link org.qtune.spark.train.CheckpointStore}) to resume from. Not yet here: the JSON-lines metrics
 * log, the objective plot and the vqe/qaoa jobs (issue 4).
 */
package org.qtune.spark.train;
