package org.qtune.model;

import java.util.Arrays;
import java.util.List;

/**
 * Token ids of {@code size} sequences padded on the right to one {@code length}, flattened
 * row-major: ids[b length + t], with mask[b length + t] = 1 on real tokens and 0 on padding.
 * Every sequence has at least one real token, and real tokens come first.
 */
public record TokenBatch(int size, int length, int[] ids, int[] mask) {
    public TokenBatch {
        if (size < 1 || length < 1) {
            throw new IllegalArgumentException("a batch needs at least one sequence of at least one token, not " + size
                    + " x " + length);
        }
        if (ids.length != size * length || mask.length != size * length) {
            throw new IllegalArgumentException("ids and mask must hold " + size + " x " + length + " values");
        }
        for (int b = 0; b < size; b++) {
            if (mask[b * length] == 0) {
                throw new IllegalArgumentException("sequence " + b + " of the batch has no tokens");
            }
            for (int t = 1; t < length; t++) {
                if (mask[b * length + t] != 0 && mask[b * length + t - 1] == 0) {
                    throw new IllegalArgumentException("sequence " + b + " has a token after padding (pad on the right)");
                }
            }
        }
    }

    /** Pads the sequences on the right with {@code padId} to the longest one. */
    public static TokenBatch pad(List<int[]> sequences, int padId) {
        int length = 1;
        for (int[] s : sequences) {
            length = Math.max(length, s.length);
        }
        int n = sequences.size();
        int[] ids = new int[n * length], mask = new int[n * length];
        Arrays.fill(ids, padId);
        for (int b = 0; b < n; b++) {
            int[] s = sequences.get(b);
            System.arraycopy(s, 0, ids, b * length, s.length);
            Arrays.fill(mask, b * length, b * length + s.length, 1);
        }
        return new TokenBatch(n, length, ids, mask);
    }

    /** Number of real tokens in sequence b. */
    public int tokens(int b) {
        int n = 0;
        for (int t = 0; t < length; t++) {
            n += mask[b * length + t];
        }
        return n;
    }

    /** Rows of the flattened [size x length] activations. */
    public int rows() {
        return size * length;
    }
}
