package org.qtune.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.qtune.model.format.OnnxInitializers;
import org.qtune.tokenize.WordPiece;

/**
 * all-MiniLM-L6-v2 (6 layers, 384 hidden, 12 heads of 32, 1536 intermediate, LayerNorm eps 1e-12,
 * 22,565,376 parameters) from the ONNX file and tokenizer.json in its Maven Central jar, and sentence
 * embeddings as sentence-transformers makes them: the mask-weighted mean of the last hidden states,
 * L2-normalized. Inputs longer than {@link #MAX_TOKENS} tokens are truncated, as the model's
 * sentence-transformers configuration does.
 */
public final class MiniLm {
    public static final String ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";
    /** sentence-transformers' max_seq_length for this model. */
    public static final int MAX_TOKENS = 256;
    public static final Bert.Config CONFIG = new Bert.Config(30522, 384, 6, 12, 1536, 512, 2, 1e-12);

    private final Bert bert;
    private final WordPiece tokenizer;

    private MiniLm(Bert bert, WordPiece tokenizer) {
        this.bert = bert;
        this.tokenizer = tokenizer;
    }

    /** Loads the model and tokenizer from the all-MiniLM-L6-v2 jar on the class path. */
    public static MiniLm load() throws IOException {
        Map<String, OnnxInitializers.Tensor> weights;
        try (InputStream in = MiniLm.class.getResourceAsStream(ONNX_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + ONNX_RESOURCE + " on the class path (the all-MiniLM-L6-v2 jar)");
            }
            weights = OnnxInitializers.read(new java.io.BufferedInputStream(in, 1 << 20), ONNX_RESOURCE);
        }
        return new MiniLm(Bert.load(CONFIG, onnxSource(weights), true), WordPiece.miniLm());
    }

    /** The ONNX initializers as a tensor source; its matrices are stored [in, out]. */
    private static TensorSource onnxSource(Map<String, OnnxInitializers.Tensor> weights) {
        return new TensorSource() {
            @Override
            public boolean has(String name) {
                return weights.containsKey(name);
            }

            @Override
            public float[] take(String name, long... shape) {
                OnnxInitializers.Tensor t = weights.get(name);
                if (t == null) {
                    throw new IllegalArgumentException(ONNX_RESOURCE + ": no tensor " + name);
                }
                if (!java.util.Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException(ONNX_RESOURCE + ": tensor " + name + " has shape "
                            + java.util.Arrays.toString(t.shape()) + ", expected " + java.util.Arrays.toString(shape));
                }
                return t.data();
            }

            @Override
            public String source() {
                return ONNX_RESOURCE;
            }
        };
    }

    public Bert encoder() {
        return bert;
    }

    public WordPiece tokenizer() {
        return tokenizer;
    }

    /** The L2-normalized mean of the last hidden states over the text's tokens. */
    public float[] embed(String text) {
        return new SentenceEmbeddings(bert, tokenizer, MAX_TOKENS).embed(text);
    }
}
