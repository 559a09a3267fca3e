/**
 * Differentiable quantum layers for models: {@link org.qtune.qnn.QuantumLayer} maps a batch of
 * input vectors through a parameterized circuit (inputs as per-member angles, trainable weights
 * shared by the batch) to readouts, and back-propagates upstream gradients to both inputs and
 * weights with the batched adjoint of {@link org.qtune.sim.batch}, or as hardware would: readouts
 * estimated from seeded shots, gradients by the parameter-shift rule ({@link org.qtune.grad.ShiftPlan}'s
 * shifted circuits, batched). Layers over the angle-encoding
 * data re-uploading ansatz of QTHA and a hardware-efficient one, whose circuits
 * {@link org.qtune.circuit.ansatz.DataReuploading} builds.
 */
package org.qtune.qnn;
