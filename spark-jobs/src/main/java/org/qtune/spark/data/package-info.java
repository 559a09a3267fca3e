/**
 * Training data on Spark: labelled examples ({@link org.qtune.spark.data.Example}) read from JSON lines
 * or Parquet on any Hadoop path, checked on the driver before any task runs, and kept as a cached RDD
 * whose partitions are the data shards the executors compute losses on.
 */
package org.qtune.spark.data;
