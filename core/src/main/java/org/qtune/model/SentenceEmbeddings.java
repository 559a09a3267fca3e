package org.qtune.model;

import java.util.Arrays;
import org.qtune.tokenize.Tokenizer;

/**
 * Sentence embeddings as sentence-transformers makes them with mean pooling: the encoder's last
 * hidden states averaged over the text's tokens, then L2-normalized. Texts longer than
 * {@code maxTokens} ids are cut, the last id ([SEP]) kept.
 */
public final class SentenceEmbeddings {
    private final Bert encoder;
    private final Tokenizer tokenizer;
    private final int maxTokens;

    public SentenceEmbeddings(Bert encoder, Tokenizer tokenizer, int maxTokens) {
        if (maxTokens < 2 || maxTokens > encoder.config().maxPositions()) {
            throw new IllegalArgumentException("max tokens " + maxTokens + " outside 2.." + encoder.config().maxPositions());
        }
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
    }

    public int dimension() {
        return encoder.config().hidden();
    }

    /** The normalized embedding of one text. */
    public float[] embed(String text) {
        int[] ids = tokenizer.encode(text);
        if (ids.length > maxTokens) {
            int last = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, maxTokens);
            ids[maxTokens - 1] = last;
        }
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        float[][] h = encoder.forward(ids, mask);
        int H = dimension();
        double[] mean = new double[H];
        for (float[] row : h) {
            for (int i = 0; i < H; i++) {
                mean[i] += row[i];
            }
        }
        double norm = 0;
        for (int i = 0; i < H; i++) {
            mean[i] /= h.length;
            norm += mean[i] * mean[i];
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[H];
        for (int i = 0; i < H; i++) {
            out[i] = (float) (mean[i] / norm);
        }
        return out;
    }
}
