package org.qtune.hamiltonian;

import org.apache.commons.math3.special.Erf;
import org.qtune.circuit.PauliSum;

/**
 * The electronic Hamiltonian of H2 in the STO-3G basis, mapped to 4 qubits by Jordan-Wigner, computed
 * from first principles: the contracted Gaussian integrals (overlap, kinetic, nuclear attraction,
 * electron repulsion through the Boys function F0), the two molecular orbitals that symmetry fixes
 * in a minimal basis (sigma_g, sigma_u), the second-quantized Hamiltonian on spin orbitals
 * (qubit 2p + s: orbital p, spin s, so qubits 0, 1 = sigma_g up, down; 2, 3 = sigma_u up, down), and
 * its Pauli decomposition c_P = Tr(P H) / 16. The nuclear repulsion is included as the identity term,
 * so eigenvalues are total energies in hartree.
 */
public final class H2Sto3g {
    /** STO-3G hydrogen 1s (zeta = 1.24): exponents and contraction coefficients (Hehre, Stewart, Pople 1969). */
    private static final double[] ALPHA = {3.42525091, 0.62391373, 0.16885540};
    private static final double[] D = {0.15432897, 0.53532814, 0.44463454};
    /** Bohr radii per angstrom (CODATA 2018). */
    public static final double BOHR_PER_ANGSTROM = 1.0 / 0.529177210903;

    private H2Sto3g() {
    }

    /** The 4-qubit Hamiltonian at bond length {@code angstrom} (in {@link BondLength}'s range for H2). */
    public static PauliSum hamiltonian(double angstrom) {
        return PauliDecomposition.decompose(fockMatrix(angstrom), 4, 1e-12);
    }

