/**
 * Benchmarks of the distributed algorithms (not tests), behind {@code qtune bench --distributed} and
 * {@code --batched}; {@link org.qtune.spark.bench.BenchMode} gives every benchmark of {@code qtune
 * bench} its default sizes and the memory check made before it starts.
 */
package org.qtune.spark.bench;
