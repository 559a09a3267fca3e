package org.qtune.model.lora;

import java.util.SplittableRandom;
import org.qtune.model.LinearAdapter;
import org.qtune.tensor.Gemm;

/**
 * LoRA on one linear layer: y += s (dropout(x) A^T) B^T with A [r, in] and B [out, r], the base
 * weight frozen. The forward keeps u = dropout(x) A^T (and the dropout mask) for the backward:
 * dB += s dy^T u, du = s dy B, dA += du^T dropout(x), dx += (du A) * mask. Buffers grow with the
 * row count and are reused. Dropout draws from a seeded generator ({@link #seedDropout}), so a step
 * is reproducible.
 */
public final class LoraLinear implements LinearAdapter {
    private final String path;
    private final int in, out, rank;
    private final float scaling;
    private final double dropout;
    private final float[] a, b, gradA, gradB;
    private float[] u = new float[0], du = new float[0], dropped = new float[0], keep = new float[0], tmp = new float[0];
    private SplittableRandom random = new SplittableRandom(0);
    private boolean droppedLast;

    LoraLinear(String path, int in, int out, int rank, double scaling, double dropout, float[] a, float[] b) {
        if (a.length != rank * in || b.length != out * rank) {
            throw new IllegalArgumentException(path + ": LoRA A must be [" + rank + ", " + in + "] and B [" + out + ", "
                    + rank + "]");
        }
        this.path = path;
        this.in = in;
        this.out = out;
        this.rank = rank;
        this.scaling = (float) scaling;
        this.dropout = dropout;
        this.a = a;
        this.b = b;
        this.gradA = new float[a.length];
        this.gradB = new float[b.length];
    }

    public String path() {
        return path;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public int rank() {
        return rank;
    }

    public float scaling() {
        return scaling;
    }

    /** A [r, in], the live array (the optimizer writes into it). */
    public float[] a() {
        return a;
    }

    /** B [out, r], the live array. */
    public float[] b() {
        return b;
    }

    public float[] gradA() {
        return gradA;
    }

    public float[] gradB() {
        return gradB;
    }

    /** The seed of the next forward's dropout masks (ignored without dropout). */
    public void seedDropout(long seed) {
        random = new SplittableRandom(seed);
    }

    private static float[] grow(float[] buf, int n) {
        return buf.length >= n ? buf : new float[n];
    }

    @Override
    public void forward(float[] x, int rows, float[] y, boolean training) {
        u = grow(u, rows * rank);
        float[] input = x;
        droppedLast = training && dropout > 0;
        if (droppedLast) {
            dropped = grow(dropped, rows * in);
            keep = grow(keep, rows * in);
            float scale = (float) (1 / (1 - dropout));
            for (int i = 0; i < rows * in; i++) {
                keep[i] = random.nextDouble() < dropout ? 0f : scale;
                dropped[i] = x[i] * keep[i];
            }
            input = dropped;
        }
        Gemm.multiply(false, true, rows, rank, in, 1f, input, 0, a, 0, 0f, u, 0);
        Gemm.multiply(false, true, rows, out, rank, scaling, u, 0, b, 0, 1f, y, 0);
    }

    @Override
    public void backward(float[] x, float[] dy, int rows, float[] dx) {
        float[] input = droppedLast ? dropped : x;
        du = grow(du, rows * rank);
        Gemm.multiply(true, false, out, rank, rows, scaling, dy, 0, u, 0, 1f, gradB, 0);
        Gemm.multiply(false, false, rows, rank, out, scaling, dy, 0, b, 0, 0f, du, 0);
        Gemm.multiply(true, false, rank, in, rows, 1f, du, 0, input, 0, 1f, gradA, 0);
        if (droppedLast) {
            tmp = grow(tmp, rows * in);
            Gemm.multiply(false, false, rows, in, rank, 1f, du, 0, a, 0, 0f, tmp, 0);
            for (int i = 0; i < rows * in; i++) {
                dx[i] += tmp[i] * keep[i];
            }
        } else {
            Gemm.multiply(false, false, rows, in, rank, 1f, du, 0, a, 0, 1f, dx, 0);
        }
    }

    /** Sets both gradients to zero. */
    public void zeroGradients() {
        java.util.Arrays.fill(gradA, 0f);
        java.util.Arrays.fill(gradB, 0f);
    }

    /** W + s B A, the base weight [out, in] with this update merged in (for inference). */
    public float[] mergedInto(float[] weight) {
        float[] merged = weight.clone();
        Gemm.multiply(false, false, out, in, rank, scaling, b, 0, a, 0, 1f, merged, 0);
        return merged;
    }
}
