/**
 * Ready-made parameterized circuits, the one place where named ansatzes are built: the
 * hardware-efficient ansatz ({@link org.qtune.circuit.ansatz.HardwareEfficient}), strongly
 * entangling layers, QAOA for weighted MaxCut, the data re-uploading ansatzes of quantum layers
 * (QTHA and a hardware-efficient one, {@link org.qtune.circuit.ansatz.DataReuploading}) and the
 * yardstiq QCBM ({@link org.qtune.circuit.ansatz.Qcbm}). Each returns an ordinary
 * {@link org.qtune.circuit.Circuit} with named symbolic parameters; layers, benchmarks and commands
 * call these builders rather than building their own.
 */
package org.qtune.circuit.ansatz;
