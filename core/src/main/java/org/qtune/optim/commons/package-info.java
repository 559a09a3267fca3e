/**
 * Adapters for Apache Commons Math 3's gradient-free optimizers (Nelder-Mead, BOBYQA, CMA-ES): the only
 * optimizers taken from Commons Math. Commons Math's linear algebra and special functions are also
 * used by {@code org.qtune.optim} ({@code CmaEs}: eigendecomposition) and {@code org.qtune.hamiltonian}
 * (eigensolver, LU, erf); the dependency table in docs/ARCHITECTURE.md says where it may be used.
 */
package org.qtune.optim.commons;
