/**
 * Problem Hamiltonians as Pauli sums: {@link org.qtune.hamiltonian.HamiltonianFile} (the text format
 * of {@code qtune vqe --hamiltonian}), {@link org.qtune.hamiltonian.H2Sto3g} (H2 in STO-3G from
 * first-principles Gaussian integrals, Jordan-Wigner mapped) and
 * {@link org.qtune.hamiltonian.PauliDecomposition}.
 */
package org.qtune.hamiltonian;
