/**
 * Batched evaluation on Spark, many circuits per job: one circuit broadcast once, many parameter
 * vectors per task, one Spark job per optimizer step whatever it asks (values, parameter-shift
 * gradients, SPSA perturbations, a population, shot estimates), and rows of a parameter sweep through
 * the batched simulator ({@link org.qtune.spark.batch.BatchEvaluator}). The broadcast form, the
 * executor-side cache and job timings are in {@code org.qtune.spark.exec}.
 */
package org.qtune.spark.batch;
