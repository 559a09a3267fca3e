package org.qtune.tensor.kernel;

/**
 * Softmax over rows of an attention score matrix [rows, cols], with a causal mask (column c of row r
 * counts only when c <= r + offset) and a padding mask (columns whose key is padding never count);
 * masked entries come out exactly 0.
 */
public final class Softmax {
    private Softmax() {
    }

    /**
     * p := softmax(scale s) per row over the unmasked columns. {@code keyMask[c]} = 0 masks column c
     * (null: none); {@code causalOffset} < 0 turns the causal mask off. s not modified.
     */
    public static void rows(float[] s, float[] p, int rows, int cols, double scale, int[] keyMask, int causalOffset) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                if (visible(r, c, keyMask, causalOffset)) {
                    max = Math.max(max, s[o + c] * scale);
                }
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = visible(r, c, keyMask, causalOffset) ? Math.exp(s[o + c] * scale - max) : 0;
                p[o + c] = (float) e;
                sum += e;
            }
            for (int c = 0; c < cols; c++) {
                p[o + c] = sum > 0 ? (float) (p[o + c] / sum) : 0f;
            }
        }
    }

    /** ds := scale p (dp - sum(dp p)) per row (the gradient with respect to the unscaled scores). */
    public static void rowsBackward(float[] p, float[] dp, float[] ds, int rows, int cols, double scale) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double dot = 0;
            for (int c = 0; c < cols; c++) {
                dot += (double) dp[o + c] * p[o + c];
            }
            for (int c = 0; c < cols; c++) {
                ds[o + c] = (float) (scale * p[o + c] * (dp[o + c] - dot));
            }
        }
    }

    private static boolean visible(int r, int c, int[] keyMask, int causalOffset) {
        return (keyMask == null || keyMask[c] != 0) && (causalOffset < 0 || c <= r + causalOffset);
    }
}
