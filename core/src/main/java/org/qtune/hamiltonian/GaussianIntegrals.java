package org.qtune.hamiltonian;

import java.util.List;

/**
 * One- and two-electron integrals over contracted Cartesian Gaussians by the McMurchie-Davidson
 * scheme: a product of two Gaussians is expanded in Hermite Gaussians with the coefficients E^ij_t
 * (one table per Cartesian direction), overlap and kinetic integrals follow from E_0, and the
 * Coulomb integrals from the Hermite Coulomb integrals R_tuv, derivatives of the Boys function.
 * Any angular momentum whose Boys order stays within {@link BoysFunction#MAX_ORDER} (up to d
 * functions in electron repulsion). Atomic units throughout.
 */
final class GaussianIntegrals {
    private GaussianIntegrals() {
    }

    /** The integrals of a basis in a molecule: what Hartree-Fock needs. */
    record AtomicOrbitalIntegrals(double[][] overlap, double[][] coreHamiltonian, double[][][][] repulsion,
            double nuclearRepulsion) {
    }

    /** S, T + V and (ab|cd) (chemists' notation) over {@code basis}, and the nuclear repulsion. */
    static AtomicOrbitalIntegrals compute(Molecule molecule, List<ContractedGaussian> basis) {
        int n = basis.size();
        double[][] s = new double[n][n], h = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                ContractedGaussian fa = basis.get(a), fb = basis.get(b);
                double v = 0;
                for (Atom atom : molecule.atoms()) {
                    v += nuclearAttraction(fa, fb, atom.nuclearCharge(), atom.x(), atom.y(), atom.z());
                }
                s[a][b] = s[b][a] = overlap(fa, fb);
                h[a][b] = h[b][a] = kinetic(fa, fb) + v;
            }
        }
        // (ab|cd) = (ba|cd) = (ab|dc) = (cd|ab): compute a >= b, c >= d, ab >= cd and copy
        double[][][][] eri = new double[n][n][n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                int ab = a * (a + 1) / 2 + b;
                for (int c = 0; c < n; c++) {
                    for (int d = 0; d <= c; d++) {
                        int cd = c * (c + 1) / 2 + d;
                        if (cd > ab) {
                            continue;
                        }
                        double v = repulsion(basis.get(a), basis.get(b), basis.get(c), basis.get(d));
                        eri[a][b][c][d] = eri[b][a][c][d] = eri[a][b][d][c] = eri[b][a][d][c] = v;
                        eri[c][d][a][b] = eri[d][c][a][b] = eri[c][d][b][a] = eri[d][c][b][a] = v;
                    }
                }
            }
        }
        return new AtomicOrbitalIntegrals(s, h, eri, molecule.nuclearRepulsion());
    }

    static double overlap(ContractedGaussian a, ContractedGaussian b) {
        double sum = 0;
        for (int i = 0; i < a.exponents.length; i++) {
            for (int j = 0; j < b.exponents.length; j++) {
                double alpha = a.exponents[i], beta = b.exponents[j], p = alpha + beta;
                double[][][] ex = hermiteExpansion(a.l, b.l, alpha, beta, a.x, b.x);
                double[][][] ey = hermiteExpansion(a.m, b.m, alpha, beta, a.y, b.y);
                double[][][] ez = hermiteExpansion(a.n, b.n, alpha, beta, a.z, b.z);
                sum += a.coefficients[i] * b.coefficients[j] * ex[a.l][b.l][0] * ey[a.m][b.m][0] * ez[a.n][b.n][0]
                        * Math.pow(Math.PI / p, 1.5);
            }
        }
        return sum;
    }

    /** <a| -(1/2) nabla^2 |b>, the Laplacian applied to b. */
    static double kinetic(ContractedGaussian a, ContractedGaussian b) {
        double sum = 0;
        for (int i = 0; i < a.exponents.length; i++) {
            for (int j = 0; j < b.exponents.length; j++) {
                double alpha = a.exponents[i], beta = b.exponents[j];
                double norm1d = Math.sqrt(Math.PI / (alpha + beta));
                // tables up to b's power + 2: the second derivative of b raises its power by 2
                double[][][] ex = hermiteExpansion(a.l, b.l + 2, alpha, beta, a.x, b.x);
                double[][][] ey = hermiteExpansion(a.m, b.m + 2, alpha, beta, a.y, b.y);
                double[][][] ez = hermiteExpansion(a.n, b.n + 2, alpha, beta, a.z, b.z);
                double sx = ex[a.l][b.l][0] * norm1d, sy = ey[a.m][b.m][0] * norm1d, sz = ez[a.n][b.n][0] * norm1d;
                double dx = secondDerivative1d(ex[a.l], b.l, beta) * norm1d;
                double dy = secondDerivative1d(ey[a.m], b.m, beta) * norm1d;
                double dz = secondDerivative1d(ez[a.n], b.n, beta) * norm1d;
                sum += a.coefficients[i] * b.coefficients[j] * -0.5 * (dx * sy * sz + sx * dy * sz + sx * sy * dz);
            }
        }
        return sum;
    }

    /**
     * The 1D integral of x_A^i d^2/dx^2 (x_B^j exp(-beta x_B^2)) over the Hermite row E[i][.][0],
     * without the sqrt(pi/p): j(j-1) S_(i,j-2) - 2 beta (2j+1) S_ij + 4 beta^2 S_(i,j+2).
     */
    private static double secondDerivative1d(double[][] row, int j, double beta) {
        double lower = j >= 2 ? j * (j - 1) * row[j - 2][0] : 0;
        return lower - 2 * beta * (2 * j + 1) * row[j][0] + 4 * beta * beta * row[j + 2][0];
    }

    /** -charge <a| 1/|r - C| |b>: the attraction of the charge distribution a*b to a nucleus at C. */
    static double nuclearAttraction(ContractedGaussian a, ContractedGaussian b, double charge, double cx, double cy,
            double cz) {
        int lTotal = a.l + b.l + a.m + b.m + a.n + b.n;
        double sum = 0;
        for (int i = 0; i < a.exponents.length; i++) {
            for (int j = 0; j < b.exponents.length; j++) {
                double alpha = a.exponents[i], beta = b.exponents[j], p = alpha + beta;
                double px = (alpha * a.x + beta * b.x) / p, py = (alpha * a.y + beta * b.y) / p;
                double pz = (alpha * a.z + beta * b.z) / p;
                double[][][] ex = hermiteExpansion(a.l, b.l, alpha, beta, a.x, b.x);
                double[][][] ey = hermiteExpansion(a.m, b.m, alpha, beta, a.y, b.y);
                double[][][] ez = hermiteExpansion(a.n, b.n, alpha, beta, a.z, b.z);
                double[][][] r = hermiteCoulomb(lTotal, p, px - cx, py - cy, pz - cz);
                double v = 0;
                for (int t = 0; t <= a.l + b.l; t++) {
                    for (int u = 0; u <= a.m + b.m; u++) {
                        for (int w = 0; w <= a.n + b.n; w++) {
                            v += ex[a.l][b.l][t] * ey[a.m][b.m][u] * ez[a.n][b.n][w] * r[t][u][w];
                        }
                    }
                }
                sum += a.coefficients[i] * b.coefficients[j] * 2 * Math.PI / p * v;
            }
        }
        return -charge * sum;
    }

    /** The electron repulsion integral (ab|cd) = integral a(1) b(1) c(2) d(2) / r12 (chemists' notation). */
    static double repulsion(ContractedGaussian a, ContractedGaussian b, ContractedGaussian c, ContractedGaussian d) {
        int lab = a.l + b.l, mab = a.m + b.m, nab = a.n + b.n;
        int lcd = c.l + d.l, mcd = c.m + d.m, ncd = c.n + d.n;
        int lTotal = lab + mab + nab + lcd + mcd + ncd;
        // the Hermite expansions of each primitive pair, used for every pair of the other side
        HermitePair[] bra = pairs(a, b), ket = pairs(c, d);
        double sum = 0;
        for (HermitePair pab : bra) {
            for (HermitePair pcd : ket) {
                double p = pab.exponent, q = pcd.exponent, reduced = p * q / (p + q);
                double[][][] r = hermiteCoulomb(lTotal, reduced, pab.x - pcd.x, pab.y - pcd.y, pab.z - pcd.z);
                double v = 0;
                for (int t = 0; t <= lab; t++) {
                    for (int u = 0; u <= mab; u++) {
                        for (int w = 0; w <= nab; w++) {
                            double eab = pab.ex[t] * pab.ey[u] * pab.ez[w];
                            if (eab == 0) {
                                continue;
                            }
                            double inner = 0;
                            for (int tau = 0; tau <= lcd; tau++) {
                                for (int nu = 0; nu <= mcd; nu++) {
                                    for (int phi = 0; phi <= ncd; phi++) {
                                        double sign = ((tau + nu + phi) & 1) == 0 ? 1 : -1;
                                        inner += sign * pcd.ex[tau] * pcd.ey[nu] * pcd.ez[phi]
                                                * r[t + tau][u + nu][w + phi];
                                    }
                                }
                            }
                            v += eab * inner;
                        }
                    }
                }
                sum += pab.weight * pcd.weight * 2 * Math.pow(Math.PI, 2.5) / (p * q * Math.sqrt(p + q)) * v;
            }
        }
        return sum;
    }

    /** A primitive pair's Gaussian product: exponent p, centre P, weight c_i c_j and its E^ij_t rows. */
    private record HermitePair(double exponent, double x, double y, double z, double weight, double[] ex,
            double[] ey, double[] ez) {
    }

    private static HermitePair[] pairs(ContractedGaussian a, ContractedGaussian b) {
        HermitePair[] out = new HermitePair[a.exponents.length * b.exponents.length];
        int k = 0;
        for (int i = 0; i < a.exponents.length; i++) {
            for (int j = 0; j < b.exponents.length; j++) {
                double alpha = a.exponents[i], beta = b.exponents[j], p = alpha + beta;
                out[k++] = new HermitePair(p, (alpha * a.x + beta * b.x) / p, (alpha * a.y + beta * b.y) / p,
                        (alpha * a.z + beta * b.z) / p, a.coefficients[i] * b.coefficients[j],
                        hermiteExpansion(a.l, b.l, alpha, beta, a.x, b.x)[a.l][b.l],
                        hermiteExpansion(a.m, b.m, alpha, beta, a.y, b.y)[a.m][b.m],
                        hermiteExpansion(a.n, b.n, alpha, beta, a.z, b.z)[a.n][b.n]);
            }
        }
        return out;
    }

    /**
     * The Hermite expansion coefficients E[i][j][t] (t = 0..i+j) of the 1D product
     * (x-A)^i exp(-alpha (x-A)^2) (x-B)^j exp(-beta (x-B)^2) = sum_t E^ij_t Lambda_t(x; p, P),
     * for all i <= iMax, j <= jMax, by the recurrences
     * E^(i+1,j)_t = E^ij_(t-1) / (2p) + X_PA E^ij_t + (t+1) E^ij_(t+1), and the same in j with X_PB,
     * from E^00_0 = exp(-alpha beta / p (A-B)^2).
     */
    static double[][][] hermiteExpansion(int iMax, int jMax, double alpha, double beta, double a, double b) {
        double p = alpha + beta, centre = (alpha * a + beta * b) / p;
        double xpa = centre - a, xpb = centre - b, half = 1 / (2 * p);
        double[][][] e = new double[iMax + 1][jMax + 1][iMax + jMax + 2];
        e[0][0][0] = Math.exp(-alpha * beta / p * (a - b) * (a - b));
        for (int i = 0; i <= iMax; i++) {
            if (i > 0) {
                for (int t = 0; t <= i; t++) {
                    e[i][0][t] = (t > 0 ? half * e[i - 1][0][t - 1] : 0) + xpa * e[i - 1][0][t]
                            + (t + 1) * e[i - 1][0][t + 1];
                }
            }
            for (int j = 1; j <= jMax; j++) {
                for (int t = 0; t <= i + j; t++) {
                    e[i][j][t] = (t > 0 ? half * e[i][j - 1][t - 1] : 0) + xpb * e[i][j - 1][t]
                            + (t + 1) * e[i][j - 1][t + 1];
                }
            }
        }
        return e;
    }

    /**
     * The Hermite Coulomb integrals R_tuv (t + u + v <= lMax) for exponent p and the vector (x, y, z)
     * from the point charge to the Gaussian centre: R^n_000 = (-2p)^n F_n(p |r|^2) and
     * R^n_(t+1,u,v) = t R^(n+1)_(t-1,u,v) + x R^(n+1)_(t,u,v) (likewise in u with y and v with z).
     */
    static double[][][] hermiteCoulomb(int lMax, double p, double x, double y, double z) {
        double[] boys = new double[lMax + 1];
        BoysFunction.values(lMax, p * (x * x + y * y + z * z), boys);
        double[][][][] r = new double[lMax + 1][lMax + 1][lMax + 1][lMax + 1];
        double factor = 1;
        for (int n = 0; n <= lMax; n++) {
            r[n][0][0][0] = factor * boys[n];
            factor *= -2 * p;
        }
        // order t+u+v = k needs order k-1 at auxiliary index n+1: fill by increasing k
        for (int k = 1; k <= lMax; k++) {
            for (int n = 0; n <= lMax - k; n++) {
                double[][][] next = r[n + 1];
                for (int t = 0; t <= k; t++) {
                    for (int u = 0; u <= k - t; u++) {
                        int v = k - t - u;
                        double value;
                        if (t > 0) {
                            value = x * next[t - 1][u][v] + (t > 1 ? (t - 1) * next[t - 2][u][v] : 0);
                        } else if (u > 0) {
                            value = y * next[t][u - 1][v] + (u > 1 ? (u - 1) * next[t][u - 2][v] : 0);
                        } else {
                            value = z * next[t][u][v - 1] + (v > 1 ? (v - 1) * next[t][u][v - 2] : 0);
                        }
                        r[n][t][u][v] = value;
                    }
                }
            }
        }
        return r[0];
    }
}
