package org.qtune.adapter;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.tensor.Gemm;

/**
 * A matrix product operator (tensor-train matrix): a linear map from {@code prod(in)} to
 * {@code prod(out)} features held as d small cores instead of one dense matrix, QTHA's way of making
 * its adapters cheap. With the input index written in the mixed radix {@code in} (i1 most
 * significant) and the output index in {@code out} (o1 most significant),
 * W[(o1..od), (i1..id)] = sum over b of G1[1, i1, o1, b1] G2[b1, i2, o2, b2] ... Gd[b(d-1), id, od, 1],
 * and y = W x for each row x. Core k is stored row-major as the matrix
 * [(i, bIn), (o, bOut)] of shape (in[k] ranks[k]) x (out[k] ranks[k+1]); ranks[0] = ranks[d] = 1.
 *
 * <p>The product is d GEMMs over all rows at once: the running tensor is kept as
 * [row][i(k+1)][rest of the inputs, outputs so far][b]; each step moves i(k+1) beside b (a block
 * transpose per row) and multiplies by core k+1, which leaves the next input digit outermost again.
 * The backward recomputes those intermediates rather than keeping them: at rank 8 they are several
 * times wider than the input, and a model has dozens of such maps. Not thread-safe (its workspaces
 * are reused).
 */
public final class Mpo {
    private final int[] in;
    private final int[] out;
    private final int[] ranks;
    private final int[] coreOffset;
    private final float[] cores;
    private final float[] gradients;
    private final int inSize;
    private final int outSize;
    private float[] work1 = new float[0];
    private float[] work2 = new float[0];
    private float[][] saved = new float[0][];
    /** Identity matrices of inSize and outSize, made on first use by {@link #dense} and {@link #backwardFromDense}. */
    private float[] eyeIn, eyeOut;

    /** An operator with the given modes and inner ranks (d - 1 of them), its cores zero. */
    public Mpo(int[] in, int[] out, int[] innerRanks) {
        if (in.length == 0 || in.length != out.length || innerRanks.length != in.length - 1) {
            throw new IllegalArgumentException("an MPO needs as many input as output modes (got " + in.length + " and "
                    + out.length + ") and one rank fewer (got " + innerRanks.length + ")");
        }
        this.in = in.clone();
        this.out = out.clone();
        this.ranks = new int[in.length + 1];
        ranks[0] = 1;
        ranks[in.length] = 1;
        for (int k = 0; k < innerRanks.length; k++) {
            ranks[k + 1] = innerRanks[k];
        }
        long total = 0;
        coreOffset = new int[in.length + 1];
        long inProduct = 1, outProduct = 1;
        for (int k = 0; k < in.length; k++) {
            if (in[k] < 1 || out[k] < 1 || ranks[k + 1] < 1) {
                throw new IllegalArgumentException("MPO modes and ranks must be positive: in " + Arrays.toString(in)
                        + ", out " + Arrays.toString(out) + ", ranks " + Arrays.toString(innerRanks));
            }
            coreOffset[k] = (int) total;
            total += (long) in[k] * ranks[k] * out[k] * ranks[k + 1];
            inProduct *= in[k];
            outProduct *= out[k];
            if (total > Integer.MAX_VALUE / 2 || inProduct > Integer.MAX_VALUE / 2 || outProduct > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("MPO too large: in " + Arrays.toString(in) + ", out "
                        + Arrays.toString(out) + ", ranks " + Arrays.toString(innerRanks));
            }
        }
        coreOffset[in.length] = (int) total;
        this.cores = new float[(int) total];
        this.gradients = new float[(int) total];
        this.inSize = (int) inProduct;
        this.outSize = (int) outProduct;
    }

    public int inSize() {
        return inSize;
    }

    public int outSize() {
        return outSize;
    }

    public int modes() {
        return in.length;
    }

    public int[] inModes() {
        return in.clone();
    }

    public int[] outModes() {
        return out.clone();
    }

    /** All d + 1 bond ranks, 1 at both ends. */
    public int[] ranks() {
        return ranks.clone();
    }

