/**
 * The one optimizer loop and what a run needs around it, free of Spark and Hadoop:
 * {@link org.qtune.train.TrainingLoop} (ask, a {@link org.qtune.train.StepEvaluator}, tell; the
 * {@link org.qtune.optim.ConvergenceCheck} rules; hooks), {@link org.qtune.train.Minimizer} (the loop
 * with an in-process objective), the hooks ({@link org.qtune.train.StepListener} with
 * {@link org.qtune.train.StepMetrics}: progress lines, the JSON-lines {@link org.qtune.train.MetricsLog}
 * and its plot), checkpoints ({@link org.qtune.train.Checkpoint} in {@link org.qtune.train.CheckpointFormat},
 * stored by a {@link org.qtune.train.Checkpoints} such as {@link org.qtune.train.LocalCheckpoints}; the
 * Hadoop one is in spark-jobs) and the {@link org.qtune.train.RunFingerprint} that ties a checkpoint
 * to the run that wrote it, so that a resume of another run is refused.
 */
package org.qtune.train;
