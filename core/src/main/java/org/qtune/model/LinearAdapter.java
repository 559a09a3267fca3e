package org.qtune.model;

/**
 * A trainable update added to a frozen {@link Linear}: y = x W^T + b + delta(x). LoRA's
 * s B A x is one (package {@code model.lora}); the quantum adapters of a later issue are others. A
 * pass calls {@link #forward} after the base layer and {@link #backward} with the same x during the
 * backward; the adapter keeps what it needs in between (one forward, then at most one backward) and
 * accumulates the gradients of its own parameters. Not thread-safe: one adapter per pass.
 */
public interface LinearAdapter {
    /** y[rows, out] += delta(x[rows, in]). {@code training} turns on dropout and saving for the backward. */
    void forward(float[] x, int rows, float[] y, boolean training);

    /**
     * Given dy[rows, out], accumulates the gradients of the adapter's parameters and adds
     * (d delta / dx)^T dy into dx[rows, in]. x is the array the forward saw. dy not modified.
     */
    void backward(float[] x, float[] dy, int rows, float[] dx);
}
