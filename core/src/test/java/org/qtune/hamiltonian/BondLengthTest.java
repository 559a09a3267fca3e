package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qtune.circuit.PauliSum;

class BondLengthTest {
    @Test
    void nucleiThatNearlyCoincideAreRefusedSayingWhy() {
        // at 1e-12 angstrom H2 used to come out as 20 terms of rounding noise, at 0.001 with imaginary ones
        for (double bond : new double[] {1e-12, 0.001, 0.0999}) {
            String m = assertThrows(IllegalArgumentException.class, () -> H2Sto3g.hamiltonian(bond)).getMessage();
            assertEquals("bond length " + bond + " angstrom is outside H2's 0.1..10.0: below 0.1 the nuclei nearly "
                    + "coincide, the two atoms' basis functions become linearly dependent and the terms are rounding "
                    + "noise", m);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> LiHSto3g.molecule(bond)).getMessage()
                    .startsWith("bond length " + bond + " angstrom is outside LiH's 0.1..5.0: below 0.1"));
        }
    }

    @Test
    void separatedAtomsAreRefusedSayingWhy() {
        // 1e309 is Infinity: H2 used to come out as a file of no terms
        assertEquals("bond length must be finite and > 0, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> H2Sto3g.hamiltonian(Double.parseDouble("1e309"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> H2Sto3g.hamiltonian(10.5)).getMessage()
                .endsWith("beyond 10.0 the atoms are apart (the energy is two hydrogen atoms' to 1e-9 hartree)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LiHSto3g.molecule(6)).getMessage()
                .contains("beyond 5.0 the molecule is dissociating and restricted Hartree-Fock"));
        for (double bad : new double[] {0, -1, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> BondLength.checkH2(bad), "bond " + bad);
            assertThrows(IllegalArgumentException.class, () -> BondLength.checkLiH(bad), "bond " + bad);
        }
    }

    @Test
    void theEndsOfTheRangesStillGiveSoundHamiltonians() {
        for (double bond : new double[] {BondLength.MIN_ANGSTROM, BondLength.H2_MAX_ANGSTROM}) {
            PauliSum h = H2Sto3g.hamiltonian(bond);
            assertEquals(15, h.terms().size(), "bond " + bond);
        }
        // two STO-3G hydrogen atoms at 10 angstrom: 2 * -0.466582 hartree
        assertEquals(-0.933164, ElectronSector.lowest(H2Sto3g.hamiltonian(10), 4).energy(), 1e-6);
        MolecularHamiltonian lih = MolecularHamiltonian.sto3g(LiHSto3g.molecule(BondLength.LIH_MAX_ANGSTROM));
        assertEquals(631, lih.qubitHamiltonian().terms().size());
    }
}
