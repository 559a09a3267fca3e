/**
 * Training data on Spark: labelled examples ({@link org.qtune.spark.data.Example}) read from JSON lines
 * or Parquet on any Hadoop path, checked on the driver before any task runs, and kept as a cached RDD
 * whose partitions are the data shards the executors compute losses on; task rows for fine-tuning
 * ({@link org.qtune.spark.data.TaskFiles}), and micro-batches as they travel
 * ({@link org.qtune.spark.data.TextBlock}) and as executors cache them tokenized
 * ({@link org.qtune.spark.data.TokenBlock}); base model directories on Hadoop paths brought to each
 * JVM's local disk ({@link org.qtune.spark.data.ModelFiles}).
 */
package org.qtune.spark.data;
