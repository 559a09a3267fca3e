/**
 * The distributed state vector: amplitudes in 2^g Spark partitions ({@link
 * org.qtune.spark.statevector.QubitLayout}), a driver-side {@link
 * org.qtune.spark.statevector.ScheduleCompiler} that cuts a circuit into epochs (one pass per
 * partition through the core simulator's chunk kernels) and batched remaps (one shuffle each), and
 * measurements reduced without collecting the state. Gates are never applied here: an epoch runs the
 * core simulator's chunk kernels ({@code org.qtune.sim.Simulator#applyToChunk}) on each partition.
 * What is computed here is bookkeeping and reductions: per-chunk sums for the measurements
 * (probabilities, Z-string parities, marginals, the largest probabilities) in {@code ChunkFunctions},
 * the adjoint's per-chunk observable weighting and inner products in {@code DistributedAdjoint}, and
 * partition-ordered sums on the driver.
 */
package org.qtune.spark.statevector;
