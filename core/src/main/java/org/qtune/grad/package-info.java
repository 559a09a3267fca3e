/**
 * Gradients of expectation values with respect to circuit parameters: adjoint differentiation (also
 * of a diagonal observable given as weights; the backward sweep is {@link org.qtune.sim.AdjointTape}'s,
 * shared with the batched and distributed paths), parameter shift (exact or shot-based; as one batch
 * of plain parameter vectors through {@link org.qtune.grad.ShiftPlan}), and finite differences for
 * tests.
 */
package org.qtune.grad;
