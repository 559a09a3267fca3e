/**
 * Training data on Spark: labelled examples ({@link org.qtune.spark.data.Example}) read from JSON lines
 * or Parquet on any Hadoop path, checked on the driver before any task runs, and kept as a cached RDD
 * whose partitions are the data shards the executors compute losses on; task rows for fine-tuning
 * ({@link org.qtune.spark.data.TaskFiles}), and micro-batches as they travel
 * ({@link org.qtune.spark.data.TextBlock}) and as executors cache them tokenized
 * ({@link org.qtune.spark.data.TokenBlock}).
 */
package org.qtune.spark.data;
