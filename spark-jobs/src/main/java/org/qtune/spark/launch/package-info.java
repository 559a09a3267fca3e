/**
 * What a job checks before it starts Spark, so that bad input fails in a second with one line
 * instead of after a context has started (or with a stack trace from inside Spark):
 * {@link org.qtune.spark.launch.MasterUrl} validates a master URL and tells local mode from a
 * cluster, and {@link org.qtune.spark.launch.SparkMemory} is the memory that master gives each
 * concurrent task, for comparing with a job's {@link org.qtune.resources.MemoryEstimate}.
 */
package org.qtune.spark.launch;
