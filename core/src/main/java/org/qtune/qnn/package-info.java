/**
 * Differentiable quantum layers for models: {@link org.qtune.qnn.QuantumLayer} maps a batch of
 * input vectors through a parameterized circuit (inputs as per-member angles, trainable weights
 * shared by the batch) to readouts, and back-propagates upstream gradients to both inputs and
 * weights with the batched adjoint of {@link org.qtune.sim.batch}. Layers over the angle-encoding
 * data re-uploading ansatz of QTHA and a hardware-efficient one, whose circuits
 * {@link org.qtune.circuit.ansatz.DataReuploading} builds.
 */
package org.qtune.qnn;
