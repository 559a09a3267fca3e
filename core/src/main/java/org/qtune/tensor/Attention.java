package org.qtune.tensor;

import org.qtune.tensor.kernel.Softmax;

/**
 * Scaled dot-product attention of one sequence, all heads, forward and backward, with grouped-query
 * heads (query head h reads key/value head h / (heads / kvHeads)), a padding mask over keys and an
 * optional causal mask. Queries are rows of a [tokens, heads x d] matrix, keys and values rows of
 * [keys, kvHeads x d] matrices (a key/value cache is the same layout); each head is a strided slice
 * handed to {@link Gemm}. Scores are scaled by 1/sqrt(d). The probabilities [heads, tokens, keys]
 * are kept for the backward.
 */
public final class Attention {
    private Attention() {
    }

    /** Where one sequence's operands lie: arrays, first element, row stride. */
    public record Operand(float[] data, int offset, int stride) {
    }

    /**
     * out := softmax(q k^T / sqrt(d) + masks) v per head; probs [heads, tokens, keys] from pOff
     * written. Query row t sits at position t + causalOffset among the keys (causalOffset < 0: no
     * causal mask); {@code keyMask[maskOff + j]} = 0 hides key j (null: none). q, k, v not modified.
     */
    public static void forward(Operand q, Operand k, Operand v, int tokens, int keys, int heads, int kvHeads, int d,
                               int[] keyMask, int maskOff, int causalOffset, float[] probs, int pOff, Operand out) {
        int group = heads / kvHeads;
        double scale = 1 / Math.sqrt(d);
        for (int h = 0; h < heads; h++) {
            int g = h / group, p = pOff + h * tokens * keys;
            Gemm.multiply(false, true, tokens, keys, d, 1f, q.data(), q.offset() + h * d, q.stride(), k.data(),
                    k.offset() + g * d, k.stride(), 0f, probs, p, keys);
            Softmax.rows(probs, probs, p, tokens, keys, scale, keyMask, maskOff, causalOffset);
            Gemm.multiply(false, false, tokens, d, keys, 1f, probs, p, keys, v.data(), v.offset() + g * d, v.stride(),
                    0f, out.data(), out.offset() + h * d, out.stride());
        }
    }

    /**
     * The backward of {@link #forward}: dq := (its gradient) written; dk and dv accumulated (zero them
     * first; grouped heads add into the same key/value head). {@code scratch} holds tokens x keys
     * floats from {@code scratchOff}. dOut, q, k, v, probs not modified.
     */
    public static void backward(Operand q, Operand k, Operand v, int tokens, int keys, int heads, int kvHeads, int d,
                                float[] probs, int pOff, Operand dOut, Operand dq, Operand dk, Operand dv,
                                float[] scratch, int scratchOff) {
        int group = heads / kvHeads;
        double scale = 1 / Math.sqrt(d);
        for (int h = 0; h < heads; h++) {
            int g = h / group, p = pOff + h * tokens * keys;
            // dP = dO V^T; dV += P^T dO
            Gemm.multiply(false, true, tokens, keys, d, 1f, dOut.data(), dOut.offset() + h * d, dOut.stride(), v.data(),
                    v.offset() + g * d, v.stride(), 0f, scratch, scratchOff, keys);
            Gemm.multiply(true, false, keys, d, tokens, 1f, probs, p, keys, dOut.data(), dOut.offset() + h * d,
                    dOut.stride(), 1f, dv.data(), dv.offset() + g * d, dv.stride());
            Softmax.rowsBackward(probs, p, scratch, scratch, scratchOff, tokens, keys, scale);
            // dQ = dS K; dK += dS^T Q
            Gemm.multiply(false, false, tokens, d, keys, 1f, scratch, scratchOff, keys, k.data(), k.offset() + g * d, k.stride(),
                    0f, dq.data(), dq.offset() + h * d, dq.stride());
            Gemm.multiply(true, false, keys, d, tokens, 1f, scratch, scratchOff, keys, q.data(), q.offset() + h * d, q.stride(),
                    1f, dk.data(), dk.offset() + g * d, dk.stride());
        }
    }
}
