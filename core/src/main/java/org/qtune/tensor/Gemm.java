package org.qtune.tensor;

import dev.ludovic.netlib.blas.BLAS;

/**
 * C := alpha op(A) op(B) + beta C for row-major float matrices, by one BLAS sgemm call. BLAS is
 * column-major; a row-major matrix is its column-major transpose, so row-major C = op(A) op(B) is
 * column-major C^T = op(B)^T op(A)^T: the operands swap places and keep their transpose flags.
 */
public final class Gemm {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();

    static {
        System.getLogger(Gemm.class.getName()).log(System.Logger.Level.INFO, "BLAS: " + implementation());
    }

    private Gemm() {
    }

    /** The BLAS implementation in use (JNIBLAS: native; VectorBLAS: Vector API; Java11BLAS/Java8BLAS: plain Java). */
    public static String implementation() {
        return BLAS_IMPL.getClass().getSimpleName();
    }

    /**
     * C[m, n] := alpha op(A) op(B) + beta C, with op(A) [m, k] and op(B) [k, n]; A is stored [m, k]
     * (or [k, m] when {@code transA}), B [k, n] (or [n, k]), all row-major from the given offsets.
     * C modified; A, B not.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                                float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        int lda = transA ? m : k, ldb = transB ? k : n;
        BLAS_IMPL.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, bOff, Math.max(1, ldb), a, aOff,
                Math.max(1, lda), beta, c, cOff, n);
    }
}
