package org.qtune.hamiltonian;

import java.util.List;
import org.qtune.circuit.PauliSum;

/**
 * A closed-shell molecule's qubit Hamiltonian from first principles: STO-3G Gaussian integrals,
 * restricted Hartree-Fock orbitals, the second-quantized Hamiltonian in those orbitals (optionally
 * reduced to an active space with a frozen core), and the Jordan-Wigner map (qubit 2p + s: orbital p
 * in energy order, spin s = 0 up, 1 down). The nuclear repulsion and any frozen-core energy are the
 * identity term, so eigenvalues are total energies in hartree.
 */
public final class MolecularHamiltonian {
    private final Molecule molecule;
    private final List<ContractedGaussian> basis;
    private final RestrictedHartreeFock.Result hartreeFock;
    private final OrbitalIntegrals orbitals;

    private MolecularHamiltonian(Molecule molecule, List<ContractedGaussian> basis,
            RestrictedHartreeFock.Result hartreeFock, OrbitalIntegrals orbitals) {
        this.molecule = molecule;
        this.basis = basis;
        this.hartreeFock = hartreeFock;
        this.orbitals = orbitals;
    }

    /** Integrals and SCF for {@code molecule} in STO-3G. */
    public static MolecularHamiltonian sto3g(Molecule molecule) {
        List<ContractedGaussian> basis = Sto3g.basis(molecule);
        GaussianIntegrals.AtomicOrbitalIntegrals ao = GaussianIntegrals.compute(molecule, basis);
        RestrictedHartreeFock.Result hf = RestrictedHartreeFock.solve(ao, molecule.electrons());
        return new MolecularHamiltonian(molecule, basis, hf,
                OrbitalIntegrals.transform(ao, hf.coefficients(), molecule.electrons(), hf.occupiedOrbitals()));
    }

    /**
     * The qubit Hamiltonian of {@code molecule} in STO-3G over the given active orbitals (indices into
     * the Hartree-Fock orbitals in energy order, ascending), or over all orbitals when none are given.
     */
    public static PauliSum of(Molecule molecule, int... activeOrbitals) {
        MolecularHamiltonian m = sto3g(molecule);
        return activeOrbitals.length == 0 ? m.qubitHamiltonian() : m.qubitHamiltonian(activeOrbitals);
    }

    /** All orbitals: 2 x (basis functions) qubits. */
    public PauliSum qubitHamiltonian() {
        return JordanWigner.map(orbitals);
    }

    /** The active orbitals only; see {@link OrbitalIntegrals#activeSpace}. */
    public PauliSum qubitHamiltonian(int... activeOrbitals) {
        return JordanWigner.map(orbitals.activeSpace(activeOrbitals));
    }

    public Molecule molecule() {
        return molecule;
    }

    public List<ContractedGaussian> basis() {
        return basis;
    }

    public RestrictedHartreeFock.Result hartreeFock() {
        return hartreeFock;
    }

    /** The Hamiltonian in the Hartree-Fock orbitals, all of them. */
    public OrbitalIntegrals orbitals() {
        return orbitals;
    }

    /** Coefficient of basis function {@code mu} in Hartree-Fock orbital {@code k}. */
    public double coefficient(int mu, int k) {
        return hartreeFock.coefficients()[mu][k];
    }
}
