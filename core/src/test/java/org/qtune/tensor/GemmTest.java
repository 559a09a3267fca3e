package org.qtune.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Row-major products through BLAS against a double-precision triple loop, every transpose and odd shapes. */
class GemmTest {
    @Test
    void everyTransposeCombinationEqualsTheTripleLoop() {
        SplittableRandom rnd = new SplittableRandom(4);
        // the last two exceed the parallel threshold: cut by rows (m > n) and by columns (n > m)
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 9, 33}, {64, 48, 40}, {2, 130, 3}, {500, 97, 90}, {70, 433, 100}};
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], k = sh[2];
            for (int ta = 0; ta < 2; ta++) {
                for (int tb = 0; tb < 2; tb++) {
                    float[] a = new float[m * k + 3], b = new float[k * n + 5], c = new float[m * n + 2];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) rnd.nextGaussian();
                    }
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (float) rnd.nextGaussian();
                    }
                    for (int i = 0; i < c.length; i++) {
                        c[i] = (float) rnd.nextGaussian();
                    }
                    float[] c0 = c.clone();
                    Gemm.multiply(ta == 1, tb == 1, m, n, k, 0.75f, a, 3, b, 5, -0.5f, c, 2);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                double av = ta == 1 ? a[3 + p * m + i] : a[3 + i * k + p];
                                double bv = tb == 1 ? b[5 + j * k + p] : b[5 + p * n + j];
                                s += av * bv;
                            }
                            double want = 0.75 * s - 0.5 * c0[2 + i * n + j];
                            assertEquals(want, c[2 + i * n + j], 1e-4 * Math.max(1, Math.abs(want)),
                                    m + "x" + n + "x" + k + " transA " + ta + " transB " + tb);
                        }
                    }
                    assertEquals(c0[0], c[0], "the offset is respected");
                }
            }
        }
        assertFalse(Gemm.implementation().isEmpty());
    }
}
