package org.qtune.tensor.kernel;

import org.apache.commons.math3.special.Erf;

/** Elementwise activations: y = f(x) and dx = f'(x) dy. Arrays of length n from offset 0. */
public final class Activations {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Activations() {
    }

    /** y := GELU(x) = x Phi(x) with the exact error function (BERT's). x not modified. */
    public static void gelu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            y[i] = (float) (0.5 * v * (1 + Erf.erf(v * INV_SQRT2)));
        }
    }

    /** dx := GELU'(x) dy = (Phi(x) + x phi(x)) dy. x, dy not modified. */
    public static void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double cdf = 0.5 * (1 + Erf.erf(v * INV_SQRT2)), pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
            dx[i] = (float) ((cdf + v * pdf) * dy[i]);
        }
    }

    /** y := SiLU(x) = x sigmoid(x) (Llama's and Qwen2's gate). x not modified. */
    public static void silu(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            y[i] = (float) (v / (1 + Math.exp(-v)));
        }
    }

    /** dx := SiLU'(x) dy = s (1 + x (1 - s)) dy with s = sigmoid(x). x, dy not modified. */
    public static void siluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i], s = 1 / (1 + Math.exp(-v));
            dx[i] = (float) (s * (1 + v * (1 - s)) * dy[i]);
        }
    }
}
