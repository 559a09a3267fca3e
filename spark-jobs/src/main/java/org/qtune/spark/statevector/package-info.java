/**
 * The distributed state vector: amplitudes in 2^g Spark partitions ({@link
 * org.qtune.spark.statevector.QubitLayout}), a driver-side {@link
 * org.qtune.spark.statevector.ScheduleCompiler} that cuts a circuit into epochs (one pass per
 * partition through the core simulator's chunk kernels, the epoch's gates compiled once per
 * executor) and batched remaps (one shuffle each), measurements reduced without collecting the state
 * (each chunk's share from core's {@code ChunkMeasurements}), and the adjoint gradient (core's {@code
 * AdjointTape} swept chunk by chunk). Its own loops only move amplitudes (remaps, collecting) and
 * weigh them (the adjoint's diagonal observable).
 */
package org.qtune.spark.statevector;
