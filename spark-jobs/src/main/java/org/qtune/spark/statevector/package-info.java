/**
 * The distributed state vector: amplitudes in 2^g Spark partitions ({@link
 * org.qtune.spark.statevector.QubitLayout}), a driver-side {@link
 * org.qtune.spark.statevector.ScheduleCompiler} that cuts a circuit into epochs (one pass per
 * partition through the core simulator's chunk kernels) and batched remaps (one shuffle each), and
 * measurements reduced without collecting the state. No arithmetic of its own: chunk operations call
 * {@code org.qtune.sim}.
 */
package org.qtune.spark.statevector;
