/**
 * The single-node state-vector simulator: {@link org.qtune.sim.StateVector} owns the amplitudes,
 * {@link org.qtune.sim.Simulator} plans a circuit (binding, cache blocking, fusion: an immutable
 * program of passes) and runs it with the kernels of {@link org.qtune.sim.kernel};
 * {@link org.qtune.sim.CompiledGates} are gates planned once to run on many chunks or one by one.
 * {@link org.qtune.sim.Measurements} reads probabilities, marginals, expectation values and seeded
 * samples off a state, page by page through {@link org.qtune.sim.ChunkMeasurements}, which the
 * distributed state uses chunk by chunk; {@link org.qtune.sim.ShotEstimator} estimates expectation
 * values from seeded shots. {@link org.qtune.sim.GateTape} and {@link org.qtune.sim.AdjointTape} are
 * the per-gate bookkeeping of adjoint differentiation and its one backward sweep. Many small circuits
 * at once: {@link org.qtune.sim.batch}.
 */
package org.qtune.sim;
