package org.qtune.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tile kernels: the SIMD ones against the scalar ones (the fallback) on random data, and the
 * scalar ones against plain per-gate arithmetic: RY's 2x2 matrix on each amplitude pair, one qubit
 * after another, and the product state written out.
 */
class TileKernelsTest {
    static final int T = 16;
    final SplittableRandom rnd = new SplittableRandom(5);

    double[] random(int len) {
        return rnd.doubles(len, -1, 1).toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 6})
    void everyVectorKernelEqualsTheScalarOne(int n) {
        int len = T << n;
        double[] re = random(len), im = random(len), lr = random(len), li = random(len);
        double[] c = random(n * T), s = random(n * T), pr = random(1 << n), pi = random(1 << n);

        double[] a1 = re.clone(), a2 = re.clone();
        TileKernels.ryAll(a1, n, T, c, s);
        TileVectorKernels.ryAll(a2, n, T, c, s);
        assertArrayEquals(a1, a2, 0);

        double[] p1 = re.clone(), l1 = lr.clone(), p2 = re.clone(), l2 = lr.clone();
        double[] t1 = random(n * T), t2 = t1.clone();
        TileKernels.ryAllAdjoint(p1, l1, n, T, c, s, t1);
        TileVectorKernels.ryAllAdjoint(p2, l2, n, T, c, s, t2);
        assertArrayEquals(p1, p2, 0);
        assertArrayEquals(l1, l2, 0);
        assertArrayEquals(t1, t2, 0);

        for (int q = 0; q < n; q++) {
            double[] u1 = random(n * T), u2 = u1.clone();
            TileKernels.ryTerm(re, im, lr, li, n, T, q, u1, 0);
            TileVectorKernels.ryTerm(re, im, lr, li, n, T, q, u2, 0);
            assertArrayEquals(u1, u2, 0);
        }
        double[] r1 = re.clone(), i1 = im.clone(), r2 = re.clone(), i2 = im.clone();
        TileKernels.phase(r1, i1, n, T, pr, pi);
        TileVectorKernels.phase(r2, i2, n, T, pr, pi);
        assertArrayEquals(r1, r2, 0);
        assertArrayEquals(i1, i2, 0);

        double[][] a = {re.clone(), im.clone(), lr.clone(), li.clone()}, b = {re.clone(), im.clone(), lr.clone(),
                li.clone()};
        double[] w1 = new double[1 << n], w2 = new double[1 << n];
        TileKernels.phaseAdjoint(a[0], a[1], a[2], a[3], n, T, pr, pi, w1);
        TileVectorKernels.phaseAdjoint(b[0], b[1], b[2], b[3], n, T, pr, pi, w2);
        assertArrayEquals(w1, w2, 1e-14); // a row's lanes are summed in another order
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(a[k], b[k], 0);
        }

        double[] z1 = new double[n * T], z2 = new double[n * T];
        TileKernels.zExpectations(re, im, n, T, z1, new double[T]);
        TileVectorKernels.zExpectations(re, im, n, T, z2);
        assertArrayEquals(z1, z2, 1e-13);

        double[] u = random(n * T), x1 = new double[len], y1 = new double[len], x2 = new double[len], y2 = new double[len];
        TileKernels.zWeighted(re, im, x1, y1, n, T, u, new double[T]);
        TileVectorKernels.zWeighted(re, im, x2, y2, n, T, u);
        assertArrayEquals(x1, x2, 1e-14);
        assertArrayEquals(y1, y2, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5})
    void rotationsAreTheirMatricesOneQubitAfterAnother(int n) {
        int len = T << n;
        double[] a = random(len), c = random(n * T), s = random(n * T);
        double[] expect = a.clone();
        for (int q = 0; q < n; q++) {
            for (int x = 0; x < 1 << n; x++) {
                if (((x >>> q) & 1) != 0) {
                    continue;
                }
                int y = x | 1 << q;
                for (int j = 0; j < T; j++) {
                    double cj = c[q * T + j], sj = s[q * T + j], v0 = expect[x * T + j], v1 = expect[y * T + j];
                    // [[c, -s], [s, c]] on (amplitude x, amplitude y) of lane j
                    expect[x * T + j] = cj * v0 - sj * v1;
                    expect[y * T + j] = sj * v0 + cj * v1;
                }
            }
        }
        TileKernels.ryAll(a, n, T, c, s);
        assertArrayEquals(expect, a, 1e-14);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void theProductStateIsWrittenOut(int n) {
        int len = T << n;
        double[] ang = random(n * T), cc = new double[n * T], ss = new double[n * T];
        for (int k = 0; k < n * T; k++) {
            cc[k] = Math.cos(ang[k] / 2);
            ss[k] = Math.sin(ang[k] / 2);
        }
        double[] pr = new double[len], pi = random(len);
        TileKernels.productState(pr, pi, n, T, cc, ss);
        for (int x = 0; x < 1 << n; x++) {
            for (int j = 0; j < T; j++) {
                double v = 1;
                for (int b = 0; b < n; b++) {
                    v *= ((x >>> b) & 1) == 0 ? cc[b * T + j] : ss[b * T + j];
                }
                assertEquals(v, pr[x * T + j], 1e-15);
                assertEquals(0, pi[x * T + j]);
            }
        }
    }
}
