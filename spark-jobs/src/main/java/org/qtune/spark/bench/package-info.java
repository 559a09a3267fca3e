/** Benchmarks of the distributed algorithms (not tests), behind {@code qtune bench --distributed}. */
package org.qtune.spark.bench;
