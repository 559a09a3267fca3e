package org.qtune.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tile kernels: the SIMD ones against the scalar ones (the fallback) on random data, and the
 * scalar ones against a plain 2x2 matrix applied amplitude pair by amplitude pair.
 */
class TileKernelsTest {
    static final int N = 5, T = 16;
    final SplittableRandom rnd = new SplittableRandom(5);

    double[] random(int len) {
        return rnd.doubles(len, -1, 1).toArray();
    }

    @Test
    void everyVectorKernelEqualsTheScalarOne() {
        int len = T << N;
        double[] re = random(len), im = random(len), lr = random(len), li = random(len);
        double[] c = random(N * T), s = random(N * T), pr = random(1 << N), pi = random(1 << N);
        for (int q = 0; q < N; q++) {
            double[] r1 = re.clone(), i1 = im.clone(), r2 = re.clone(), i2 = im.clone();
            TileKernels.ryShared(r1, i1, N, T, q, 0.3, 0.7);
            TileVectorKernels.ryShared(r2, i2, N, T, q, 0.3, 0.7);
            assertArrayEquals(r1, r2, 0);
            assertArrayEquals(i1, i2, 0);

            r1 = re.clone(); i1 = im.clone(); r2 = re.clone(); i2 = im.clone();
            TileKernels.ryLanes(r1, i1, N, T, q, c, s, q * T);
            TileVectorKernels.ryLanes(r2, i2, N, T, q, c, s, q * T);
            assertArrayEquals(r1, r2, 0);
            assertArrayEquals(i1, i2, 0);

            double[][] a = {re.clone(), im.clone(), lr.clone(), li.clone()}, b = {re.clone(), im.clone(), lr.clone(),
                    li.clone()};
            double[] t1 = random(T), t2 = t1.clone();
            TileKernels.ryAdjoint(a[0], a[1], a[2], a[3], N, T, q, c, s, q * T, t1);
            TileVectorKernels.ryAdjoint(b[0], b[1], b[2], b[3], N, T, q, c, s, q * T, t2);
            assertArrayEquals(t1, t2, 0);
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(a[k], b[k], 0);
            }
            double[] u1 = random(N * T), u2 = u1.clone();
            TileKernels.ryTerm(re, im, lr, li, N, T, q, u1, 0);
            TileVectorKernels.ryTerm(re, im, lr, li, N, T, q, u2, 0);
            assertArrayEquals(u1, u2, 0);
        }
        double[] r1 = re.clone(), i1 = im.clone(), r2 = re.clone(), i2 = im.clone();
        TileKernels.phase(r1, i1, N, T, pr, pi);
        TileVectorKernels.phase(r2, i2, N, T, pr, pi);
        assertArrayEquals(r1, r2, 0);
        assertArrayEquals(i1, i2, 0);

        double[][] a = {re.clone(), im.clone(), lr.clone(), li.clone()}, b = {re.clone(), im.clone(), lr.clone(),
                li.clone()};
        double[] w1 = new double[1 << N], w2 = new double[1 << N];
        TileKernels.phaseAdjoint(a[0], a[1], a[2], a[3], N, T, pr, pi, w1);
        TileVectorKernels.phaseAdjoint(b[0], b[1], b[2], b[3], N, T, pr, pi, w2);
        assertArrayEquals(w1, w2, 1e-14); // the lanes of a row are summed in a different order
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(a[k], b[k], 0);
        }
    }

    @Test
    void rotationsAndPhasesAreTheirMatricesOnEveryLane() {
        int len = T << N;
        double[] re = random(len), im = random(len), c = random(N * T), s = random(N * T);
        int q = 3;
        double[] r = re.clone(), i = im.clone();
        TileKernels.ryLanes(r, i, N, T, q, c, s, q * T);
        for (int x = 0; x < 1 << N; x++) {
            if (((x >>> q) & 1) != 0) {
                continue;
            }
            int y = x | 1 << q;
            for (int j = 0; j < T; j++) {
                double cj = c[q * T + j], sj = s[q * T + j];
                // [[c, -s], [s, c]] on (amplitude x, amplitude y) of lane j
                assertEquals(cj * re[x * T + j] - sj * re[y * T + j], r[x * T + j], 1e-15);
                assertEquals(sj * re[x * T + j] + cj * re[y * T + j], r[y * T + j], 1e-15);
                assertEquals(sj * im[x * T + j] + cj * im[y * T + j], i[y * T + j], 1e-15);
            }
        }
        // the product state of RY(a_q) on |0...0>: amplitude x is prod_q (bit q ? sin : cos)
        double[] ang = random(N * T), cc = new double[N * T], ss = new double[N * T];
        for (int k = 0; k < N * T; k++) {
            cc[k] = Math.cos(ang[k] / 2);
            ss[k] = Math.sin(ang[k] / 2);
        }
        double[] pr = new double[len], pi = random(len);
        TileKernels.productState(pr, pi, N, T, cc, ss);
        for (int x = 0; x < 1 << N; x++) {
            for (int j = 0; j < T; j++) {
                double v = 1;
                for (int b = 0; b < N; b++) {
                    v *= ((x >>> b) & 1) == 0 ? cc[b * T + j] : ss[b * T + j];
                }
                assertEquals(v, pr[x * T + j], 1e-15);
                assertEquals(0, pi[x * T + j]);
            }
        }
    }
}
