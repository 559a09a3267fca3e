package org.qtune.hamiltonian;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Eigenvalues in ascending order and the matching eigenvectors of a real symmetric matrix. */
record SymmetricEigen(double[] values, double[][] vectors) {
    /** {@code vectors[i][k]}: component i of the eigenvector of {@code values[k]}. */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        // symmetrize: products such as X^T F X are symmetric only to rounding, and Commons Math
        // would then treat the matrix as non-symmetric
        double[][] sym = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(sym, false));
        double[] raw = eig.getRealEigenvalues();
        RealMatrix v = eig.getV();
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(raw[p], raw[q]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = raw[order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v.getEntry(i, order[k]);
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
