package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestrictedHartreeFockTest {
    record Scf(GaussianIntegrals.AtomicOrbitalIntegrals ao, RestrictedHartreeFock.Result hf, OrbitalIntegrals mo) {
    }

    static Scf scf(Molecule m) {
        List<ContractedGaussian> basis = Sto3g.basis(m);
        GaussianIntegrals.AtomicOrbitalIntegrals ao = GaussianIntegrals.compute(m, basis);
        RestrictedHartreeFock.Result hf = RestrictedHartreeFock.solve(ao, m.electrons());
        return new Scf(ao, hf, OrbitalIntegrals.transform(ao, hf.coefficients(), m.electrons(), hf.occupiedOrbitals()));
    }

    static Molecule h2(double angstrom) {
        return Molecule.neutral(Atom.atAngstrom("H", 0, 0, 0), Atom.atAngstrom("H", 0, 0, angstrom));
    }

    static Molecule lih(double angstrom) {
        return Molecule.neutral(Atom.atAngstrom("Li", 0, 0, 0), Atom.atAngstrom("H", 0, 0, angstrom));
    }

    @Test
    void hydrogenMoleculeMatchesTheLiteratureAndTheSymmetryFixedOrbitals() {
        Scf h2 = scf(h2(0.7414));
        assertEquals(-1.1166844, h2.hf().energy(), 1e-6, "OpenFermion's and Qiskit's H2 example");
        // H2Sto3g's determinant energy from its own integrals and symmetry-fixed orbitals
        assertEquals(H2Sto3g.fockMatrix(0.7414)[3][3], h2.hf().energy(), 1e-10);
        assertEquals(1 / (0.7414 * H2Sto3g.BOHR_PER_ANGSTROM), h2.ao().nuclearRepulsion(), 1e-15);
    }

    @Test
    void lithiumHydrideConvergesToItsHartreeFockEnergy() {
        Scf lih = scf(lih(1.595));
        // PySCF, RHF/STO-3G at 1.595 angstrom: about -7.8620 hartree
        assertEquals(-7.8620, lih.hf().energy(), 2e-4);
        assertTrue(lih.hf().iterations() < 30, "iterations " + lih.hf().iterations());
        assertEquals(2, lih.hf().occupiedOrbitals());
        // the energy of the determinant in the orbital basis is the SCF energy
        assertEquals(lih.hf().energy(), lih.mo().referenceEnergy(), 1e-10);
    }

    @Test
    void orbitalsAreOrthonormalAndDiagonalizeTheFockOperator() {
        for (Scf s : new Scf[] {scf(lih(1.595)), scf(lih(3.0)), scf(h2(1.2))}) {
            double[][] c = s.hf().coefficients(), sc = s.ao().overlap();
            int n = c.length, occ = s.hf().occupiedOrbitals();
            double[][] ctsc = RestrictedHartreeFock.multiply(RestrictedHartreeFock.transpose(c),
                    RestrictedHartreeFock.multiply(sc, c));
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    assertEquals(p == q ? 1 : 0, ctsc[p][q], 1e-12, "C^T S C at " + p + "," + q);
                }
            }
            // the Fock operator in the orbital basis, f_pq = h_pq + sum_j [2 (pq|jj) - (pj|jq)] over occupied j,
            // is diagonal with the orbital energies (Brillouin's theorem for its occupied-virtual block)
            OrbitalIntegrals mo = s.mo();
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double f = mo.oneBody(p, q);
                    for (int j = 0; j < occ; j++) {
                        f += 2 * mo.twoBody(p, q, j, j) - mo.twoBody(p, j, j, q);
                    }
                    assertEquals(p == q ? s.hf().orbitalEnergies()[p] : 0, f, 1e-8, "f at " + p + "," + q);
                }
            }
        }
    }

    @Test
    void theDegeneratePiPairComesOutAsPurePxAndPy() {
        Scf lih = scf(lih(1.595));
        double[][] c = lih.hf().coefficients();
        double[] e = lih.hf().orbitalEnergies();
        assertEquals(e[3], e[4], 1e-10);
        // basis order Li 1s, 2s, 2px, 2py, 2pz, H 1s; only Li 2px (2py) has pi_x (pi_y) symmetry
        for (int mu = 0; mu < 6; mu++) {
            assertEquals(mu == 2 ? 1 : 0, c[mu][3], 1e-10, "pi_x on function " + mu);
            assertEquals(mu == 3 ? 1 : 0, c[mu][4], 1e-10, "pi_y on function " + mu);
        }
    }

    @Test
    void freezingTheCoreKeepsTheDeterminantEnergy() {
        OrbitalIntegrals mo = scf(lih(1.595)).mo();
        OrbitalIntegrals valence = mo.activeSpace(1, 2, 3, 4, 5);
        assertEquals(2, valence.electrons());
        assertEquals(1, valence.occupiedOrbitals());
        assertEquals(mo.referenceEnergy(), valence.referenceEnergy(), 1e-10);
        OrbitalIntegrals all = mo.activeSpace(0, 1, 2, 3, 4, 5);
        assertEquals(mo.constant(), all.constant(), 0.0);
        assertEquals(mo.twoBody(1, 2, 5, 0), all.twoBody(1, 2, 5, 0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> mo.activeSpace(2, 1));
        assertThrows(IllegalArgumentException.class, () -> mo.activeSpace(1, 6));
        assertThrows(IllegalArgumentException.class, () -> mo.activeSpace());
    }

    @Test
    void openShellsAreRejected() {
        Molecule lihCation = new Molecule(lih(1.6).atoms(), 1);
        assertThrows(IllegalArgumentException.class, () -> scf(lihCation));
    }
}
