package org.qtune.sim.kernel;

/** Kernels for gates that are diagonal in the computational basis: phases only, no data movement. */
public final class DiagonalKernels {
    private DiagonalKernels() {
    }

    /**
     * Multiplies amplitude i by {@code table[v]} where v gathers the bits of i at {@code qubits}
     * (bit j of v = bit qubits[j] of i), for amplitudes [from, to). Table: 2^k interleaved complex.
     */
    public static void applyTable(double[] re, double[] im, int[] qubits, double[] table, int from, int to) {
        for (int i = from; i < to; i++) {
            int v = 0;
            for (int j = 0; j < qubits.length; j++) {
                v |= ((i >>> qubits[j]) & 1) << j;
            }
            double fr = table[2 * v], fi = table[2 * v + 1];
            double ar = re[i], ai = im[i];
            re[i] = fr * ar - fi * ai;
            im[i] = fr * ai + fi * ar;
        }
    }

    /**
     * Multiplies amplitudes [offset, offset + len) element-wise by the factors {@code fr, fi}[0, len):
     * one row of a merged diagonal. fr, fi not modified.
     */
    public static void multiplyRow(double[] re, double[] im, int offset, double[] fr, double[] fi, int len) {
        for (int j = 0; j < len; j++) {
            double ar = re[offset + j], ai = im[offset + j];
            re[offset + j] = fr[j] * ar - fi[j] * ai;
            im[offset + j] = fr[j] * ai + fi[j] * ar;
        }
    }

    /** Multiplies amplitudes [from, to) by the constant (cr + i ci). */
    public static void scale(double[] re, double[] im, double cr, double ci, int from, int to) {
        for (int i = from; i < to; i++) {
            double ar = re[i], ai = im[i];
            re[i] = cr * ar - ci * ai;
            im[i] = cr * ai + ci * ar;
        }
    }

    /**
     * Multiplies amplitudes [offset, offset + len) element-wise by (fr[j] + i fi[j]) * (cr + i ci):
     * one row of a merged diagonal, its column factors times the row's own factor.
     */
    public static void multiplyRowScaled(double[] re, double[] im, int offset, double[] fr, double[] fi,
                                         double cr, double ci, int len) {
        for (int j = 0; j < len; j++) {
            double gr = fr[j] * cr - fi[j] * ci, gi = fr[j] * ci + fi[j] * cr;
            double ar = re[offset + j], ai = im[offset + j];
            re[offset + j] = ar * gr - ai * gi;
            im[offset + j] = ar * gi + ai * gr;
        }
    }
}
