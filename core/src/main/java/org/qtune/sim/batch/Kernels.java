package org.qtune.sim.batch;

import org.qtune.sim.KernelSupport;
import org.qtune.sim.kernel.BatchKernels;
import org.qtune.sim.kernel.BatchVectorKernels;

/**
 * Picks the batched kernel: the Vector API version when the module is present (and not switched
 * off with {@code -Dqtune.noVector=true}), else the scalar loop. The choice is a constant, so the
 * JIT folds the branch.
 */
final class Kernels {
    private static final boolean VECTOR = KernelSupport.VECTOR_AVAILABLE;

    private Kernels() {
    }

    static void dense1(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls, double[] m) {
        if (VECTOR) {
            BatchVectorKernels.dense1(re, im, B, b0, b1, n, t, controls, m);
        } else {
            BatchKernels.dense1(re, im, B, b0, b1, n, t, controls, m);
        }
    }

    static void dense1Member(double[] re, double[] im, int B, int b0, int b1, int n, int t, int controls, double[][] m) {
        if (VECTOR) {
            BatchVectorKernels.dense1Member(re, im, B, b0, b1, n, t, controls, m);
        } else {
            BatchKernels.dense1Member(re, im, B, b0, b1, n, t, controls, m);
        }
    }

    static void dense(double[] re, double[] im, int B, int b0, int b1, int n, int qubitMask, int[] offsets, double[] m,
                      double[] scratch) {
        if (VECTOR) {
            BatchVectorKernels.dense(re, im, B, b0, b1, n, qubitMask, offsets, m, scratch);
        } else {
            BatchKernels.dense(re, im, B, b0, b1, n, qubitMask, offsets, m, scratch);
        }
    }

    static void diagonal(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits, double[] ph) {
        if (VECTOR) {
            BatchVectorKernels.diagonal(re, im, B, b0, b1, n, qubits, ph);
        } else {
            BatchKernels.diagonal(re, im, B, b0, b1, n, qubits, ph);
        }
    }

    static void diagonalMember(double[] re, double[] im, int B, int b0, int b1, int n, int[] qubits, double[][] phRe,
                               double[][] phIm) {
        if (VECTOR) {
            BatchVectorKernels.diagonalMember(re, im, B, b0, b1, n, qubits, phRe, phIm);
        } else {
            BatchKernels.diagonalMember(re, im, B, b0, b1, n, qubits, phRe, phIm);
        }
    }

    static void swapRows(double[] re, double[] im, int B, int b0, int b1, int n, int condMask, int condValue, int flip) {
        if (VECTOR) {
            BatchVectorKernels.swapRows(re, im, B, b0, b1, n, condMask, condValue, flip);
        } else {
            BatchKernels.swapRows(re, im, B, b0, b1, n, condMask, condValue, flip);
        }
    }

    static void expectationZAll(double[] re, double[] im, int B, int b0, int b1, int n, double[][] out) {
        if (VECTOR) {
            BatchVectorKernels.expectationZAll(re, im, B, b0, b1, n, out);
        } else {
            BatchKernels.expectationZAll(re, im, B, b0, b1, n, out);
        }
    }

    static void pauliOverlap(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n, int xMask,
                             int zMask, int controls, double[] outRe, double[] outIm) {
        if (VECTOR) {
            BatchVectorKernels.pauliOverlap(xr, xi, yr, yi, B, b0, b1, n, xMask, zMask, controls, outRe, outIm);
        } else {
            BatchKernels.pauliOverlap(xr, xi, yr, yi, B, b0, b1, n, xMask, zMask, controls, outRe, outIm);
        }
    }

    static void overlap1Member(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n, int t,
                               int controls, double[][] e, double[] out) {
        if (VECTOR) {
            BatchVectorKernels.overlap1Member(xr, xi, yr, yi, B, b0, b1, n, t, controls, e, out);
        } else {
            BatchKernels.overlap1Member(xr, xi, yr, yi, B, b0, b1, n, t, controls, e, out);
        }
    }

    static void addPauli(double[] yr, double[] yi, double[] tr, double[] ti, int B, int b0, int b1, int n, int xMask,
                         int zMask, double[] w) {
        if (VECTOR) {
            BatchVectorKernels.addPauli(yr, yi, tr, ti, B, b0, b1, n, xMask, zMask, w);
        } else {
            BatchKernels.addPauli(yr, yi, tr, ti, B, b0, b1, n, xMask, zMask, w);
        }
    }

    static void sinCos(double[] angle, double[] sin, double[] cos, int b0, int b1) {
        if (VECTOR) {
            BatchVectorKernels.sinCos(angle, sin, cos, b0, b1);
        } else {
            BatchKernels.sinCos(angle, sin, cos, b0, b1);
        }
    }

    static void multiply2Member(double[][] t, double[][] m, int b0, int b1) {
        if (VECTOR) {
            BatchVectorKernels.multiply2Member(t, m, b0, b1);
        } else {
            BatchKernels.multiply2Member(t, m, b0, b1);
        }
    }

    static void diagonalTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                              int[][] qubits, double[][] e, double[][] out) {
        if (VECTOR) {
            BatchVectorKernels.diagonalTerms(xr, xi, yr, yi, B, b0, b1, n, qubits, e, out);
        } else {
            BatchKernels.diagonalTerms(xr, xi, yr, yi, B, b0, b1, n, qubits, e, out);
        }
    }

    static void pauliTerms(double[] xr, double[] xi, double[] yr, double[] yi, int B, int b0, int b1, int n,
                           int[] xMasks, int[] zMasks, double[][] out) {
        if (VECTOR) {
            BatchVectorKernels.pauliTerms(xr, xi, yr, yi, B, b0, b1, n, xMasks, zMasks, out);
        } else {
            BatchKernels.pauliTerms(xr, xi, yr, yi, B, b0, b1, n, xMasks, zMasks, out);
        }
    }

    static void blockOuter(double[] pr, double[] pi, double[] lr, double[] li, int B, int b0, int b1, int n,
                           int qubitMask, int[] offsets, double[] out) {
        if (VECTOR) {
            BatchVectorKernels.blockOuter(pr, pi, lr, li, B, b0, b1, n, qubitMask, offsets, out);
        } else {
            BatchKernels.blockOuter(pr, pi, lr, li, B, b0, b1, n, qubitMask, offsets, out);
        }
    }
}