    /** The 16 x 16 real Hamiltonian matrix on the Fock space of 4 spin orbitals (little-endian qubits). */
    static double[][] fockMatrix(double angstrom) {
        BondLength.checkH2(angstrom);
        double r = angstrom * BOHR_PER_ANGSTROM;
        double[] centers = {0, r};
        // atomic-orbital integrals over the two contracted 1s functions
        double[][] s = new double[2][2], h = new double[2][2];
        double[][][][] eri = new double[2][2][2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                s[a][b] = contract2(centers[a], centers[b], (x, y, p, q) -> overlap(x, y, p, q));
                h[a][b] = contract2(centers[a], centers[b], (x, y, p, q) -> kinetic(x, y, p, q)
                        + nuclear(x, y, p, q, 0) + nuclear(x, y, p, q, r));
                for (int c = 0; c < 2; c++) {
                    for (int d = 0; d < 2; d++) {
                        eri[a][b][c][d] = contract4(centers[a], centers[b], centers[c], centers[d]);
                    }
                }
            }
        }
        // the tabulated contraction is normalized only to about 1e-5: renormalize, as quantum chemistry codes do
        double n2 = 1 / s[0][0];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                s[a][b] *= n2;
                h[a][b] *= n2;
                for (int cc = 0; cc < 2; cc++) {
                    for (int d = 0; d < 2; d++) {
                        eri[a][b][cc][d] *= n2 * n2;
                    }
                }
            }
        }
        // molecular orbitals fixed by symmetry: sigma_g = (1 + 2)/sqrt(2(1 + S)), sigma_u = (1 - 2)/sqrt(2(1 - S))
        double s12 = s[0][1];
        double[][] c = {{1 / Math.sqrt(2 * (1 + s12)), 1 / Math.sqrt(2 * (1 - s12))},
                {1 / Math.sqrt(2 * (1 + s12)), -1 / Math.sqrt(2 * (1 - s12))}};
        double[][] hmo = new double[2][2];
        double[][][][] g = new double[2][2][2][2];
        for (int p = 0; p < 2; p++) {
            for (int q = 0; q < 2; q++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        hmo[p][q] += c[a][p] * c[b][q] * h[a][b];
                    }
                }
                for (int u = 0; u < 2; u++) {
                    for (int v = 0; v < 2; v++) {
                        double sum = 0;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                for (int cc = 0; cc < 2; cc++) {
                                    for (int d = 0; d < 2; d++) {
                                        sum += c[a][p] * c[b][q] * c[cc][u] * c[d][v] * eri[a][b][cc][d];
                                    }
                                }
                            }
                        }
                        g[p][q][u][v] = sum; // chemists' notation (pq|uv)
                    }
                }
            }
        }
        // second quantization on spin orbitals i = 2p + spin; JW: qubit i is bit i
        int dim = 16;
        double[][][] ann = new double[4][][];
        for (int i = 0; i < 4; i++) {
            ann[i] = annihilator(i);
        }
        double[][] hm = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            hm[i][i] = 1 / r; // nuclear repulsion (charges 1, 1)
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i % 2 != j % 2) {
                    continue;
                }
                add(hm, multiply(transpose(ann[i]), ann[j]), hmo[i / 2][j / 2]);
            }
        }
        // 1/2 sum_{ijkl} (ik|jl) a+_i a+_j a_l a_k, spin conserved on each electron
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    for (int l = 0; l < 4; l++) {
                        if (i % 2 != k % 2 || j % 2 != l % 2) {
                            continue;
                        }
                        double v = 0.5 * g[i / 2][k / 2][j / 2][l / 2];
                        if (v == 0) {
                            continue;
                        }
                        double[][] term = multiply(multiply(transpose(ann[i]), transpose(ann[j])),
                                multiply(ann[l], ann[k]));
                        add(hm, term, v);
                    }
                }
            }
        }
        return hm;
    }

    /** a_i on 4 qubits: |..1_i..> -> (-1)^(number of occupied below i) |..0_i..>. */
    private static double[][] annihilator(int i) {
        double[][] m = new double[16][16];
        for (int col = 0; col < 16; col++) {
            if ((col >>> i & 1) == 1) {
                int sign = (Integer.bitCount(col & ((1 << i) - 1)) & 1) == 0 ? 1 : -1;
                m[col ^ (1 << i)][col] = sign;
            }
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (a[i][k] != 0) {
                    for (int j = 0; j < n; j++) {
                        c[i][j] += a[i][k] * b[k][j];
                    }
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        int n = a.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static void add(double[][] acc, double[][] m, double w) {
        for (int i = 0; i < acc.length; i++) {
            for (int j = 0; j < acc.length; j++) {
                acc[i][j] += w * m[i][j];
            }
        }
    }

    @FunctionalInterface
    private interface Primitive2 {
        double value(double a, double b, double alpha, double beta);
    }

    private static double norm(double alpha) {
        return Math.pow(2 * alpha / Math.PI, 0.75);
    }

    private static double contract2(double a, double b, Primitive2 f) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                sum += D[i] * D[j] * norm(ALPHA[i]) * norm(ALPHA[j]) * f.value(a, b, ALPHA[i], ALPHA[j]);
            }
        }
        return sum;
    }

    private static double contract4(double a, double b, double c, double d) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    for (int l = 0; l < 3; l++) {
                        sum += D[i] * D[j] * D[k] * D[l] * norm(ALPHA[i]) * norm(ALPHA[j]) * norm(ALPHA[k])
                                * norm(ALPHA[l]) * repulsion(a, b, c, d, ALPHA[i], ALPHA[j], ALPHA[k], ALPHA[l]);
                    }
                }
            }
        }
        return sum;
    }

    /** Boys function F0(t) = (1/2) sqrt(pi / t) erf(sqrt t), F0(0) = 1. */
    static double boys0(double t) {
        return t < 1e-12 ? 1 - t / 3 : 0.5 * Math.sqrt(Math.PI / t) * Erf.erf(Math.sqrt(t));
    }

    // Primitive s-Gaussian integrals (unnormalized), centers on the bond axis.
    private static double overlap(double a, double b, double p, double q) {
        return Math.pow(Math.PI / (p + q), 1.5) * Math.exp(-p * q / (p + q) * (a - b) * (a - b));
    }

    private static double kinetic(double a, double b, double p, double q) {
        double mu = p * q / (p + q);
        return mu * (3 - 2 * mu * (a - b) * (a - b)) * overlap(a, b, p, q);
    }

    private static double nuclear(double a, double b, double p, double q, double center) {
        double gp = p + q, cp = (p * a + q * b) / gp;
        return -2 * Math.PI / gp * Math.exp(-p * q / gp * (a - b) * (a - b)) * boys0(gp * (cp - center) * (cp - center));
    }

    private static double repulsion(double a, double b, double c, double d, double p, double q, double r, double s) {
        double g1 = p + q, g2 = r + s;
        double pc = (p * a + q * b) / g1, qc = (r * c + s * d) / g2;
        return 2 * Math.pow(Math.PI, 2.5) / (g1 * g2 * Math.sqrt(g1 + g2))
                * Math.exp(-p * q / g1 * (a - b) * (a - b) - r * s / g2 * (c - d) * (c - d))
                * boys0(g1 * g2 / (g1 + g2) * (pc - qc) * (pc - qc));
    }
}
