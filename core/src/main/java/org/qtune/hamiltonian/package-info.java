/**
 * Problem Hamiltonians as Pauli sums: {@link org.qtune.hamiltonian.HamiltonianFile} (the text format
 * of {@code qtune vqe --hamiltonian}), {@link org.qtune.hamiltonian.PauliDecomposition}, and
 * molecular Hamiltonians from first principles.
 *
 * <p>The molecular pipeline, in order: {@link org.qtune.hamiltonian.Sto3g} basis functions
 * ({@link org.qtune.hamiltonian.ContractedGaussian}) on a {@link org.qtune.hamiltonian.Molecule};
 * Gaussian integrals by McMurchie-Davidson ({@code GaussianIntegrals}, {@code BoysFunction});
 * {@link org.qtune.hamiltonian.RestrictedHartreeFock}; the Hamiltonian in its orbitals, optionally
 * reduced to an active space with a frozen core ({@link org.qtune.hamiltonian.OrbitalIntegrals});
 * the symbolic {@link org.qtune.hamiltonian.JordanWigner} map; chained by
 * {@link org.qtune.hamiltonian.MolecularHamiltonian}. {@link org.qtune.hamiltonian.LiHSto3g} is
 * lithium hydride on 12 qubits and its 6-qubit sigma valence space;
 * {@link org.qtune.hamiltonian.ElectronSector} gives exact (full CI) energies per electron sector.
 * {@link org.qtune.hamiltonian.H2Sto3g} is the earlier, self-contained H2 computation (s functions
 * only, symmetry-fixed orbitals, dense matrices), kept as an independent reference. Dense linear
 * algebra (symmetric eigensolver, LU) and erf come from Commons Math; written files go through
 * {@code org.qtune.io}.
 * {@link org.qtune.hamiltonian.BondLength} holds the bond lengths at which both mean something.
 */
package org.qtune.hamiltonian;
