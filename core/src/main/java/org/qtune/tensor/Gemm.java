package org.qtune.tensor;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.RecursiveAction;

/**
 * C := alpha op(A) op(B) + beta C for row-major float matrices, by BLAS sgemm. BLAS is column-major;
 * a row-major matrix is its column-major transpose, so row-major C = op(A) op(B) is column-major
 * C^T = op(B)^T op(A)^T: the operands swap places and keep their transpose flags.
 *
 * <p>Large products are cut along the longer side of C into at most eight parts, run on the common
 * fork-join pool. The cut depends only on the shape, never on the number of threads, so every
 * element of C is computed by the same BLAS call on any machine size: results are the same with one
 * thread or sixteen. (The Vector API BLAS runs on one thread; set OPENBLAS_NUM_THREADS=1 so that
 * native OpenBLAS does not thread inside as well.)
 */
public final class Gemm {
    private static final BLAS BLAS_IMPL = BLAS.getInstance();
    /** Parts a large product is cut into (fixed, whatever the number of threads). */
    private static final int PARTS = 8;
    /** The smallest part, in rows or columns of C: smaller parts repack the other operand too often. */
    private static final int MIN_PART = 192;
    /** Products below this many multiply-adds run as one call on the calling thread. */
    private static final long PARALLEL_MIN_WORK = 1L << 21;

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
     * (or [k, m] when {@code transA}), B [k, n] (or [n, k]), all row-major and contiguous from the
     * given offsets. C modified; A, B not.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                                float[] b, int bOff, float beta, float[] c, int cOff) {
        multiply(transA, transB, m, n, k, alpha, a, aOff, transA ? m : k, b, bOff, transB ? k : n, beta, c, cOff, n);
    }

    /**
     * As {@link #multiply(boolean, boolean, int, int, int, float, float[], int, float[], int, float, float[], int)}
     * with row strides: row i of stored A starts at {@code aOff + i lda} (likewise B with ldb, C with
     * ldc), so a head's slice of a [tokens, heads x d] matrix is an operand of its own.
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                                int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k < PARALLEL_MIN_WORK || Math.max(m, n) < 2 * MIN_PART) {
            call(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        // Cut the longer side of C, so that the BLAS packs each slice of the other operand once per part.
        boolean byRows = m >= n;
        int length = byRows ? m : n, parts = Math.min(PARTS, length / MIN_PART), step = (length + parts - 1) / parts;
        java.util.List<RecursiveAction> tasks = new java.util.ArrayList<>(parts);
        for (int from = 0; from < length; from += step) {
            int i0 = from, size = Math.min(step, length - from);
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    if (byRows) {
                        // row i0 of op(A): a row of stored A, or a column of it when A is transposed
                        call(transA, transB, size, n, k, alpha, a, transA ? aOff + i0 : aOff + i0 * lda, lda, b, bOff,
                                ldb, beta, c, cOff + i0 * ldc, ldc);
                    } else {
                        // column i0 of op(B): a row of stored B when it is transposed, else a column
                        call(transA, transB, m, size, k, alpha, a, aOff, lda, b, transB ? bOff + i0 * ldb : bOff + i0,
                                ldb, beta, c, cOff + i0, ldc);
                    }
                }
            });
        }
        // The calling thread works too, so even a common pool of one worker (two cores) runs two parts at once.
        RecursiveAction.invokeAll(tasks);
    }

    private static void call(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff,
                             int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        BLAS_IMPL.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b, bOff, Math.max(1, ldb), a, aOff,
                Math.max(1, lda), beta, c, cOff, Math.max(1, ldc));
    }
}
