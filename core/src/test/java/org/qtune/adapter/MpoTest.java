package org.qtune.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tensor-train matrix against the dense W of its defining sum (enumerated here digit by digit,
 * in double), its backward against that W's transpose and against central differences of the same
 * sum, and the mode rule against the public code's table.
 */
class MpoTest {
    /** W[o, i] = sum_b prod_k G_k[b(k-1), i_k, o_k, b_k], straight from the definition, in double. */
    static double[][] bruteDense(Mpo m, double[] cores) {
        int[] in = m.inModes(), out = m.outModes(), ranks = m.ranks();
        int d = in.length;
        double[][] w = new double[m.outSize()][m.inSize()];
        for (int o = 0; o < m.outSize(); o++) {
            for (int i = 0; i < m.inSize(); i++) {
                int[] od = digits(o, out), id = digits(i, in);
                // chain the bond vector through the cores
                double[] v = {1};
                for (int k = 0; k < d; k++) {
                    double[] next = new double[ranks[k + 1]];
                    for (int a = 0; a < ranks[k]; a++) {
                        for (int b = 0; b < ranks[k + 1]; b++) {
                            int row = id[k] * ranks[k] + a, col = od[k] * ranks[k + 1] + b;
                            next[b] += v[a] * cores[m.coreOffset(k) + row * out[k] * ranks[k + 1] + col];
                        }
                    }
                    v = next;
                }
                w[o][i] = v[0];
            }
        }
        return w;
    }

    /** Mixed-radix digits, the first most significant. */
    static int[] digits(int x, int[] radix) {
        int[] dgt = new int[radix.length];
        for (int k = radix.length - 1; k >= 0; k--) {
            dgt[k] = x % radix[k];
            x /= radix[k];
        }
        return dgt;
    }

    static Mpo random(int[] in, int[] out, int[] ranks, long seed) {
        Mpo m = new Mpo(in, out, ranks);
        m.initialize(new SplittableRandom(seed), 1.0, false);
        return m;
    }

    static double[] asDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    @Test
    void theProductEqualsTheDenseMatrixOfTheDefinition() {
        int[][][] shapes = {{{2, 3, 2}, {3, 2, 2}, {2, 3}}, {{6, 4, 4, 4}, {4, 4, 4, 4}, {8, 8, 8}}, {{5}, {7}, {}},
            {{3, 1}, {1, 4}, {2}}};
        for (int[][] s : shapes) {
            Mpo m = random(s[0], s[1], s[2], 3);
            double[][] want = bruteDense(m, asDouble(m.cores()));
            float[] w = m.dense();
            int rows = 5;
            float[] x = randomFloats(rows * m.inSize(), 4);
            float[] y = new float[rows * m.outSize()];
            m.forward(x, rows, y);
            double scale = 0;
            for (double[] r : want) {
                for (double v : r) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int o = 0; o < m.outSize(); o++) {
                for (int i = 0; i < m.inSize(); i++) {
                    assertEquals(want[o][i], w[o * m.inSize() + i], 1e-5 * scale, "W[" + o + "," + i + "]");
                }
                for (int r = 0; r < rows; r++) {
                    double yo = 0;
                    for (int i = 0; i < m.inSize(); i++) {
                        yo += want[o][i] * x[r * m.inSize() + i];
                    }
                    assertEquals(yo, y[r * m.outSize() + o], 1e-4 * scale * Math.sqrt(m.inSize()), "y");
                }
            }
        }
    }

