/**
 * Batched simulation of many small circuits: B states of n qubits in one pair of arrays with the
 * batch index innermost ({@link org.qtune.sim.batch.BatchState}), so every gate is a SIMD loop across
 * the batch. A parameterized circuit is compiled once ({@link org.qtune.sim.batch.BatchPlan},
 * immutable, shared by threads and tasks) for a choice of which parameters are shared by the whole
 * batch and which differ per member (data inputs, shift offsets), and then run by a
 * {@link org.qtune.sim.batch.BatchProgram} on any {@link org.qtune.sim.batch.BatchParameters}, each
 * run's buffers a {@link org.qtune.sim.batch.BatchWorkspace}: shared-angle neighbours fuse into one
 * matrix, per-member one-qubit chains into one per-member 2x2, diagonal runs into one pass.
 * {@link org.qtune.sim.batch.BatchAdjoint} differentiates weighted readouts of every member in one
 * backward sweep, its per-gate bookkeeping the circuit's {@link org.qtune.sim.GateTape}. Kernels are
 * in {@link org.qtune.sim.kernel.BatchKernels}. One circuit family has a path of its own:
 * {@link org.qtune.sim.batch.QthaTiles} runs and differentiates QTHA's re-uploading circuit tile by
 * tile ({@link org.qtune.sim.kernel.TileKernels}), its passes fused by what that gate set allows.
 */
package org.qtune.sim.batch;
