package org.qtune.tensor.kernel;

/**
 * LayerNorm and RMSNorm over the last dimension of a [rows, d] matrix (row-major), with the per-row
 * statistics the backward pass needs saved by the forward.
 */
public final class Norms {
    private Norms() {
    }

    /**
     * y := (x - mean) / sqrt(var + eps) * gamma + beta per row; mean[r] and rstd[r] (1/sqrt(var+eps))
     * written for the backward. x, gamma, beta not modified.
     */
    public static void layerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int rows,
                                 int d, double eps) {
        layerNorm(x, gamma, beta, y, mean, rstd, 0, rows, d, eps);
    }

    /** As the method above for rows [from, to) only (rows are independent: blocks may run in parallel). */
    public static void layerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int from,
                                 int to, int d, double eps) {
        for (int r = from; r < to; r++) {
            int o = r * d;
            double m = 0;
            for (int i = 0; i < d; i++) {
                m += x[o + i];
            }
            m /= d;
            double v = 0;
            for (int i = 0; i < d; i++) {
                double c = x[o + i] - m;
                v += c * c;
            }
            double s = 1 / Math.sqrt(v / d + eps);
            mean[r] = (float) m;
            rstd[r] = (float) s;
            for (int i = 0; i < d; i++) {
                y[o + i] = (float) ((x[o + i] - m) * s * gamma[i] + beta[i]);
            }
        }
    }

    /**
     * The LayerNorm backward: dx := rstd (g - mean(g) - xhat mean(g xhat)) with g = dy gamma and xhat
     * the normalized input; dgamma += sum over rows of dy xhat, dbeta += sum of dy (both skipped when
     * dgamma is null: a frozen norm). dx written; dgamma and dbeta accumulated; the rest not modified.
     */
    public static void layerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy, float[] dx,
                                         float[] dgamma, float[] dbeta, int rows, int d) {
        layerNormBackward(x, gamma, mean, rstd, dy, dx, dgamma, dbeta, 0, rows, d);
    }

    /** As the method above for rows [from, to) only; blocks may run in parallel when dgamma is null. */
    public static void layerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy, float[] dx,
                                         float[] dgamma, float[] dbeta, int from, int to, int d) {
        for (int r = from; r < to; r++) {
            int o = r * d;
            double m = mean[r], s = rstd[r], sumG = 0, sumGx = 0;
            for (int i = 0; i < d; i++) {
                double xhat = (x[o + i] - m) * s, g = dy[o + i] * gamma[i];
                sumG += g;
                sumGx += g * xhat;
                if (dgamma != null) {
                    dgamma[i] += (float) (dy[o + i] * xhat);
                    dbeta[i] += dy[o + i];
                }
            }
            sumG /= d;
            sumGx /= d;
            for (int i = 0; i < d; i++) {
                double xhat = (x[o + i] - m) * s, g = dy[o + i] * gamma[i];
                dx[o + i] = (float) (s * (g - sumG - xhat * sumGx));
            }
        }
    }

    /** y := x / sqrt(mean(x^2) + eps) * gamma per row; rstd[r] saved. x, gamma not modified. */
    public static void rmsNorm(float[] x, float[] gamma, float[] y, float[] rstd, int rows, int d, double eps) {
        rmsNorm(x, gamma, y, rstd, 0, rows, d, eps);
    }

    /** As the method above for rows [from, to) only. */
    public static void rmsNorm(float[] x, float[] gamma, float[] y, float[] rstd, int from, int to, int d, double eps) {
        for (int r = from; r < to; r++) {
            int o = r * d;
            double ss = 0;
            for (int i = 0; i < d; i++) {
                ss += (double) x[o + i] * x[o + i];
            }
            double s = 1 / Math.sqrt(ss / d + eps);
            rstd[r] = (float) s;
            for (int i = 0; i < d; i++) {
                y[o + i] = (float) (x[o + i] * s * gamma[i]);
            }
        }
    }

    /**
     * The RMSNorm backward: dx := rstd (g - xhat mean(g xhat)) with g = dy gamma, xhat = x rstd;
     * dgamma += sum over rows of dy xhat (skipped when null). dx written, dgamma accumulated.
     */
    public static void rmsNormBackward(float[] x, float[] gamma, float[] rstd, float[] dy, float[] dx, float[] dgamma,
                                       int rows, int d) {
        rmsNormBackward(x, gamma, rstd, dy, dx, dgamma, 0, rows, d);
    }

    /**
     * dgamma[i] += sum over rows r, in row order, of dy[r, i] x[r, i] rstd[r]: the RMSNorm scale's
     * gradient, apart from the row-parallel input gradient so that its sums have one order.
     */
    public static void rmsNormGammaGradient(float[] x, float[] rstd, float[] dy, float[] dgamma, int rows, int d) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double s = rstd[r];
            for (int i = 0; i < d; i++) {
                dgamma[i] += (float) (dy[o + i] * (x[o + i] * s));
            }
        }
    }

    /** As the method above for rows [from, to) only; blocks may run in parallel when dgamma is null. */
    public static void rmsNormBackward(float[] x, float[] gamma, float[] rstd, float[] dy, float[] dx, float[] dgamma,
                                       int from, int to, int d) {
        for (int r = from; r < to; r++) {
            int o = r * d;
            double s = rstd[r], sumGx = 0;
            for (int i = 0; i < d; i++) {
                double xhat = x[o + i] * s;
                sumGx += dy[o + i] * gamma[i] * xhat;
                if (dgamma != null) {
                    dgamma[i] += (float) (dy[o + i] * xhat);
                }
            }
            sumGx /= d;
            for (int i = 0; i < d; i++) {
                double xhat = x[o + i] * s;
                dx[o + i] = (float) (s * (dy[o + i] * gamma[i] - xhat * sumGx));
            }
        }
    }
}
