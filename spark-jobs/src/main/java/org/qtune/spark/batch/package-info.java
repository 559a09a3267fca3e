/**
 * Batched circuit evaluation on Spark: one circuit broadcast once, many parameter vectors per task,
 * one Spark job per batch (parameter-shift gradients, sweeps, SPSA perturbations).
 */
package org.qtune.spark.batch;
