/**
 * The single-node state-vector simulator: {@link org.qtune.sim.StateVector} owns the amplitudes,
 * {@link org.qtune.sim.Simulator} compiles a circuit (binding, cache blocking, fusion) and chooses the
 * kernels of {@link org.qtune.sim.kernel}, {@link org.qtune.sim.Measurements} reads probabilities,
 * marginals, expectation values and seeded samples off a state, and
 * {@link org.qtune.sim.ShotEstimator} estimates expectation values from seeded shots. Many small
 * circuits at once: {@link org.qtune.sim.batch}.
 */
package org.qtune.sim;
