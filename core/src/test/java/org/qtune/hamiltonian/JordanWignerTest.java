package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

class JordanWignerTest {
    /** The 2^n x 2^n matrix of a Pauli string, {re, im} per entry: P|j> = i^|x & z| (-1)^|j & z| |j ^ x>. */
    static double[][][] matrix(PauliString p, int n) {
        int d = 1 << n;
        double[][][] m = new double[d][d][2];
        int k = Long.bitCount(p.xMask() & p.zMask()) & 3;
        for (int j = 0; j < d; j++) {
            double sign = (Long.bitCount(j & p.zMask()) & 1) == 0 ? 1 : -1;
            int i = (int) (j ^ p.xMask());
            m[i][j][0] = k == 0 ? sign : k == 2 ? -sign : 0;
            m[i][j][1] = k == 1 ? sign : k == 3 ? -sign : 0;
        }
        return m;
    }

    static double[][][] multiply(double[][][] a, double[][][] b) {
        int d = a.length;
        double[][][] c = new double[d][d][2];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) {
                    c[i][j][0] += a[i][k][0] * b[k][j][0] - a[i][k][1] * b[k][j][1];
                    c[i][j][1] += a[i][k][0] * b[k][j][1] + a[i][k][1] * b[k][j][0];
                }
            }
        }
        return c;
    }

    @Test
    void pauliProductPhasesMatchMatrixProducts() {
        // every pair of 2-qubit strings
        for (long x1 = 0; x1 < 4; x1++) {
            for (long z1 = 0; z1 < 4; z1++) {
                for (long x2 = 0; x2 < 4; x2++) {
                    for (long z2 = 0; z2 < 4; z2++) {
                        PauliString a = new PauliString(x1, z1), b = new PauliString(x2, z2);
                        int k = JordanWigner.phaseExponent(a, b);
                        double[][][] product = multiply(matrix(a, 2), matrix(b, 2));
                        double[][][] expected = matrix(new PauliString(x1 ^ x2, z1 ^ z2), 2);
                        double pr = k == 0 ? 1 : k == 2 ? -1 : 0, pi = k == 1 ? 1 : k == 3 ? -1 : 0;
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < 4; j++) {
                                double re = pr * expected[i][j][0] - pi * expected[i][j][1];
                                double im = pr * expected[i][j][1] + pi * expected[i][j][0];
                                assertEquals(re, product[i][j][0], 0.0, a + " * " + b);
                                assertEquals(im, product[i][j][1], 0.0, a + " * " + b);
                            }
                        }
                    }
                }
            }
        }
    }

    /** {A, B} as Pauli strings, numerically zero coefficients removed. */
    static Map<PauliString, double[]> anticommutator(JordanWigner.Operator a, JordanWigner.Operator b) {
        JordanWigner.Operator sum = a.times(b);
        sum.addScaled(b.times(a), 1);
        sum.terms.values().removeIf(c -> Math.abs(c[0]) < 1e-15 && Math.abs(c[1]) < 1e-15);
        return sum.terms;
    }

    @Test
    void ladderOperatorsObeyTheCanonicalAnticommutationRelations() {
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                Map<PauliString, double[]> aAdag = anticommutator(JordanWigner.ladder(i, false), JordanWigner.ladder(j, true));
                if (i == j) {
                    assertEquals(1, aAdag.size());
                    assertEquals(1.0, aAdag.get(PauliString.IDENTITY)[0], 0.0);
                    assertEquals(0.0, aAdag.get(PauliString.IDENTITY)[1], 0.0);
                } else {
                    assertTrue(aAdag.isEmpty(), "{a_" + i + ", a+_" + j + "}");
                }
                assertTrue(anticommutator(JordanWigner.ladder(i, false), JordanWigner.ladder(j, false)).isEmpty());
                assertTrue(anticommutator(JordanWigner.ladder(i, true), JordanWigner.ladder(j, true)).isEmpty());
            }
        }
    }

    /** a_mode (or a+_mode) on an occupation-number state: the new state, sign in bit 31, or -1 if it vanishes. */
    static long ladder(long state, int mode, boolean creation) {
        boolean occupied = (state >>> mode & 1) == 1;
        if (occupied == creation) {
            return -1;
        }
        int sign = Long.bitCount(state & ((1L << mode) - 1)) & 1;
        return (state ^ (1L << mode)) | ((long) sign << 32);
    }

    /** The Fock-space matrix of the Hamiltonian, by applying ladder operators to determinants one by one. */
    static double[][] denseHamiltonian(OrbitalIntegrals ints) {
        int modes = 2 * ints.orbitals(), d = 1 << modes;
        double[][] h = new double[d][d];
        for (int j = 0; j < d; j++) {
            h[j][j] += ints.constant();
            for (int p = 0; p < modes; p++) {
                for (int q = 0; q < modes; q++) {
                    if (p % 2 == q % 2) {
                        addTerm(h, j, new int[] {q}, new int[] {p}, ints.oneBody(p / 2, q / 2));
                    }
                }
            }
            for (int p = 0; p < modes; p++) {
                for (int q = 0; q < modes; q++) {
                    for (int r = 0; r < modes; r++) {
                        for (int s = 0; s < modes; s++) {
                            if (p % 2 == q % 2 && r % 2 == s % 2) {
                                // a+_p a+_r a_s a_q: apply a_q, a_s, a+_r, a+_p in turn
                                addTerm(h, j, new int[] {q, s}, new int[] {r, p},
                                        0.5 * ints.twoBody(p / 2, q / 2, r / 2, s / 2));
                            }
                        }
                    }
                }
            }
        }
        return h;
    }

    private static void addTerm(double[][] h, int column, int[] annihilate, int[] create, double v) {
        long state = column;
        int sign = 1;
        for (int m : annihilate) {
            long next = ladder(state, m, false);
            if (next < 0) {
                return;
            }
            sign *= (next >>> 32) == 1 ? -1 : 1;
            state = next & 0xffffffffL;
        }
        for (int m : create) {
            long next = ladder(state, m, true);
            if (next < 0) {
                return;
            }
            sign *= (next >>> 32) == 1 ? -1 : 1;
            state = next & 0xffffffffL;
        }
        h[(int) state][column] += sign * v;
    }

    static OrbitalIntegrals randomIntegrals(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] h = new double[n][n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q <= p; q++) {
                h[p][q] = h[q][p] = rng.nextDouble(-1, 1);
            }
        }
        double[][][][] g = new double[n][n][n][n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q <= p; q++) {
                for (int r = 0; r < n; r++) {
                    for (int s = 0; s <= r; s++) {
                        if (r * n + s > p * n + q) {
                            continue;
                        }
                        double v = rng.nextDouble(-0.5, 0.5);
                        g[p][q][r][s] = g[q][p][r][s] = g[p][q][s][r] = g[q][p][s][r] = v;
                        g[r][s][p][q] = g[s][r][p][q] = g[r][s][q][p] = g[s][r][q][p] = v;
                    }
                }
            }
        }
        return new OrbitalIntegrals(0.3, h, g, 2, 1);
    }

    static void assertSameTerms(PauliSum expected, PauliSum actual, double tolerance) {
        assertEquals(expected.terms().size(), actual.terms().size(), "number of terms");
        for (int i = 0; i < expected.terms().size(); i++) {
            PauliSum.Term e = expected.terms().get(i), a = actual.terms().get(i);
            assertEquals(e.pauli(), a.pauli(), "term " + i);
            assertEquals(e.coefficient(), a.coefficient(), tolerance, "coefficient of " + e.pauli());
        }
    }

    @Test
    void theSymbolicMapEqualsTheDecompositionOfTheFockSpaceMatrix() {
        for (long seed = 1; seed <= 2; seed++) {
            OrbitalIntegrals ints = randomIntegrals(3, seed);
            PauliSum expected = PauliDecomposition.decompose(denseHamiltonian(ints), 6, JordanWigner.DROP_BELOW);
            assertSameTerms(expected, JordanWigner.map(ints), 1e-12);
        }
    }

    @Test
    void hydrogenFromTheGeneralCodeEqualsH2Sto3gTermByTerm() {
        for (double r : new double[] {0.5, 0.735, 0.7414, 2.0}) {
            Molecule h2 = Molecule.neutral(Atom.atAngstrom("H", 0, 0, 0), Atom.atAngstrom("H", 0, 0, r));
            PauliSum general = MolecularHamiltonian.of(h2);
            assertSameTerms(H2Sto3g.hamiltonian(r), general, 1e-10);
        }
        PauliSum h = MolecularHamiltonian.of(Molecule.neutral(Atom.atAngstrom("H", 0, 0, 0),
                Atom.atAngstrom("H", 0, 0, 0.7414)));
        assertEquals(-1.1372702, ElectronSector.groundEnergy(h, 4, 1, 1), 1e-6, "FCI, as in H2Sto3gTest");
    }

    @Test
    void sectorDiagonalizationAgreesWithTheWholeSpace() {
        PauliSum h = H2Sto3g.hamiltonian(0.9);
        double whole = H2Sto3gTest.groundEnergy(H2Sto3g.fockMatrix(0.9));
        assertEquals(whole, ElectronSector.groundEnergy(h, 4, 1, 1), 1e-12);
        ElectronSector.Lowest lowest = ElectronSector.lowest(h, 4);
        assertEquals(whole, lowest.energy(), 1e-12);
        assertEquals(2, lowest.electrons());
        assertEquals(3 * 3, ElectronSector.states(6, 1, 2).length, "C(3, 1) C(3, 2) states");
    }

    @Test
    void sectorDiagonalizationRejectsOperatorsThatLeaveTheSector() {
        assertThrows(IllegalArgumentException.class,
                () -> ElectronSector.groundEnergy(PauliSum.parse("Z0 + 0.5*X0"), 2, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ElectronSector.groundEnergy(PauliSum.parse("Y0 X1"), 2, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ElectronSector.groundEnergy(PauliSum.parse("Z4"), 4, 1, 0));
        // hopping of one up electron between qubits 0 and 2: (XX + YY)/2 swaps |01> and |10>, eigenvalues -1, 1
        PauliSum hopping = PauliSum.parse("0.5*X0 X2 + 0.5*Y0 Y2");
        assertEquals(-1, ElectronSector.groundEnergy(hopping, 4, 1, 0), 1e-15);
    }
}
