package org.qtune.hamiltonian;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Restricted (closed-shell) Hartree-Fock: the self-consistent field in the symmetrically
 * orthogonalized basis X = S^(-1/2), from the core-Hamiltonian guess, with DIIS extrapolation of the
 * Fock matrix (Pulay's commutator FDS - SDF as the error), until the density matrix changes by less
 * than {@value #DENSITY_TOLERANCE} per element.
 *
 * <p>The canonical orbitals come back ordered by energy with a reproducible phase and, within a
 * degenerate level, a reproducible basis (the one that follows the orthogonalized basis functions),
 * so that Hamiltonians built from them are the same from run to run and platform to platform, not
 * just equivalent.
 */
public final class RestrictedHartreeFock {
    static final double DENSITY_TOLERANCE = 1e-10;
    private static final int MAX_ITERATIONS = 200;
    private static final int DIIS_VECTORS = 8;
    /** Orbital energies closer than this are one degenerate level. */
    private static final double DEGENERACY = 1e-8;

    private RestrictedHartreeFock() {
    }

    /**
     * The converged closed-shell solution.
     *
     * @param energy total energy (electronic + nuclear repulsion), hartree
     * @param orbitalEnergies ascending
     * @param coefficients {@code coefficients[mu][k]}: basis function mu in orbital k
     * @param occupiedOrbitals doubly occupied orbitals, the lowest ones
     * @param iterations SCF iterations used
     */
    public record Result(double energy, double[] orbitalEnergies, double[][] coefficients, int occupiedOrbitals,
            int iterations) {
    }

    /** Runs the SCF over precomputed atomic-orbital integrals with {@code electrons} (even) electrons. */
    static Result solve(GaussianIntegrals.AtomicOrbitalIntegrals ints, int electrons) {
        int n = ints.overlap().length;
        if (electrons % 2 != 0 || electrons < 0) {
            throw new IllegalArgumentException("restricted Hartree-Fock needs an even number of electrons, got "
                    + electrons);
        }
        int occupied = electrons / 2;
        if (occupied > n) {
            throw new IllegalArgumentException(electrons + " electrons do not fit in " + n + " basis functions");
        }
        double[][] s = ints.overlap(), h = ints.coreHamiltonian();
        double[][] x = inverseSquareRoot(s);

        double[][] density = density(orbitals(h, x).vectorsInBasis, occupied);
        Deque<double[][]> fockHistory = new ArrayDeque<>(), errorHistory = new ArrayDeque<>();
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[][] fock = fock(h, ints.repulsion(), density);
            fockHistory.addLast(fock);
            errorHistory.addLast(commutatorError(fock, density, s, x));
            if (fockHistory.size() > DIIS_VECTORS) {
                fockHistory.removeFirst();
                errorHistory.removeFirst();
            }
            double[][] extrapolated = diis(fockHistory, errorHistory);
            double[][] next = density(orbitals(extrapolated, x).vectorsInBasis, occupied);
            double change = maxAbsDifference(next, density);
            density = next;
            if (change < DENSITY_TOLERANCE) {
                return finish(ints, x, density, occupied, iteration);
            }
        }
        throw new IllegalStateException("restricted Hartree-Fock did not converge in " + MAX_ITERATIONS
                + " iterations");
    }

    /** Canonical orbitals of the converged density's Fock matrix, and the energy of their determinant. */
    private static Result finish(GaussianIntegrals.AtomicOrbitalIntegrals ints, double[][] x, double[][] density,
            int occupied, int iterations) {
        double[][] h = ints.coreHamiltonian();
        Orbitals orbitals = orbitals(fock(h, ints.repulsion(), density), x);
        double[][] c = canonicalize(orbitals, x);
        double[][] d = density(c, occupied);
        double[][] f = fock(h, ints.repulsion(), d);
        double energy = ints.nuclearRepulsion();
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h.length; j++) {
                energy += 0.5 * d[i][j] * (h[i][j] + f[i][j]);
            }
        }
        return new Result(energy, orbitals.energies, c, occupied, iterations);
    }

    private record Orbitals(double[] energies, double[][] vectorsInOrthogonalBasis, double[][] vectorsInBasis) {
    }

    /** Diagonalizes X^T F X; the eigenvectors C' and the orbitals C = X C'. */
    private static Orbitals orbitals(double[][] fock, double[][] x) {
        SymmetricEigen eig = SymmetricEigen.of(multiply(transpose(x), multiply(fock, x)));
        return new Orbitals(eig.values(), eig.vectors(), multiply(x, eig.vectors()));
    }

    /**
     * Fixes the arbitrary parts of the eigenvectors. Within a degenerate level any orthonormal basis is
     * an eigenbasis: take the one that follows the orthogonalized basis functions (repeatedly the
     * projection of the basis function with the largest weight left in the level), which for a linear
     * molecule gives pure px and py pi orbitals. Then each orbital's sign makes its first
     * largest-magnitude coefficient (within 1e-6) positive.
     */
    private static double[][] canonicalize(Orbitals orbitals, double[][] x) {
        int n = orbitals.energies.length;
        double[][] v = copy(orbitals.vectorsInOrthogonalBasis);
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && orbitals.energies[end] - orbitals.energies[start]
                    < DEGENERACY * Math.max(1, Math.abs(orbitals.energies[start]))) {
                end++;
            }
            if (end - start > 1) {
                alignDegenerateLevel(v, start, end);
            }
            start = end;
        }
        double[][] c = multiply(x, v);
        for (int k = 0; k < n; k++) {
            double largest = 0;
            for (int mu = 0; mu < n; mu++) {
                largest = Math.max(largest, Math.abs(c[mu][k]));
            }
            for (int mu = 0; mu < n; mu++) {
                if (Math.abs(c[mu][k]) >= largest - 1e-6) {
                    if (c[mu][k] < 0) {
                        for (int nu = 0; nu < n; nu++) {
                            c[nu][k] = -c[nu][k];
                        }
                    }
                    break;
                }
            }
        }
        return c;
    }

    /** Replaces columns start..end-1 of v by the Gram-Schmidt basis described at {@link #canonicalize}. */
    private static void alignDegenerateLevel(double[][] v, int start, int end) {
        int n = v.length, k = end - start;
        List<double[]> chosen = new ArrayList<>();
        boolean[] used = new boolean[n];
        for (int step = 0; step < k; step++) {
            double[] best = null;
            double bestNorm = -1;
            int bestMu = -1;
            for (int mu = 0; mu < n; mu++) {
                if (used[mu]) {
                    continue;
                }
                // projection of unit vector e_mu onto the level: sum_j v[mu][j] v[.][j]
                double[] w = new double[n];
                for (int j = start; j < end; j++) {
                    for (int i = 0; i < n; i++) {
                        w[i] += v[mu][j] * v[i][j];
                    }
                }
                for (double[] u : chosen) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += u[i] * w[i];
                    }
                    for (int i = 0; i < n; i++) {
                        w[i] -= dot * u[i];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += w[i] * w[i];
                }
                if (norm > bestNorm + 1e-12) {
                    bestNorm = norm;
                    best = w;
                    bestMu = mu;
                }
            }
            double length = Math.sqrt(bestNorm);
            for (int i = 0; i < n; i++) {
                best[i] /= length;
            }
            used[bestMu] = true;
            chosen.add(best);
        }
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                v[i][start + j] = chosen.get(j)[i];
            }
        }
    }

    /** F = H + sum_(ls) D_ls [(mn|ls) - (ml|ns)/2] with the closed-shell density D (2 per orbital). */
    static double[][] fock(double[][] h, double[][][][] eri, double[][] d) {
        int n = h.length;
        double[][] f = new double[n][n];
        for (int m = 0; m < n; m++) {
            for (int nu = 0; nu < n; nu++) {
                double g = 0;
                for (int l = 0; l < n; l++) {
                    for (int s = 0; s < n; s++) {
                        g += d[l][s] * (eri[m][nu][l][s] - 0.5 * eri[m][l][nu][s]);
                    }
                }
                f[m][nu] = h[m][nu] + g;
            }
        }
        return f;
    }

    /** D = 2 sum over the {@code occupied} lowest orbitals of c c^T. */
    static double[][] density(double[][] c, int occupied) {
        int n = c.length;
        double[][] d = new double[n][n];
        for (int m = 0; m < n; m++) {
            for (int nu = 0; nu < n; nu++) {
                double sum = 0;
                for (int k = 0; k < occupied; k++) {
                    sum += c[m][k] * c[nu][k];
                }
                d[m][nu] = 2 * sum;
            }
        }
        return d;
    }

    /** X^T (F D S - S D F) X: zero at self-consistency; DIIS minimizes its extrapolated norm. */
    private static double[][] commutatorError(double[][] f, double[][] d, double[][] s, double[][] x) {
        double[][] fds = multiply(f, multiply(d, s)), sdf = multiply(s, multiply(d, f));
        int n = f.length;
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                e[i][j] = fds[i][j] - sdf[i][j];
            }
        }
        return multiply(transpose(x), multiply(e, x));
    }

    /**
     * The combination sum c_i F_i with sum c_i = 1 minimizing |sum c_i e_i|: the linear system
     * [B 1; 1 0] [c; lambda] = [0; 1], B_ij = e_i . e_j. The newest Fock matrix alone when the system is
     * singular (the error vectors have become linearly dependent near convergence).
     */
    private static double[][] diis(Deque<double[][]> focks, Deque<double[][]> errors) {
        int m = focks.size();
        if (m < 2) {
            return focks.getLast();
        }
        List<double[][]> e = new ArrayList<>(errors), f = new ArrayList<>(focks);
        double[][] b = new double[m + 1][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                b[i][j] = frobeniusDot(e.get(i), e.get(j));
            }
            b[i][m] = b[m][i] = 1;
        }
        RealVector rhs = new ArrayRealVector(m + 1);
        rhs.setEntry(m, 1);
        double[] c;
        try {
            c = new LUDecomposition(new Array2DRowRealMatrix(b, false), 1e-300).getSolver().solve(rhs).toArray();
        } catch (SingularMatrixException singular) {
            return focks.getLast();
        }
        for (double ck : c) {
            if (!Double.isFinite(ck)) {
                return focks.getLast();
            }
        }
        int n = f.get(0).length;
        double[][] out = new double[n][n];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] += c[k] * f.get(k)[i][j];
                }
            }
        }
        return out;
    }

    /** S^(-1/2) by eigendecomposition; rejects a (numerically) linearly dependent basis. */
    static double[][] inverseSquareRoot(double[][] s) {
        SymmetricEigen eig = SymmetricEigen.of(s);
        int n = s.length;
        if (eig.values()[0] < 1e-10) {
            throw new IllegalArgumentException("the basis is linearly dependent: smallest overlap eigenvalue "
                    + eig.values()[0]);
        }
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += eig.vectors()[i][k] * eig.vectors()[j][k] / Math.sqrt(eig.values()[k]);
                }
                x[i][j] = sum;
            }
        }
        return x;
    }

    private static double frobeniusDot(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                sum += a[i][j] * b[i][j];
            }
        }
        return sum;
    }

    private static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, inner = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inner; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
