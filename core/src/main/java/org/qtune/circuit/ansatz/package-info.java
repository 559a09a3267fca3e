/**
 * Ready-made parameterized circuits: the hardware-efficient ansatz, strongly entangling layers and
 * QAOA for weighted MaxCut. Each returns an ordinary {@link org.qtune.circuit.Circuit} with named
 * symbolic parameters.
 */
package org.qtune.circuit.ansatz;
