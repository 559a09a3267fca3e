package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.StateVector;

class LiHSto3gTest {
    static final double BOND = 1.595;

    /** The zeta = 1 STO-3G fits (Hehre, Stewart, Pople 1969) to 6 significant digits. */
    static final double[] UNIT_1S_EXPONENTS = {2.22766, 0.405771, 0.109818};
    static final double[] UNIT_2SP_EXPONENTS = {0.994203, 0.231031, 0.0751386};

    @Test
    void theTabulatedExponentsFollowTheStoThreeGScalingRule() {
        // alpha = zeta^2 alpha(zeta = 1), with the standard molecular zetas H 1.24, Li 1s 2.69, Li 2sp 0.80
        for (int k = 0; k < 3; k++) {
            assertEquals(1.24 * 1.24 * UNIT_1S_EXPONENTS[k], Sto3g.H_1S_EXPONENTS[k], 1e-5 * Sto3g.H_1S_EXPONENTS[k]);
            assertEquals(2.69 * 2.69 * UNIT_1S_EXPONENTS[k], Sto3g.LI_1S_EXPONENTS[k], 1e-5 * Sto3g.LI_1S_EXPONENTS[k]);
            assertEquals(0.80 * 0.80 * UNIT_2SP_EXPONENTS[k], Sto3g.LI_2SP_EXPONENTS[k], 1e-5 * Sto3g.LI_2SP_EXPONENTS[k]);
            // beyond those digits, Li 1s and H 1s are the same fit: their ratio is (2.69 / 1.24)^2 to 1e-7
            assertEquals(Math.pow(2.69 / 1.24, 2), Sto3g.LI_1S_EXPONENTS[k] / Sto3g.H_1S_EXPONENTS[k], 1e-7 * 4.7);
        }
        // 2.9412494, 0.6834831, 0.2222899 are carbon's 2sp exponents (zeta = 1.72), not the zeta = 1 fit:
        // Li's are those times (0.80 / 1.72)^2
        double[] carbon2sp = {2.9412494, 0.6834831, 0.2222899};
        for (int k = 0; k < 3; k++) {
            assertEquals(1.72 * 1.72 * UNIT_2SP_EXPONENTS[k], carbon2sp[k], 1e-5 * carbon2sp[k]);
            assertEquals(Math.pow(0.80 / 1.72, 2), Sto3g.LI_2SP_EXPONENTS[k] / carbon2sp[k], 1e-6 * 0.22);
        }
    }

    @Test
    void theMoleculeIsLithiumAtTheOriginAndHydrogenOnTheZAxis() {
        Molecule m = LiHSto3g.molecule(BOND);
        assertEquals(4, m.electrons());
        assertEquals(3 / (BOND * H2Sto3g.BOHR_PER_ANGSTROM), m.nuclearRepulsion(), 1e-15);
        assertEquals(0.9953176, m.nuclearRepulsion(), 1e-7);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> LiHSto3g.hamiltonian(bad), "bond " + bad);
        }
    }

    @Test
    void hartreeFockAndFullCiEnergiesOnTwelveQubits() {
        MolecularHamiltonian m = MolecularHamiltonian.sto3g(LiHSto3g.molecule(BOND));
        PauliSum h = m.qubitHamiltonian();
        assertEquals(12, h.minQubits());
        assertEquals(631, h.terms().size(), "the term count other JW codes report for LiH/STO-3G");
        double hf = m.hartreeFock().energy();
        // PySCF at 1.595 angstrom: RHF about -7.8620, FCI about -7.8824 hartree
        assertEquals(-7.8620, hf, 2e-4);
        // the Hartree-Fock determinant (orbitals 0, 1 doubly occupied: qubits 0..3) by the simulator
        assertEquals(hf, Measurements.expectation(StateVector.basis(12, 0b1111), h), 1e-9);
        double fci = ElectronSector.groundEnergy(h, 12, 2, 2);
        assertEquals(-7.8824, fci, 2e-4);
        assertTrue(fci < hf - 0.015, "correlation energy " + (fci - hf));
        // no other sector lies lower: not the triplet ones with 4 electrons, nor any other electron number
        ElectronSector.Lowest lowest = ElectronSector.lowest(h, 12);
        assertEquals(fci, lowest.energy(), 1e-12);
        assertEquals(2, lowest.up());
        assertEquals(2, lowest.down());
        assertTrue(ElectronSector.groundEnergy(h, 12, 3, 1) > fci + 0.05);
    }

    @Test
    void theSixQubitActiveSpaceIsWithinTwoMillihartreeOfFullCi() {
        MolecularHamiltonian m = MolecularHamiltonian.sto3g(LiHSto3g.molecule(BOND));
        assertArrayEquals(new int[] {1, 2, 5}, LiHSto3g.sigmaValenceOrbitals(m));
        assertEquals("pi_x", LiHSto3g.symmetry(m, 3));
        assertEquals("pi_y", LiHSto3g.symmetry(m, 4));
        PauliSum active = LiHSto3g.activeSpaceHamiltonian(BOND);
        assertEquals(6, active.minQubits());
        // the frozen core keeps the determinant energy exactly: qubits 0, 1 = active orbital 0 (the bond) up, down
        assertEquals(m.hartreeFock().energy(), Measurements.expectation(StateVector.basis(6, 0b11), active), 1e-9);
        double full = ElectronSector.groundEnergy(m.qubitHamiltonian(), 12, 2, 2);
        double reduced = ElectronSector.groundEnergy(active, 6, 1, 1);
        // a subspace of the full CI space: above it, by 1.26 mHa
        assertTrue(reduced > full, reduced + " vs " + full);
        assertEquals(full, reduced, 2e-3);
        assertEquals(1.257e-3, reduced - full, 1e-5);
        // VQE's ansatz can leave the 2-electron sector; it is still the lowest
        ElectronSector.Lowest lowest = ElectronSector.lowest(active, 6);
        assertEquals(reduced, lowest.energy(), 1e-12);
        assertEquals(2, lowest.electrons());
    }

    @Test
    void freezingTheCoreAloneCostsLessThanHalfAMillihartree() {
        MolecularHamiltonian m = MolecularHamiltonian.sto3g(LiHSto3g.molecule(BOND));
        double full = ElectronSector.groundEnergy(m.qubitHamiltonian(), 12, 2, 2);
        double frozenCore = ElectronSector.groundEnergy(m.qubitHamiltonian(1, 2, 3, 4, 5), 10, 1, 1);
        assertTrue(frozenCore > full && frozenCore - full < 5e-4, "frozen-core error " + (frozenCore - full));
    }

    @Test
    void theActiveSpaceHoldsAcrossTheBindingCurve() {
        // at every bond length the sigma valence space is orbitals above the core without x, y functions,
        // and its error stays small next to the binding energy
        for (double r : new double[] {1.0, 2.5, 4.0}) {
            MolecularHamiltonian m = MolecularHamiltonian.sto3g(LiHSto3g.molecule(r));
            int[] sigma = LiHSto3g.sigmaValenceOrbitals(m);
            double full = ElectronSector.groundEnergy(m.qubitHamiltonian(), 12, 2, 2);
            double reduced = ElectronSector.groundEnergy(m.qubitHamiltonian(sigma), 6, 1, 1);
            assertTrue(reduced > full && reduced - full < 3e-3, "at " + r + ": " + (reduced - full));
        }
    }
}
