package org.qtune.tensor.kernel;

/**
 * Softmax over rows of an attention score matrix [rows, cols], with a causal mask (column c of row r
 * counts only when c <= r + offset) and a padding mask (columns whose key is padding never count);
 * masked entries come out exactly 0. In place and with the Vector API present, rows run in float
 * lanes ({@link VectorSoftmax}); otherwise in double, one column at a time.
 */
public final class Softmax {
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("qtune.scalarKernels");

    private Softmax() {
    }

    /**
     * p := softmax(scale s) per row over the unmasked columns; s and p start at {@code off} (they may
     * be the same array: the softmax then runs in place). {@code keyMask[maskOff + c]} = 0 masks
     * column c (null: none); {@code causalOffset} < 0 turns the causal mask off. s not modified
     * unless it is p.
     */
    public static void rows(float[] s, float[] p, int off, int rows, int cols, double scale, int[] keyMask, int maskOff,
                            int causalOffset) {
        if (VECTOR && s == p) {
            for (int r = 0; r < rows; r++) {
                int o = off + r * cols;
                int end = causalOffset < 0 ? cols : Math.min(cols, r + causalOffset + 1);
                if (keyMask != null) {
                    for (int c = 0; c < end; c++) {
                        if (keyMask[maskOff + c] == 0) {
                            p[o + c] = Float.NEGATIVE_INFINITY;
                        }
                    }
                }
                VectorSoftmax.row(p, o, end, (float) scale);
                java.util.Arrays.fill(p, o + end, o + cols, 0f);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            int end = causalOffset < 0 ? cols : Math.min(cols, r + causalOffset + 1);
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < end; c++) {
                if (keyMask == null || keyMask[maskOff + c] != 0) {
                    max = Math.max(max, s[o + c] * scale);
                }
            }
            double sum = 0;
            for (int c = 0; c < end; c++) {
                double e = keyMask == null || keyMask[maskOff + c] != 0 ? Math.exp(s[o + c] * scale - max) : 0;
                p[o + c] = (float) e;
                sum += e;
            }
            float inv = sum > 0 ? (float) (1 / sum) : 0f;
            for (int c = 0; c < end; c++) {
                p[o + c] *= inv;
            }
            for (int c = end; c < cols; c++) {
                p[o + c] = 0f;
            }
        }
    }

    /**
     * ds := scale p (dp - sum(dp p)) per row (the gradient with respect to the unscaled scores); p
     * from {@code pOff}, dp and ds from {@code dOff}; ds may be dp (in place).
     */
    public static void rowsBackward(float[] p, int pOff, float[] dp, float[] ds, int dOff, int rows, int cols,
                                    double scale) {
        if (VECTOR) {
            for (int r = 0; r < rows; r++) {
                VectorSoftmax.rowBackward(p, pOff + r * cols, dp, ds, dOff + r * cols, cols, (float) scale);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = dOff + r * cols, po = pOff + r * cols;
            double dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += (double) dp[o + c] * p[po + c];
            }
            for (int c = 0; c < cols; c++) {
                ds[o + c] = (float) (scale * p[po + c] * (dp[o + c] - dot));
            }
        }
    }
}
