package org.qtune.tensor.kernel;

/**
 * Elementwise activations: y = f(x) and dx = f'(x) dy, arrays of length n from offset 0. Through
 * the Vector API ({@link VectorActivations}) when the JVM has the {@code jdk.incubator.vector}
 * module, else the scalar loops here, which compute the same formulas.
 *
 * <p>GELU is the exact-erf form x Phi(x) (BERT's, not the tanh approximation), with erf evaluated
 * to float precision by Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7): erf(u) = 1 - t (a1 + t (a2
 * + t (a3 + t (a4 + t a5)))) exp(-u^2), t = 1 / (1 + p u), u >= 0, odd in u. Commons Math's
 * double-precision erf costs about 270 ns per element, which made GELU nine tenths of a BERT
 * training step; this costs one exp. The same exp(-x^2/2) gives the normal density of the backward.
 */
public final class Activations {
    static final float INV_SQRT2 = (float) (1 / Math.sqrt(2)), INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));
    static final float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f,
            A5 = 1.061405429f;
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("qtune.scalarKernels");

    private Activations() {
    }

    /** y := GELU(x) = x Phi(x). x not modified; y may be x. */
    public static void gelu(float[] x, float[] y, int n) {
        geluScalar(x, y, VECTOR ? VectorActivations.gelu(x, y, n) : 0, n);
    }

    static void geluScalar(float[] x, float[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            float v = x[i], u = Math.abs(v) * INV_SQRT2, e = (float) Math.exp(-u * u);
            float erf = 1 - poly(1 / (1 + P * u)) * e;
            y[i] = 0.5f * v * (1 + Math.copySign(erf, v));
        }
    }

    /** dx := GELU'(x) dy = (Phi(x) + x phi(x)) dy. x, dy not modified; dx may be dy. */
    public static void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        geluBackwardScalar(x, dy, dx, VECTOR ? VectorActivations.geluBackward(x, dy, dx, n) : 0, n);
    }

    static void geluBackwardScalar(float[] x, float[] dy, float[] dx, int from, int n) {
        for (int i = from; i < n; i++) {
            float v = x[i], u = Math.abs(v) * INV_SQRT2, e = (float) Math.exp(-u * u);
            float erf = 1 - poly(1 / (1 + P * u)) * e;
            float cdf = 0.5f * (1 + Math.copySign(erf, v));
            dx[i] = (cdf + v * INV_SQRT_2PI * e) * dy[i];
        }
    }

    static float poly(float t) {
        return t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
    }

    /** y := SiLU(x) = x sigmoid(x) (Llama's and Qwen2's gate). x not modified; y may be x. */
    public static void silu(float[] x, float[] y, int n) {
        siluScalar(x, y, VECTOR ? VectorActivations.silu(x, y, n) : 0, n);
    }

    static void siluScalar(float[] x, float[] y, int from, int n) {
        for (int i = from; i < n; i++) {
            float v = x[i];
            y[i] = v / (1 + (float) Math.exp(-v));
        }
    }

    /** dx := SiLU'(x) dy = s (1 + x (1 - s)) dy with s = sigmoid(x). x, dy not modified; dx may be dy. */
    public static void siluBackward(float[] x, float[] dy, float[] dx, int n) {
        siluBackwardScalar(x, dy, dx, VECTOR ? VectorActivations.siluBackward(x, dy, dx, n) : 0, n);
    }

    static void siluBackwardScalar(float[] x, float[] dy, float[] dx, int from, int n) {
        for (int i = from; i < n; i++) {
            float v = x[i], s = 1 / (1 + (float) Math.exp(-v));
            dx[i] = s * (1 + v * (1 - s)) * dy[i];
        }
    }
}
