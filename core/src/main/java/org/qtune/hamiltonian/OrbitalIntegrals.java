package org.qtune.hamiltonian;

import java.util.Arrays;

/**
 * The electronic Hamiltonian in an orthonormal spatial-orbital basis:
 * H = constant + sum_pq h_pq E_pq + (1/2) sum_pqrs (pq|rs) (E_pq E_rs - delta_qr E_ps), with E_pq the
 * spin-summed excitation operator, (pq|rs) in chemists' notation, and a reference determinant that
 * doubly occupies orbitals 0..occupied-1. Immutable (arrays are copied in and out).
 */
public final class OrbitalIntegrals {
    private final double constant;
    private final double[][] oneBody;
    private final double[][][][] twoBody;
    private final int electrons;
    private final int occupiedOrbitals;

    OrbitalIntegrals(double constant, double[][] oneBody, double[][][][] twoBody, int electrons, int occupiedOrbitals) {
        int n = oneBody.length;
        if (twoBody.length != n) {
            throw new IllegalArgumentException("one- and two-body integrals over different orbital counts");
        }
        if (occupiedOrbitals > n || electrons > 2 * n) {
            throw new IllegalArgumentException(electrons + " electrons do not fit in " + n + " orbitals");
        }
        this.constant = constant;
        this.oneBody = new double[n][];
        for (int p = 0; p < n; p++) {
            this.oneBody[p] = oneBody[p].clone();
        }
        this.twoBody = new double[n][n][n][];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                for (int r = 0; r < n; r++) {
                    this.twoBody[p][q][r] = twoBody[p][q][r].clone();
                }
            }
        }
        this.electrons = electrons;
        this.occupiedOrbitals = occupiedOrbitals;
    }

    /** The atomic-orbital integrals transformed to the orbitals {@code c[mu][k]} (h = C^T H C, and (pq|rs) quarter by quarter). */
    static OrbitalIntegrals transform(GaussianIntegrals.AtomicOrbitalIntegrals ao, double[][] c, int electrons,
            int occupiedOrbitals) {
        int n = c.length, m = c[0].length;
        double[][] h = RestrictedHartreeFock.multiply(RestrictedHartreeFock.transpose(c),
                RestrictedHartreeFock.multiply(ao.coreHamiltonian(), c));
        double[][][][] g = ao.repulsion();
        // four quarter transformations, each one index from basis functions to orbitals: O(n^5)
        double[][][][] t1 = new double[m][n][n][n];
        for (int p = 0; p < m; p++) {
            for (int mu = 0; mu < n; mu++) {
                double cp = c[mu][p];
                for (int nu = 0; nu < n; nu++) {
                    for (int la = 0; la < n; la++) {
                        for (int si = 0; si < n; si++) {
                            t1[p][nu][la][si] += cp * g[mu][nu][la][si];
                        }
                    }
                }
            }
        }
        double[][][][] t2 = new double[m][m][n][n];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                for (int nu = 0; nu < n; nu++) {
                    double cq = c[nu][q];
                    for (int la = 0; la < n; la++) {
                        for (int si = 0; si < n; si++) {
                            t2[p][q][la][si] += cq * t1[p][nu][la][si];
                        }
                    }
                }
            }
        }
        double[][][][] t3 = new double[m][m][m][n];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                for (int r = 0; r < m; r++) {
                    for (int la = 0; la < n; la++) {
                        double cr = c[la][r];
                        for (int si = 0; si < n; si++) {
                            t3[p][q][r][si] += cr * t2[p][q][la][si];
                        }
                    }
                }
            }
        }
        double[][][][] mo = new double[m][m][m][m];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                for (int r = 0; r < m; r++) {
                    for (int s = 0; s < m; s++) {
                        double sum = 0;
                        for (int si = 0; si < n; si++) {
                            sum += c[si][s] * t3[p][q][r][si];
                        }
                        mo[p][q][r][s] = sum;
                    }
                }
            }
        }
        return new OrbitalIntegrals(ao.nuclearRepulsion(), h, mo, electrons, occupiedOrbitals);
    }

    /**
     * The Hamiltonian of the orbitals {@code active} (ascending indices) with the other occupied
     * orbitals frozen doubly occupied and the other unoccupied ones deleted. The frozen core's energy
     * E_core = sum_c 2 h_cc + sum_cd [2 (cc|dd) - (cd|dc)] goes into the constant and its mean field
     * into the one-body part, h'_pq = h_pq + sum_c [2 (pq|cc) - (pc|cq)]; the two-body part is that of
     * the active orbitals. Active orbital k of the result is {@code active[k]}; the electrons left are
     * those of the reference determinant in active orbitals.
     */
    public OrbitalIntegrals activeSpace(int... active) {
        int n = orbitals();
        if (active.length == 0) {
            throw new IllegalArgumentException("no active orbitals");
        }
        for (int k = 0; k < active.length; k++) {
            if (active[k] < 0 || active[k] >= n) {
                throw new IllegalArgumentException("active orbital " + active[k] + " outside 0.." + (n - 1));
            }
            if (k > 0 && active[k] <= active[k - 1]) {
                throw new IllegalArgumentException("active orbitals must be distinct and ascending: "
                        + Arrays.toString(active));
            }
        }
        boolean[] isActive = new boolean[n];
        for (int p : active) {
            isActive[p] = true;
        }
        int[] core = java.util.stream.IntStream.range(0, occupiedOrbitals).filter(p -> !isActive[p]).toArray();
        double e = constant;
        for (int c : core) {
            e += 2 * oneBody[c][c];
            for (int d : core) {
                e += 2 * twoBody[c][c][d][d] - twoBody[c][d][d][c];
            }
        }
        int m = active.length;
        double[][] h = new double[m][m];
        double[][][][] g = new double[m][m][m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int p = active[i], q = active[j];
                double meanField = 0;
                for (int c : core) {
                    meanField += 2 * twoBody[p][q][c][c] - twoBody[p][c][c][q];
                }
                h[i][j] = oneBody[p][q] + meanField;
                for (int k = 0; k < m; k++) {
                    for (int l = 0; l < m; l++) {
                        g[i][j][k][l] = twoBody[p][q][active[k]][active[l]];
                    }
                }
            }
        }
        int activeOccupied = (int) Arrays.stream(active).filter(p -> p < occupiedOrbitals).count();
        return new OrbitalIntegrals(e, h, g, electrons - 2 * core.length, activeOccupied);
    }

    /**
     * The energy of the reference determinant, E_const + sum_i 2 h_ii + sum_ij [2 (ii|jj) - (ij|ji)]
     * over its doubly occupied orbitals i, j (the Hartree-Fock energy when the orbitals are SCF ones).
     */
    public double referenceEnergy() {
        double e = constant;
        for (int i = 0; i < occupiedOrbitals; i++) {
            e += 2 * oneBody[i][i];
            for (int j = 0; j < occupiedOrbitals; j++) {
                e += 2 * twoBody[i][i][j][j] - twoBody[i][j][j][i];
            }
        }
        return e;
    }

    /** The nuclear repulsion plus any frozen-core energy, hartree. */
    public double constant() {
        return constant;
    }

    public double oneBody(int p, int q) {
        return oneBody[p][q];
    }

    /** (pq|rs), chemists' notation. */
    public double twoBody(int p, int q, int r, int s) {
        return twoBody[p][q][r][s];
    }

    /** Spatial orbitals (qubits are twice as many). */
    public int orbitals() {
        return oneBody.length;
    }

    public int electrons() {
        return electrons;
    }

    /** Orbitals 0..occupiedOrbitals-1 are doubly occupied in the reference determinant. */
    public int occupiedOrbitals() {
        return occupiedOrbitals;
    }
}
