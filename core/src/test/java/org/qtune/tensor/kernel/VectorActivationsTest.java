package org.qtune.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/**
 * The Vector API activations and the scalar loops each against double-precision references (Commons
 * Math's erf): GELU's float-precision erf must stay within 4e-7 (relative to max(1, |x|)).
 */
class VectorActivationsTest {
    static final int N = 1003;

    static float[] inputs() {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) (16 * r.nextDouble() - 8);
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 1e-30f;
        return x;
    }

    static void check(float[] x, float[] got, java.util.function.DoubleUnaryOperator want, int upTo, String what) {
        for (int i = 0; i < upTo; i++) {
            double w = want.applyAsDouble(x[i]);
            assertEquals(w, got[i], 4e-7 * Math.max(1, Math.abs(w)) + 4e-7 * Math.abs(x[i]), what + " at x = " + x[i]);
        }
    }

    static double phi(double x) {
        return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void vectorAndScalarLoopsEqualDoubleReferences() {
        float[] x = inputs(), dy = inputs(), y = new float[N];
        check(x, run(x, dy, y, 0, false), v -> v * phi(v), N, "scalar gelu");
        check(x, run(x, dy, y, 1, false), v -> v * sigmoid(v), N, "scalar silu");
        float[] gd = run(x, dy, y, 2, false);
        check(x, gd, v -> 0, 0, "");
        for (int i = 0; i < N; i++) {
            double w = (phi(x[i]) + x[i] * pdf(x[i])) * dy[i];
            assertEquals(w, gd[i], 1e-6 * Math.max(1, Math.abs(w)), "scalar gelu backward at " + x[i]);
        }
        float[] sd = run(x, dy, y, 3, false);
        for (int i = 0; i < N; i++) {
            double s = sigmoid(x[i]), w = s * (1 + x[i] * (1 - s)) * dy[i];
            assertEquals(w, sd[i], 1e-6 * Math.max(1, Math.abs(w)), "scalar silu backward at " + x[i]);
        }
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "no jdk.incubator.vector module");
        int done = VectorActivations.gelu(x, y, N);
        check(x, y, v -> v * phi(v), done, "vector gelu");
        VectorActivations.silu(x, y, N);
        check(x, y, v -> v * sigmoid(v), done, "vector silu");
        VectorActivations.geluBackward(x, dy, y, N);
        for (int i = 0; i < done; i++) {
            double w = (phi(x[i]) + x[i] * pdf(x[i])) * dy[i];
            assertEquals(w, y[i], 1e-6 * Math.max(1, Math.abs(w)), "vector gelu backward at " + x[i]);
        }
        VectorActivations.siluBackward(x, dy, y, N);
        for (int i = 0; i < done; i++) {
            double s = sigmoid(x[i]), w = s * (1 + x[i] * (1 - s)) * dy[i];
            assertEquals(w, y[i], 1e-6 * Math.max(1, Math.abs(w)), "vector silu backward at " + x[i]);
        }
    }

    @Test
    void inPlaceSoftmaxRowsEqualTheDoubleLoopsWithBothMasks() {
        SplittableRandom r = new SplittableRandom(9);
        int rows = 7, cols = 37;
        int[] mask = new int[cols + 3];
        for (int c = 0; c < mask.length; c++) {
            mask[c] = c % 5 == 3 ? 0 : 1;
        }
        float[] s = new float[rows * cols + 5], dp = new float[rows * cols];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (6 * r.nextDouble() - 3);
        }
        for (int i = 0; i < dp.length; i++) {
            dp[i] = (float) (2 * r.nextDouble() - 1);
        }
        for (int causal : new int[] {-1, 2}) {
            float[] want = new float[s.length], got = s.clone();
            Softmax.rows(s, want, 5, rows, cols, 0.4, mask, 3, causal);
            Softmax.rows(got, got, 5, rows, cols, 0.4, mask, 3, causal);
            for (int i = 5; i < s.length; i++) {
                assertEquals(want[i], got[i], 2e-7, "in place vs separate arrays at " + i + ", causal " + causal);
            }
            float[] dsWant = new float[dp.length];
            for (int row = 0; row < rows; row++) {
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += (double) dp[row * cols + c] * want[5 + row * cols + c];
                }
                for (int c = 0; c < cols; c++) {
                    dsWant[row * cols + c] = (float) (0.4 * want[5 + row * cols + c] * (dp[row * cols + c] - dot));
                }
            }
            float[] ds = dp.clone();
            Softmax.rowsBackward(want, 5, ds, ds, 0, rows, cols, 0.4);
            for (int i = 0; i < ds.length; i++) {
                assertEquals(dsWant[i], ds[i], 1e-6, "backward at " + i);
            }
        }
    }

    @Test
    void crossEntropyRowsEqualADoubleReferenceIgnoringMarkedRows() {
        SplittableRandom r = new SplittableRandom(11);
        int rows = 5, classes = 1003;
        float[] logits = new float[rows * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (10 * r.nextDouble() - 5);
        }
        int[] targets = {3, CrossEntropy.IGNORE, 1002, 0, 517};
        float[] d = new float[logits.length];
        double got = CrossEntropy.rows(logits, 0, rows, classes, targets, 0, d, 0.25f);
        double want = 0;
        for (int row = 0; row < rows; row++) {
            if (targets[row] == CrossEntropy.IGNORE) {
                for (int c = 0; c < classes; c++) {
                    assertEquals(0f, d[row * classes + c]);
                }
                continue;
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[row * classes + c]);
            }
            want += Math.log(z) - logits[row * classes + targets[row]];
            for (int c = 0; c < classes; c++) {
                double g = 0.25 * (Math.exp(logits[row * classes + c]) / z - (c == targets[row] ? 1 : 0));
                assertEquals(g, d[row * classes + c], 1e-7, "gradient row " + row + " class " + c);
            }
        }
        assertEquals(want, got, 1e-5 * want);
    }

    /** The scalar loop of one activation (op 0..3), as Activations runs its tails. */
    static float[] run(float[] x, float[] dy, float[] y, int op, boolean scalar) {
        float[] out = new float[N];
        switch (op) {
            case 0 -> Activations.geluScalar(x, out, 0, N);
            case 1 -> Activations.siluScalar(x, out, 0, N);
            case 2 -> Activations.geluBackwardScalar(x, dy, out, 0, N);
            default -> Activations.siluBackwardScalar(x, dy, out, 0, N);
        }
        return out;
    }
}