    public int parameterCount() {
        return cores.length;
    }

    /** The cores, one after another (live: the adapter reads and writes its parameters here). */
    public float[] cores() {
        return cores;
    }

    /** The accumulated gradient of the cores, laid out as {@link #cores()}. */
    public float[] gradients() {
        return gradients;
    }

    public void zeroGradients() {
        Arrays.fill(gradients, 0);
    }

    public int coreOffset(int k) {
        return coreOffset[k];
    }

    /**
     * Fills every core uniformly in +-bound with bound chosen so that the dense W has entries of about
     * {@code scale / sqrt(inSize)}: each entry of W sums prod(inner ranks) products of d core entries.
     * {@code zeroLast} leaves the last core zero (QTHA's up-projection starts at zero, so the adapted
     * model starts as the base model).
     */
    public void initialize(SplittableRandom random, double scale, boolean zeroLast) {
        double paths = 1;
        for (int k = 1; k < in.length; k++) {
            paths *= ranks[k];
        }
        // Var(W) = paths * v^d with v = bound^2 / 3; want Var(W) = scale^2 / inSize
        double v = Math.pow(scale * scale / inSize / paths, 1.0 / in.length);
        double bound = Math.sqrt(3 * v);
        for (int i = 0; i < cores.length; i++) {
            cores[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        if (zeroLast) {
            Arrays.fill(cores, coreOffset[in.length - 1], coreOffset[in.length], 0f);
        }
    }

    /** y[rows, outSize] = x[rows, inSize] W^T (overwritten). */
    public void forward(float[] x, int rows, float[] y) {
        run(x, rows, y, false);
    }

    /**
     * Given dy[rows, outSize] at the rows x of a forward, accumulates the cores' gradients and, when
     * dx is not null, adds W^T dy into dx[rows, inSize].
     */
    public void backward(float[] x, float[] dy, int rows, float[] dx) {
        run(x, rows, null, true);
        // the gradient of step k's output, laid out [row][rest][outputs so far][o][bOut] as that output is
        float[] g = dy;
        for (int k = in.length - 1; k >= 0; k--) {
            int kdim = in[k] * ranks[k], ndim = out[k] * ranks[k + 1];
            float[] p = saved[k];
            int m = p.length / kdim, r = m / rows;
            // dG_k += P^T g
            Gemm.multiply(true, false, kdim, ndim, m, 1f, p, 0, g, 0, 1f, gradients, coreOffset[k]);
            if (k == 0 && dx == null) {
                break;
            }
            // dP = g G_k^T; undoing the block transpose gives the gradient of step k's input
            float[] dp = grow(1, (long) m * kdim);
            Gemm.multiply(false, true, m, kdim, ndim, 1f, g, 0, cores, coreOffset[k], 0f, dp, 0);
            float[] prev = grow(2, (long) m * kdim);
            for (int row = 0; row < rows; row++) {
                untranspose(dp, row * r * kdim, prev, row * r * kdim, in[k], r, ranks[k]);
            }
            if (k == 0) {
                for (int i = 0; i < rows * inSize; i++) {
                    dx[i] += prev[i];
                }
            }
            g = prev;
        }
        for (int k = 0; k < saved.length; k++) {
            saved[k] = null;
        }
    }

    /**
     * The forward product into y; with {@code keep}, each step's GEMM input is kept in {@code saved}
     * for the backward and the last product is skipped (y unused).
     */
    private void run(float[] x, int rows, float[] y, boolean keep) {
        if (x.length < (long) rows * inSize) {
            throw new IllegalArgumentException("x holds " + x.length + " floats, not " + rows + " rows of " + inSize);
        }
        if (!keep && y.length < (long) rows * outSize) {
            throw new IllegalArgumentException("y holds " + y.length + " floats, not " + rows + " rows of " + outSize);
        }
        int d = in.length;
        if (keep && saved.length != d) {
            saved = new float[d][];
        }
        // step k reads s as [row][i(k)][rest][b(k)] and writes [row][rest][o(k)][b(k+1)]
        float[] s = x;
        long rest = inSize, produced = 1;
        for (int k = 0; k < d; k++) {
            rest /= in[k];
            int r = (int) (rest * produced);
            int kdim = in[k] * ranks[k], ndim = out[k] * ranks[k + 1];
            int m = rows * r;
            float[] p = keep ? new float[m * kdim] : grow(1, (long) m * kdim);
            for (int row = 0; row < rows; row++) {
                transpose(s, row * r * kdim, p, row * r * kdim, in[k], r, ranks[k]);
            }
            boolean last = k == d - 1;
            if (keep) {
                saved[k] = p;
                if (last) {
                    break;
                }
            }
            // s (work2 after the first step) has been read; the product may overwrite it
            float[] q = last ? y : grow(2, (long) m * ndim);
            Gemm.multiply(false, false, m, ndim, kdim, 1f, p, 0, cores, coreOffset[k], 0f, q, 0);
            s = q;
            produced *= out[k];
        }
    }

    /** [i][r][b] -> [r][i][b] for one row. */
    private static void transpose(float[] src, int srcOff, float[] dst, int dstOff, int ni, int r, int b) {
        // blocks of b floats: b is a bond rank (1 at the ends, a few inside), too short for arraycopy's call to pay
        for (int i = 0; i < ni; i++) {
            for (int j = 0; j < r; j++) {
                int from = srcOff + (i * r + j) * b, to = dstOff + (j * ni + i) * b;
                for (int t = 0; t < b; t++) {
                    dst[to + t] = src[from + t];
                }
            }
        }
    }

    /** [r][i][b] -> [i][r][b] for one row (the inverse of {@link #transpose}). */
    private static void untranspose(float[] src, int srcOff, float[] dst, int dstOff, int ni, int r, int b) {
        for (int i = 0; i < ni; i++) {
            for (int j = 0; j < r; j++) {
                int from = srcOff + (j * ni + i) * b, to = dstOff + (i * r + j) * b;
                for (int t = 0; t < b; t++) {
                    dst[to + t] = src[from + t];
                }
            }
        }
    }

    private float[] grow(int which, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an MPO intermediate of " + size + " floats is too large");
        }
        if (which == 1) {
            if (work1.length < size) {
                work1 = new float[(int) size];
            }
            return work1;
        }
        if (work2.length < size) {
            work2 = new float[(int) size];
        }
        return work2;
    }

    /** The dense [outSize x inSize] matrix W (for tests and for merging into a base weight). */
    public float[] dense() {
        float[] w = new float[outSize * inSize];
        dense(w);
        return w;
    }

    /**
     * Writes the dense W [outSize x inSize] into {@code w}: the product applied to the identity's
     * inSize rows, which costs what inSize rows of input cost. An adapter that runs many more rows
     * than that with the same cores (a micro-batch's tokens) does better multiplying by W.
     */
    public void dense(float[] w) {
        float[] cols = new float[inSize * outSize];
        if (eyeIn == null) {
            eyeIn = identity(inSize);
        }
        forward(eyeIn, inSize, cols);
        // row i of cols is W e_i = column i of W
        for (int i = 0; i < inSize; i++) {
            for (int o = 0; o < outSize; o++) {
                w[o * inSize + i] = cols[i * outSize + o];
            }
        }
    }

    /**
     * Given dL/dW [outSize x inSize], accumulates dL/d(cores): sum over o, i of dW[o, i] dW[o, i]/d(cores),
     * as the backward of outSize rows whose inputs are dW's rows and whose output gradients are the
     * identity's (row o's term is e_o . W dW[o, :] = sum_i W[o, i] dW[o, i]).
     */
    public void backwardFromDense(float[] dW) {
        if (eyeOut == null) {
            eyeOut = identity(outSize);
        }
        backward(dW, eyeOut, outSize, null);
    }

    private static float[] identity(int n) {
        float[] eye = new float[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1;
        }
        return eye;
    }
}
