package org.qtune.tensor.kernel;

/**
 * Rotary position embeddings, half-split as Llama and Qwen2 apply them: within each head of
 * {@code headDim} dimensions, element i (i < headDim/2) and element i + headDim/2 of position t turn
 * by the angle t theta^(-2i/headDim). The backward turns the gradient back by the opposite angle
 * (a rotation's transpose is its inverse).
 */
public final class Rotary {
    private Rotary() {
    }

    /** cos and sin tables [positions, headDim/2] for base {@code theta} (Qwen2: 1,000,000; Llama 2: 10,000). */
    public static void tables(int positions, int headDim, double theta, float[] cos, float[] sin) {
        int half = headDim / 2;
        for (int t = 0; t < positions; t++) {
            for (int i = 0; i < half; i++) {
                double angle = t * Math.pow(theta, -2.0 * i / headDim);
                cos[t * half + i] = (float) Math.cos(angle);
                sin[t * half + i] = (float) Math.sin(angle);
            }
        }
    }

    /**
     * Rotates x [tokens, heads * headDim] (from {@code off}) in place, token t at position
     * {@code position0 + t}; {@code inverse} turns the other way (the backward of the forward
     * rotation). x modified.
     */
    public static void apply(float[] x, int off, int tokens, int heads, int headDim, int position0, float[] cos,
                             float[] sin, boolean inverse) {
        int half = headDim / 2, width = heads * headDim;
        for (int t = 0; t < tokens; t++) {
            int row = off + t * width, tab = (position0 + t) * half;
            for (int h = 0; h < heads; h++) {
                int o = row + h * headDim;
                for (int i = 0; i < half; i++) {
                    float c = cos[tab + i], s = inverse ? -sin[tab + i] : sin[tab + i];
                    float a = x[o + i], b = x[o + i + half];
                    x[o + i] = a * c - b * s;
                    x[o + i + half] = b * c + a * s;
                }
            }
        }
    }
}
