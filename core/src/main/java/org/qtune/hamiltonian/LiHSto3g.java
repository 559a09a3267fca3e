package org.qtune.hamiltonian;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.PauliSum;

/**
 * Lithium hydride in STO-3G: Li at the origin, H on the z axis; 6 basis functions (Li 1s, 2s, 2px,
 * 2py, 2pz, H 1s), 4 electrons. The restricted Hartree-Fock orbitals, in energy order, are near
 * equilibrium: 0 the Li 1s core (sigma), 1 the Li-H bond (sigma, occupied), 2 sigma, 3 and 4 the
 * degenerate pi_x and pi_y (pure Li 2px, 2py: no other function has their symmetry), 5 sigma*.
 *
 * <p>{@link #hamiltonian} maps all 6 orbitals to 12 qubits. {@link #activeSpaceHamiltonian} is the
 * 6-qubit problem for VQE: the Li 1s core frozen (doubly occupied, folded into the constant and the
 * one-body terms), the pi orbitals dropped (by symmetry they enter the ground state only through
 * double excitations), and the 2 valence electrons in the 3 other sigma orbitals. At 1.595 angstrom
 * its ground energy lies 1.26 mHa above the full CI one: 0.23 mHa from the frozen core, the rest
 * from the pi orbitals.
 */
public final class LiHSto3g {
    private LiHSto3g() {
    }

    /** Li at the origin, H at (0, 0, {@code angstrom}) (in {@link BondLength}'s range for LiH). */
    public static Molecule molecule(double angstrom) {
        BondLength.checkLiH(angstrom);
        return Molecule.neutral(Atom.atAngstrom("Li", 0, 0, 0), Atom.atAngstrom("H", 0, 0, angstrom));
    }

    /** All 6 orbitals on 12 qubits (qubit 2p + s), total energy in hartree. */
    public static PauliSum hamiltonian(double angstrom) {
        return MolecularHamiltonian.sto3g(molecule(angstrom)).qubitHamiltonian();
    }

    /** The sigma valence active space on 6 qubits, 2 electrons; see the class comment. */
    public static PauliSum activeSpaceHamiltonian(double angstrom) {
        MolecularHamiltonian m = MolecularHamiltonian.sto3g(molecule(angstrom));
        return m.qubitHamiltonian(sigmaValenceOrbitals(m));
    }

    /**
     * The sigma orbitals above the lowest one (the Li 1s core), ascending: found by symmetry, as the
     * orbitals without x or y functions, so the choice holds at every bond length whatever the energy
     * order of the virtual orbitals.
     */
    public static int[] sigmaValenceOrbitals(MolecularHamiltonian m) {
        List<Integer> sigma = new ArrayList<>();
        int n = m.basis().size();
        for (int k = 0; k < n; k++) {
            if (symmetry(m, k).equals("sigma")) {
                sigma.add(k);
            }
        }
        if (sigma.size() != 4 || sigma.get(0) != 0) {
            throw new IllegalStateException("expected 4 sigma orbitals with the Li 1s core lowest, found " + sigma);
        }
        return sigma.subList(1, 4).stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * "sigma", "pi_x" or "pi_y" for orbital k of a molecule on the z axis, from which Cartesian
     * functions carry it (coefficients below 1e-8 count as zero).
     */
    public static String symmetry(MolecularHamiltonian m, int k) {
        double onX = 0, onY = 0, onSigma = 0;
        for (int mu = 0; mu < m.basis().size(); mu++) {
            ContractedGaussian f = m.basis().get(mu);
            double c = Math.abs(m.coefficient(mu, k));
            if (f.l % 2 == 1 && f.m % 2 == 0) {
                onX = Math.max(onX, c);
            } else if (f.m % 2 == 1 && f.l % 2 == 0) {
                onY = Math.max(onY, c);
            } else if (f.l % 2 == 0 && f.m % 2 == 0) {
                onSigma = Math.max(onSigma, c);
            }
        }
        if (onX < 1e-8 && onY < 1e-8) {
            return "sigma";
        }
        if (onSigma < 1e-8 && onY < 1e-8) {
            return "pi_x";
        }
        if (onSigma < 1e-8 && onX < 1e-8) {
            return "pi_y";
        }
        return "mixed";
    }
}
