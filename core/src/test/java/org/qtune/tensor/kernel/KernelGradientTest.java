package org.qtune.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * Every kernel's forward against a double-precision reference written here, and its backward against
 * central finite differences of that reference (loss = sum of w y for random w), in double.
 */
class KernelGradientTest {
    private static final SplittableRandom RND = new SplittableRandom(11);

    private static float[] random(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (RND.nextGaussian() * scale);
        }
        return a;
    }

    private static double[] d(float[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return o;
    }

    /** d(sum w f(x)) / dx_i by central differences of the double reference f. */
    private static double[] numeric(Function<double[], double[]> f, double[] x, float[] w) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[i]));
            double keep = x[i];
            x[i] = keep + h;
            double up = dot(f.apply(x), w);
            x[i] = keep - h;
            double down = dot(f.apply(x), w);
            x[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double dot(double[] a, float[] w) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * w[i];
        }
        return s;
    }

    private static void close(double[] want, float[] got, double tol, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), what + "[" + i + "]");
        }
    }

    @Test
    void geluAndSiluMatchTheirDefinitionsAndTheirDerivatives() {
        int n = 64;
        float[] x = random(n, 2), w = random(n, 1), y = new float[n], dx = new float[n];
        Function<double[], double[]> gelu = v -> {
            double[] o = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                o[i] = 0.5 * v[i] * (1 + Erf.erf(v[i] / Math.sqrt(2)));
            }
            return o;
        };
        Activations.gelu(x, y, n);
        close(gelu.apply(d(x)), y, 1e-6, "gelu");
        Activations.geluBackward(x, w, dx, n);
        close(numeric(gelu, d(x), w), dx, 1e-5, "gelu'");
        Function<double[], double[]> silu = v -> {
            double[] o = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                o[i] = v[i] / (1 + Math.exp(-v[i]));
            }
            return o;
        };
        Activations.silu(x, y, n);
        close(silu.apply(d(x)), y, 1e-6, "silu");
        Activations.siluBackward(x, w, dx, n);
        close(numeric(silu, d(x), w), dx, 1e-5, "silu'");
    }

    @Test
    void layerNormAndRmsNormGradientsMatchFiniteDifferences() {
        int rows = 3, dim = 16;
        float[] x = random(rows * dim, 1.5), gamma = random(dim, 1), beta = random(dim, 1), w = random(rows * dim, 1);
        float[] y = new float[rows * dim], mean = new float[rows], rstd = new float[rows], dx = new float[rows * dim];
        float[] dgamma = new float[dim], dbeta = new float[dim];
        double eps = 1e-5;
        Function<double[], double[]> ln = v -> {
            double[] o = new double[v.length];
            for (int r = 0; r < rows; r++) {
                double m = 0, var = 0;
                for (int i = 0; i < dim; i++) {
                    m += v[r * dim + i] / dim;
                }
                for (int i = 0; i < dim; i++) {
                    var += (v[r * dim + i] - m) * (v[r * dim + i] - m) / dim;
                }
                for (int i = 0; i < dim; i++) {
                    o[r * dim + i] = (v[r * dim + i] - m) / Math.sqrt(var + eps) * gamma[i] + beta[i];
                }
            }
            return o;
        };
        Norms.layerNorm(x, gamma, beta, y, mean, rstd, rows, dim, eps);
        close(ln.apply(d(x)), y, 1e-5, "layerNorm");
        Norms.layerNormBackward(x, gamma, mean, rstd, w, dx, dgamma, dbeta, rows, dim);
        close(numeric(ln, d(x), w), dx, 1e-4, "layerNorm dx");
        double[] dbetaWant = new double[dim];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dim; i++) {
                dbetaWant[i] += w[r * dim + i];
            }
        }
        close(dbetaWant, dbeta, 1e-6, "layerNorm dbeta");
        Function<double[], double[]> rms = v -> {
            double[] o = new double[v.length];
            for (int r = 0; r < rows; r++) {
                double ss = 0;
                for (int i = 0; i < dim; i++) {
                    ss += v[r * dim + i] * v[r * dim + i] / dim;
                }
                for (int i = 0; i < dim; i++) {
                    o[r * dim + i] = v[r * dim + i] / Math.sqrt(ss + eps) * gamma[i];
                }
            }
            return o;
        };
        Norms.rmsNorm(x, gamma, y, rstd, rows, dim, eps);
        close(rms.apply(d(x)), y, 1e-5, "rmsNorm");
        float[] dg = new float[dim];
        Norms.rmsNormBackward(x, gamma, rstd, w, dx, dg, rows, dim);
        close(numeric(rms, d(x), w), dx, 1e-4, "rmsNorm dx");
        // dgamma by finite differences in gamma
        double[] g0 = d(gamma), dgWant = numeric(gv -> {
            double[] o = new double[rows * dim];
            for (int r = 0; r < rows; r++) {
                double ss = 0;
                for (int i = 0; i < dim; i++) {
                    ss += (double) x[r * dim + i] * x[r * dim + i] / dim;
                }
                for (int i = 0; i < dim; i++) {
                    o[r * dim + i] = x[r * dim + i] / Math.sqrt(ss + eps) * gv[i];
                }
            }
            return o;
        }, g0, w);
        close(dgWant, dg, 1e-4, "rmsNorm dgamma");
    }

    @Test
    void maskedSoftmaxRowsSumToOneAndItsGradientMatchesFiniteDifferences() {
        int rows = 4, cols = 6;
        int[] keyMask = {1, 1, 1, 1, 0, 1};
        double scale = 0.35;
        int offset = 1;
        float[] s = random(rows * cols, 2), p = new float[rows * cols], w = random(rows * cols, 1), ds = new float[rows * cols];
        Softmax.rows(s, p, 0, rows, cols, scale, keyMask, 0, offset);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                boolean visible = keyMask[c] != 0 && c <= r + offset;
                if (!visible) {
                    assertEquals(0f, p[r * cols + c], "masked entries are exactly 0");
                }
                sum += p[r * cols + c];
            }
            assertEquals(1.0, sum, 1e-6);
        }
        Function<double[], double[]> f = v -> {
            double[] o = new double[v.length];
            for (int r = 0; r < rows; r++) {
                double z = 0;
                for (int c = 0; c < cols; c++) {
                    if (keyMask[c] != 0 && c <= r + offset) {
                        z += Math.exp(scale * v[r * cols + c]);
                    }
                }
                for (int c = 0; c < cols; c++) {
                    o[r * cols + c] = keyMask[c] != 0 && c <= r + offset ? Math.exp(scale * v[r * cols + c]) / z : 0;
                }
            }
            return o;
        };
        close(f.apply(d(s)), p, 1e-6, "softmax");
        Softmax.rowsBackward(p, 0, w, ds, 0, rows, cols, scale);
        close(numeric(f, d(s), w), ds, 1e-5, "softmax ds");
    }

    @Test
    void rotaryTurnsHalfPairsByThePositionsAngleAndItsInverseUndoesIt() {
        int tokens = 5, heads = 2, headDim = 8, half = headDim / 2;
        float[] cos = new float[16 * half], sin = new float[16 * half];
        Rotary.tables(16, headDim, 1e6, cos, sin);
        float[] x = random(tokens * heads * headDim, 1), y = x.clone();
        Rotary.apply(y, 0, tokens, heads, headDim, 3, cos, sin, false);
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < half; i++) {
                    int o = t * heads * headDim + h * headDim;
                    double angle = (3 + t) * Math.pow(1e6, -2.0 * i / headDim);
                    double a = x[o + i], b = x[o + i + half];
                    // (a + i b) e^{i angle}
                    assertEquals(a * Math.cos(angle) - b * Math.sin(angle), y[o + i], 1e-5);
                    assertEquals(b * Math.cos(angle) + a * Math.sin(angle), y[o + i + half], 1e-5);
                }
            }
        }
        Rotary.apply(y, 0, tokens, heads, headDim, 3, cos, sin, true);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1e-5, "the inverse turn is the backward");
        }
    }
}
