/**
 * Kernels: final classes of static loops over primitive {@code double[] re, double[] im} arrays.
 * They allocate nothing, never log, never see a circuit, and work on a half-open range of their
 * iteration space so that callers can split the work across threads. Arrays named {@code re, im} are
 * modified in place; matrices and tables are not modified. Matrices use the layout of
 * {@link org.qtune.circuit.Gate#matrix}: row-major, interleaved real and imaginary parts. Which kernel
 * runs is decided in {@link org.qtune.sim}, never here.
 */
package org.qtune.sim.kernel;