    @Test
    void theBackwardGivesWTransposeDyAndTheCoresGradientOfTheDefinition() {
        int[] in = {2, 3, 2}, out = {3, 2, 2};
        Mpo m = random(in, out, new int[] {2, 3}, 5);
        int rows = 4;
        float[] x = randomFloats(rows * m.inSize(), 6), dy = randomFloats(rows * m.outSize(), 7);
        float[] dx = new float[rows * m.inSize()];
        m.zeroGradients();
        m.backward(x, dy, rows, dx);
        double[] cores = asDouble(m.cores());
        double[][] w = bruteDense(m, cores);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < m.inSize(); i++) {
                double want = 0;
                for (int o = 0; o < m.outSize(); o++) {
                    want += w[o][i] * dy[r * m.outSize() + o];
                }
                assertEquals(want, dx[r * m.inSize() + i], 1e-5, "dx");
            }
        }
        // L(cores) = sum_r dy_r . W(cores) x_r; central differences in double (L is multilinear in the cores)
        double h = 1e-3;
        for (int p = 0; p < cores.length; p++) {
            double[] plus = cores.clone(), minus = cores.clone();
            plus[p] += h;
            minus[p] -= h;
            double want = (loss(m, plus, x, dy, rows) - loss(m, minus, x, dy, rows)) / (2 * h);
            assertEquals(want, m.gradients()[p], 1e-4 * Math.max(1, Math.abs(want)), "core entry " + p);
        }
    }

    static double loss(Mpo m, double[] cores, float[] x, float[] dy, int rows) {
        double[][] w = bruteDense(m, cores);
        double l = 0;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < m.outSize(); o++) {
                for (int i = 0; i < m.inSize(); i++) {
                    l += dy[r * m.outSize() + o] * w[o][i] * x[r * m.inSize() + i];
                }
            }
        }
        return l;
    }

    @Test
    void gradientsAccumulateOverCallsAndAZeroLastCoreStartsAtZero() {
        Mpo m = new Mpo(new int[] {6, 4, 4, 4}, new int[] {4, 4, 4, 4}, new int[] {8, 8, 8});
        m.initialize(new SplittableRandom(1), 1.0, true);
        float[] x = randomFloats(3 * 384, 2), y = new float[3 * 256];
        m.forward(x, 3, y);
        for (float v : y) {
            assertEquals(0f, v);
        }
        assertEquals(6 * 4 * 8 + 2 * (4 * 8 * 4 * 8) + 4 * 8 * 4, m.parameterCount());
        float[] dy = randomFloats(3 * 256, 3);
        m.backward(x, dy, 3, null);
        float[] once = m.gradients().clone();
        m.backward(x, dy, 3, null);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], m.gradients()[i], 1e-6 * Math.max(1, Math.abs(once[i])));
        }
    }

    @Test
    void anInitializedOperatorHasTheRequestedScale() {
        Mpo m = new Mpo(new int[] {6, 4, 4, 4}, new int[] {4, 4, 4, 4}, new int[] {8, 8, 8});
        m.initialize(new SplittableRandom(9), 1.0, false);
        float[] w = m.dense();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        double rms = Math.sqrt(sq / w.length) * Math.sqrt(384);
        assertTrue(rms > 0.5 && rms < 2, "rms of W times sqrt(in): " + rms);
    }

    @Test
    void modesKeepThePublicTableAndFactorOtherWidthsEvenly() {
        assertArrayEquals(new int[] {8, 4, 4, 4}, MpoModes.of(512, 4));
        assertArrayEquals(new int[] {27, 16, 8, 8}, MpoModes.of(27648, 4));
        assertArrayEquals(new int[] {6, 4, 4, 4}, MpoModes.of(384, 4));
        assertArrayEquals(new int[] {8, 8, 6, 4}, MpoModes.of(1536, 4));
        assertArrayEquals(new int[] {7, 1, 1, 1}, MpoModes.of(7, 4));
        assertArrayEquals(new int[] {16, 16}, MpoModes.of(256, 2));
        assertThrows(IllegalArgumentException.class, () -> MpoModes.of(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Mpo(new int[] {2, 2}, new int[] {2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Mpo(new int[] {2, 0}, new int[] {2, 2}, new int[] {1}));
    }

    /** The cores' gradient from a dense dL/dW equals the backward over the rows that made dW = dy^T x. */
    @Test
    void coreGradientsFromTheDenseGradientEqualTheRowBackward() {
        Mpo m = new Mpo(new int[] {3, 2, 2}, new int[] {2, 2, 1}, new int[] {3, 2});
        m.initialize(new SplittableRandom(4), 1, false);
        int rows = 7;
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[rows * m.inSize()], dy = new float[rows * m.outSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) (2 * r.nextDouble() - 1);
        }
        m.backward(x, dy, rows, null);
        float[] byRows = m.gradients().clone();
        m.zeroGradients();
        float[] dW = new float[m.outSize() * m.inSize()];
        for (int row = 0; row < rows; row++) {
            for (int o = 0; o < m.outSize(); o++) {
                for (int i = 0; i < m.inSize(); i++) {
                    dW[o * m.inSize() + i] += dy[row * m.outSize() + o] * x[row * m.inSize() + i];
                }
            }
        }
        m.backwardFromDense(dW);
        float[] fromDense = m.gradients();
        for (int j = 0; j < byRows.length; j++) {
            assertEquals(byRows[j], fromDense[j], 1e-5 * (1 + Math.abs(byRows[j])), "core entry " + j);
        }
        float[] w = new float[dW.length];
        m.dense(w);
        assertArrayEquals(m.dense(), w);
    }
}
