package org.qtune.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API batch kernels against the scalar ones (the fallback), on random data and odd member ranges. */
class BatchKernelsTest {
    static final int N = 5, B = 37, B0 = 3, B1 = 34; // a range that is not a multiple of the vector length
    final SplittableRandom rnd = new SplittableRandom(11);

    double[] random(int len) {
        return rnd.doubles(len, -1, 1).toArray();
    }

    double[][] random(int rows, int len) {
        double[][] a = new double[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = random(len);
        }
        return a;
    }

    static double[] c(double[] a) {
        return a.clone();
    }

    @Test
    void everyVectorKernelEqualsTheScalarOne() {
        int len = B << N;
        double[] re = random(len), im = random(len), lr = random(len), li = random(len);
        double[] m = random(8);
        double[][] mm = random(8, B);

        double[] r1 = c(re), i1 = c(im), r2 = c(re), i2 = c(im);
        BatchKernels.dense1(r1, i1, B, B0, B1, N, 2, 1 << 4, m);
        BatchVectorKernels.dense1(r2, i2, B, B0, B1, N, 2, 1 << 4, m);
        assertArrayEquals(r1, r2, 1e-14);
        assertArrayEquals(i1, i2, 1e-14);

        r1 = c(re); i1 = c(im); r2 = c(re); i2 = c(im);
        BatchKernels.dense1Member(r1, i1, B, B0, B1, N, 0, 0, mm);
        BatchVectorKernels.dense1Member(r2, i2, B, B0, B1, N, 0, 0, mm);
        assertArrayEquals(r1, r2, 1e-14);
        assertArrayEquals(i1, i2, 1e-14);

        int[] qubits = {1, 3, 4};
        int[] offsets = new int[8];
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 3; i++) {
                if (((j >>> i) & 1) != 0) {
                    offsets[j] |= 1 << qubits[i];
                }
            }
        }
        double[] big = random(2 * 64);
        r1 = c(re); i1 = c(im); r2 = c(re); i2 = c(im);
        BatchKernels.dense(r1, i1, B, B0, B1, N, 0b11010, offsets, big, new double[2 * 8 * B]);
        BatchVectorKernels.dense(r2, i2, B, B0, B1, N, 0b11010, offsets, big, new double[2 * 8 * B]);
        assertArrayEquals(r1, r2, 1e-13);
        assertArrayEquals(i1, i2, 1e-13);

        double[] ph = random(16);
        r1 = c(re); i1 = c(im); r2 = c(re); i2 = c(im);
        BatchKernels.diagonal(r1, i1, B, B0, B1, N, qubits, ph);
        BatchVectorKernels.diagonal(r2, i2, B, B0, B1, N, qubits, ph);
        assertArrayEquals(r1, r2, 1e-14);
        assertArrayEquals(i1, i2, 1e-14);

        double[][] phRe = random(8, B), phIm = random(8, B);
        phRe[5] = null;
        phIm[5] = null;
        r1 = c(re); i1 = c(im); r2 = c(re); i2 = c(im);
        BatchKernels.diagonalMember(r1, i1, B, B0, B1, N, qubits, phRe, phIm);
        BatchVectorKernels.diagonalMember(r2, i2, B, B0, B1, N, qubits, phRe, phIm);
        assertArrayEquals(r1, r2, 1e-14);
        assertArrayEquals(i1, i2, 1e-14);

        r1 = c(re); i1 = c(im); r2 = c(re); i2 = c(im);
        BatchKernels.swapRows(r1, i1, B, B0, B1, N, 0b10110, 0b00100, 0b10010);
        BatchVectorKernels.swapRows(r2, i2, B, B0, B1, N, 0b10110, 0b00100, 0b10010);
        assertArrayEquals(r1, r2, 0.0);
        assertArrayEquals(i1, i2, 0.0);

        double[] o1 = new double[B], o2 = new double[B], p1 = new double[B], p2 = new double[B];
        BatchKernels.pauliOverlap(lr, li, re, im, B, B0, B1, N, 0b01011, 0b11001, 0b00100, o1, p1);
        BatchVectorKernels.pauliOverlap(lr, li, re, im, B, B0, B1, N, 0b01011, 0b11001, 0b00100, o2, p2);
        assertArrayEquals(o1, o2, 1e-13);
        assertArrayEquals(p1, p2, 1e-13);

        o1 = new double[B];
        o2 = new double[B];
        BatchKernels.overlap1Member(lr, li, re, im, B, B0, B1, N, 3, 1, mm, o1);
        BatchVectorKernels.overlap1Member(lr, li, re, im, B, B0, B1, N, 3, 1, mm, o2);
        assertArrayEquals(o1, o2, 1e-13);

        double[][] z1 = new double[N][B], z2 = new double[N][B];
        BatchKernels.expectationZAll(re, im, B, B0, B1, N, z1);
        BatchVectorKernels.expectationZAll(re, im, B, B0, B1, N, z2);
        for (int q = 0; q < N; q++) {
            assertArrayEquals(z1[q], z2[q], 1e-13);
        }

        double[] angle = rnd.doubles(B, -10, 10).toArray(), s1 = new double[B], s2 = new double[B];
        double[] c1 = new double[B], c2 = new double[B];
        BatchKernels.sinCos(angle, s1, c1, B0, B1);
        BatchVectorKernels.sinCos(angle, s2, c2, B0, B1);
        assertArrayEquals(s1, s2, 1e-15);
        assertArrayEquals(c1, c2, 1e-15);

        double[] w = random(B);
        r1 = c(lr); i1 = c(li); r2 = c(lr); i2 = c(li);
        BatchKernels.addPauli(re, im, r1, i1, B, B0, B1, N, 0b00110, 0b01100, w);
        BatchVectorKernels.addPauli(re, im, r2, i2, B, B0, B1, N, 0b00110, 0b01100, w);
        assertArrayEquals(r1, r2, 1e-14);
        assertArrayEquals(i1, i2, 1e-14);

        int[][] dq = {{0}, {1, 3}, {2, 4}};
        double[][] de = {{-0.5, 0.5}, {0, -0.5, 0, 0.5}, {0, 0, 0, 1}};
        double[][] d1 = new double[3][B], d2 = new double[3][B];
        BatchKernels.diagonalTerms(lr, li, re, im, B, B0, B1, N, dq, de, d1);
        BatchVectorKernels.diagonalTerms(lr, li, re, im, B, B0, B1, N, dq, de, d2);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(d1[k], d2[k], 1e-13);
        }
        double[][] q1 = new double[3][B], q2 = new double[3][B];
        BatchKernels.pauliTerms(lr, li, re, im, B, B0, B1, N, new int[] {1, 2, 0}, new int[] {0, 2, 8}, q1);
        BatchVectorKernels.pauliTerms(lr, li, re, im, B, B0, B1, N, new int[] {1, 2, 0}, new int[] {0, 2, 8}, q2);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(q1[k], q2[k], 1e-13);
        }

        double[][] t = random(8, B), a1 = random(8, B), a2 = new double[8][];
        for (int k = 0; k < 8; k++) {
            a2[k] = a1[k].clone();
        }
        BatchKernels.multiply2Member(t, a1, B0, B1);
        BatchVectorKernels.multiply2Member(t, a2, B0, B1);
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(a1[k], a2[k], 1e-14);
        }
    }

    @Test
    void theVectorSinAndCosGiveTheScalarKernelsBitsBeforeAndAfterTheJitHasCompiledThem() {
        // the Vector API's own SIN and COS lanes are SVML once C2 compiles them, an ulp off the Java code
        // run before: a sweep's numbers then depended on when the JIT compiled. Both twins here are
        // plain IEEE arithmetic, the same in the interpreter, C1 and C2.
        double[] angle = new SplittableRandom(1).doubles(4096, -10, 10).toArray();
        angle[17] = 3e6;
        angle[4000] = Double.NaN;
        double[] sin = new double[angle.length], cos = new double[angle.length];
        double[] sinRef = new double[angle.length], cosRef = new double[angle.length];
        for (int round = 0; round < 2000; round++) {
            BatchVectorKernels.sinCos(angle, sin, cos, 0, angle.length);
            if (round % 250 == 0 || round == 1999) {
                BatchKernels.sinCos(angle, sinRef, cosRef, 0, angle.length);
                for (int b = 0; b < angle.length; b++) {
                    if (Double.doubleToLongBits(sin[b]) != Double.doubleToLongBits(sinRef[b])
                            || Double.doubleToLongBits(cos[b]) != Double.doubleToLongBits(cosRef[b])) {
                        throw new AssertionError("round " + round + ", angle " + angle[b] + ": " + sin[b] + ", " + cos[b]);
                    }
                }
            }
        }
    }

    @Test
    void theBatchedSinAndCosAreWithinFourUlpOfMathSinAndCosEverywhere() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] angle = new double[20000];
        for (int b = 0; b < angle.length; b++) {
            angle[b] = switch (b % 5) {
                case 0 -> rnd.nextDouble(-4, 4);
                case 1 -> rnd.nextDouble(-1e3, 1e3);
                case 2 -> rnd.nextDouble(-1e6, 1e6);
                case 3 -> (rnd.nextInt(-2000, 2000)) * Math.PI / 2 + rnd.nextDouble(-1e-9, 1e-9); // near the quadrant edges
                default -> rnd.nextDouble(-1e-8, 1e-8);
            };
        }
        angle[0] = 0;
        angle[1] = -0.0;
        angle[2] = Double.POSITIVE_INFINITY;
        angle[3] = 2e6;
        double[] sin = new double[angle.length], cos = new double[angle.length];
        BatchVectorKernels.sinCos(angle, sin, cos, 0, angle.length);
        for (int b = 0; b < angle.length; b++) {
            double x = angle[b];
            // an absolute bound near zeros of sin and cos (where relative ulps mean nothing), else 4 ulp
            double ts = Math.max(4 * Math.ulp(Math.sin(x)), 4 * Math.ulp(1.0) * Math.max(1, Math.abs(x) * 1e-10));
            double tc = Math.max(4 * Math.ulp(Math.cos(x)), 4 * Math.ulp(1.0) * Math.max(1, Math.abs(x) * 1e-10));
            if (Double.isNaN(Math.sin(x))) {
                assertTrue(Double.isNaN(sin[b]) && Double.isNaN(cos[b]), "angle " + x);
                continue;
            }
            assertEquals(Math.sin(x), sin[b], ts, "sin " + x);
            assertEquals(Math.cos(x), cos[b], tc, "cos " + x);
        }
        assertEquals(0.0, sin[0]);
        assertEquals(1.0, cos[0]);
        assertEquals(Math.sin(2e6), sin[3], 0.0, "beyond the reduction's range: Math.sin itself");
    }
}
