package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.StateVector;

class H2Sto3gTest {
    static double groundEnergy(double[][] h) {
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(h)).getRealEigenvalues();
        double min = Double.MAX_VALUE;
        for (double e : ev) {
            min = Math.min(min, e);
        }
        return min;
    }

    @Test
    void hartreeFockAndFullCiEnergiesMatchTheLiterature() {
        // STO-3G H2, total energies in hartree as published with OpenFermion's and Qiskit's H2 examples:
        // at 0.7414 A E_HF = -1.1166844, E_FCI = -1.1372702; at 0.735 A E_FCI = -1.1373060.
        double[][] h = H2Sto3g.fockMatrix(0.7414);
        assertEquals(-1.1372702, groundEnergy(h), 1e-6);
        assertEquals(-1.1166844, h[3][3], 1e-6, "HF determinant: both electrons in sigma_g (qubits 0, 1)");
        assertEquals(-1.1373060, groundEnergy(H2Sto3g.fockMatrix(0.735)), 1e-6);
    }

    @Test
    void thePauliSumReproducesTheMatrixOnEveryBasisState() {
        double[][] h = H2Sto3g.fockMatrix(0.735);
        PauliSum p = H2Sto3g.hamiltonian(0.735);
        for (int i = 0; i < 16; i++) {
            assertEquals(h[i][i], Measurements.expectation(StateVector.basis(4, i), p), 1e-12, "diagonal " + i);
        }
        // and on a superposition, which exercises the X/Y terms
        double[] re = new double[16], im = new double[16];
        re[3] = 0.8;
        re[12] = 0.6;
        double direct = 0.64 * h[3][3] + 0.36 * h[12][12] + 2 * 0.48 * h[3][12];
        assertEquals(direct, Measurements.expectation(StateVector.of(re, im), p), 1e-12);
        // 15 terms: identity, 4 Z, 6 ZZ, 4 XXYY-type
        assertEquals(15, p.terms().size(), p.toString());
    }

    @Test
    void theDissociationLimitApproachesTwoHydrogenAtoms() {
        // two isolated STO-3G H atoms: 2 * -0.466582 Ha
        assertEquals(-0.933164, groundEnergy(H2Sto3g.fockMatrix(8.0)), 2e-4);
    }

    @Test
    void aNonPositiveBondLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> H2Sto3g.hamiltonian(0));
    }
}
