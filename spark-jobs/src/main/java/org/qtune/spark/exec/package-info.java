/**
 * What Spark tasks share on the executors: the flat form of a circuit and observable that is
 * broadcast once ({@link org.qtune.spark.exec.CircuitSpec}, with its Kryo serializer), the per-JVM
 * cache of one single-threaded simulator and each broadcast circuit rebuilt once
 * ({@link org.qtune.spark.exec.ExecutorSide}), and the split of a job's wall time into task time and
 * Spark overhead ({@link org.qtune.spark.exec.JobStats}). Used by the batched evaluations of
 * {@code org.qtune.spark.batch} and the data-shard loss of {@code org.qtune.spark.train}.
 */
package org.qtune.spark.exec;
