package org.qtune.model;

import org.qtune.tensor.Gemm;

/**
 * A frozen linear layer y = x W^T + b of a loaded model: W [out, in] row-major (PyTorch's and
 * Hugging Face's layout), b [out] or none. Immutable once built, so one copy is shared by every
 * pass and thread of a JVM. {@code path} is the module's name in the checkpoint (for example
 * {@code model.layers.0.self_attn.q_proj}); adapters are attached by it.
 */
public final class Linear {
    /** A linear layer's path and shape, known from a config before any weight is read. */
    public record Shape(String path, int in, int out, boolean bias) {
        public long parameters() {
            return (long) in * out + (bias ? out : 0);
        }
    }

    private final String path;
    private final int in, out;
    private final float[] weight, bias;

    public Linear(String path, int in, int out, float[] weight, float[] bias) {
        if (weight.length != (long) in * out) {
            throw new IllegalArgumentException(path + ".weight holds " + weight.length + " values, not " + out + " x " + in);
        }
        if (bias != null && bias.length != out) {
            throw new IllegalArgumentException(path + ".bias holds " + bias.length + " values, not " + out);
        }
        this.path = path;
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
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

    /** W [out, in]; callers must not modify it. */
    public float[] weight() {
        return weight;
    }

    /** b [out] or null; callers must not modify it. */
    public float[] bias() {
        return bias;
    }

    public long parameters() {
        return shape().parameters();
    }

    public Shape shape() {
        return new Shape(path, in, out, bias != null);
    }

    /** y[rows, out] := x[rows, in] W^T + b. x not modified. */
    public void forward(float[] x, int rows, float[] y) {
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, y, r * out, out);
            }
        }
        Gemm.multiply(false, true, rows, out, in, 1f, x, 0, weight, 0, bias == null ? 0f : 1f, y, 0);
    }

    /** dx[rows, in] := dy W (+ dx when {@code accumulate}). dy not modified. */
    public void backwardInput(float[] dy, int rows, float[] dx, boolean accumulate) {
        Gemm.multiply(false, false, rows, in, out, 1f, dy, 0, weight, 0, accumulate ? 1f : 0f, dx, 0);
    }

    /** A copy with W replaced (same path, shape and bias): how adapters are merged for inference. */
    public Linear withWeight(float[] newWeight) {
        return new Linear(path, in, out, newWeight, bias);
    }
}
