package org.qtune.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A BERT-family encoder's frozen weights and shape: word + position + token-type embeddings and a
 * LayerNorm, then {@code layers} post-LayerNorm blocks of multi-head self-attention (query, key,
 * value, output projections with biases) and an exact-erf GELU MLP. Immutable: one copy per JVM is
 * shared by every {@link EncoderPass}. Module paths are Hugging Face's ({@code encoder.layer.0.attention.self.query}).
 */
public final class Bert {
    /** The shape of a BERT encoder, as a Hugging Face {@code config.json} gives it. */
    public record Config(int vocab, int hidden, int layers, int heads, int intermediate, int maxPositions,
                         int typeVocab, double layerNormEps) {
        public Config {
            if (vocab < 1 || hidden < 1 || layers < 1 || heads < 1 || intermediate < 1 || maxPositions < 1 || typeVocab < 1) {
                throw new IllegalArgumentException("every size of a BERT config must be positive");
            }
            if (hidden % heads != 0) {
                throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
            }
            if (!(layerNormEps > 0)) {
                throw new IllegalArgumentException("layer_norm_eps must be positive, not " + layerNormEps);
            }
        }

        /** Reads a Hugging Face BERT {@code config.json}; an unsupported variant is an IllegalArgumentException. */
        public static Config fromHuggingFace(JsonNode json, String source) {
            HfConfig c = new HfConfig(json, source);
            String act = c.text("hidden_act", "gelu");
            if (!act.equals("gelu")) {
                throw new IllegalArgumentException(source + ": hidden_act '" + act + "' is not supported (only exact-erf 'gelu')");
            }
            String positions = c.text("position_embedding_type", "absolute");
            if (!positions.equals("absolute")) {
                throw new IllegalArgumentException(source + ": position_embedding_type '" + positions
                        + "' is not supported (only 'absolute')");
            }
            return new Config(c.integer("vocab_size"), c.integer("hidden_size"), c.integer("num_hidden_layers"),
                    c.integer("num_attention_heads"), c.integer("intermediate_size"),
                    c.integer("max_position_embeddings"), c.integer("type_vocab_size", 2),
                    c.number("layer_norm_eps", 1e-12));
        }

        /** Every linear layer's path and shape, in order. */
        public List<Linear.Shape> linearShapes() {
            List<Linear.Shape> out = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                String p = "encoder.layer." + l + ".";
                out.add(new Linear.Shape(p + "attention.self.query", hidden, hidden, true));
                out.add(new Linear.Shape(p + "attention.self.key", hidden, hidden, true));
                out.add(new Linear.Shape(p + "attention.self.value", hidden, hidden, true));
                out.add(new Linear.Shape(p + "attention.output.dense", hidden, hidden, true));
                out.add(new Linear.Shape(p + "intermediate.dense", hidden, intermediate, true));
                out.add(new Linear.Shape(p + "output.dense", intermediate, hidden, true));
            }
            return out;
        }

        /** Number of parameters the config implies (embeddings, norms, linear layers). */
        public long parameters() {
            long n = (long) (vocab + maxPositions + typeVocab) * hidden + 2L * hidden + layers * 4L * hidden;
            for (Linear.Shape s : linearShapes()) {
                n += s.parameters();
            }
            return n;
        }
    }

    /** A LayerNorm's scale and shift. */
    public record Norm(float[] gamma, float[] beta) {
    }

    /** One encoder block. */
    public record Layer(Linear query, Linear key, Linear value, Linear attentionOutput, Norm attentionNorm,
                        Linear intermediate, Linear output, Norm outputNorm) {
        public List<Linear> linears() {
            return List.of(query, key, value, attentionOutput, intermediate, output);
        }
    }

    private final Config config;
    private final float[] wordEmbeddings, positionEmbeddings, typeEmbeddings;
    private final Norm embeddingNorm;
    private final Layer[] layers;

    private Bert(Config config, float[] word, float[] position, float[] type, Norm embeddingNorm, Layer[] layers) {
        this.config = config;
        this.wordEmbeddings = word;
        this.positionEmbeddings = position;
        this.typeEmbeddings = type;
        this.embeddingNorm = embeddingNorm;
        this.layers = layers;
    }

    /**
     * Builds the encoder from tensors named as Hugging Face's BertModel saves them (no prefix:
     * {@code embeddings.word_embeddings.weight}, {@code encoder.layer.L.attention.self.query.weight} [out, in], ...).
     * {@code transposed}: matrices are stored [in, out] (ONNX's layout) and are turned on load.
     */
    public static Bert load(Config c, TensorSource t, boolean transposed) throws IOException {
        int H = c.hidden(), I = c.intermediate();
        float[] word = t.take("embeddings.word_embeddings.weight", c.vocab(), H);
        float[] pos = t.take("embeddings.position_embeddings.weight", c.maxPositions(), H);
        float[] type = t.take("embeddings.token_type_embeddings.weight", c.typeVocab(), H);
        Norm embNorm = norm(t, "embeddings.LayerNorm", H);
        Layer[] layers = new Layer[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            layers[l] = new Layer(linear(t, p + "attention.self.query", H, H, transposed),
                    linear(t, p + "attention.self.key", H, H, transposed),
                    linear(t, p + "attention.self.value", H, H, transposed),
                    linear(t, p + "attention.output.dense", H, H, transposed), norm(t, p + "attention.output.LayerNorm", H),
                    linear(t, p + "intermediate.dense", H, I, transposed), linear(t, p + "output.dense", I, H, transposed),
                    norm(t, p + "output.LayerNorm", H));
        }
        return new Bert(c, word, pos, type, embNorm, layers);
    }

    private static Linear linear(TensorSource t, String path, int in, int out, boolean transposed) throws IOException {
        float[] w;
        if (transposed) {
            float[] stored = t.take(path + ".weight", in, out);
            w = new float[in * out];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[o * in + i] = stored[i * out + o];
                }
            }
        } else {
            w = t.take(path + ".weight", out, in);
        }
        return new Linear(path, in, out, w, t.take(path + ".bias", out));
    }

    private static Norm norm(TensorSource t, String path, int h) throws IOException {
        return new Norm(t.take(path + ".weight", h), t.take(path + ".bias", h));
    }

    public Config config() {
        return config;
    }

    public Layer layer(int l) {
        return layers[l];
    }

    float[] wordEmbeddings() {
        return wordEmbeddings;
    }

    float[] positionEmbeddings() {
        return positionEmbeddings;
    }

    float[] typeEmbeddings() {
        return typeEmbeddings;
    }

    Norm embeddingNorm() {
        return embeddingNorm;
    }

    /** Every linear layer, in order (the ones adapters may attach to). */
    public List<Linear> linears() {
        List<Linear> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.linears());
        }
        return all;
    }

    /** Number of parameters (embeddings, norms, linear weights and biases). */
    public long parameters() {
        long n = wordEmbeddings.length + positionEmbeddings.length + typeEmbeddings.length + 2L * config.hidden();
        for (Linear lin : linears()) {
            n += lin.parameters();
        }
        return n + layers.length * 4L * config.hidden();
    }

    /** The same encoder with some linear layers replaced by path (adapters merged into them). */
    public Bert withLinears(java.util.Map<String, Linear> replaced) {
        Layer[] out = new Layer[layers.length];
        for (int l = 0; l < layers.length; l++) {
            Layer x = layers[l];
            out[l] = new Layer(Qwen2.pick(x.query(), replaced), Qwen2.pick(x.key(), replaced),
                    Qwen2.pick(x.value(), replaced), Qwen2.pick(x.attentionOutput(), replaced), x.attentionNorm(),
                    Qwen2.pick(x.intermediate(), replaced), Qwen2.pick(x.output(), replaced), x.outputNorm());
        }
        return new Bert(config, wordEmbeddings, positionEmbeddings, typeEmbeddings, embeddingNorm, out);
    }

    /** The last hidden states [T][hidden] of one sequence (a convenience over {@link EncoderPass}). */
    public float[][] forward(int[] ids, int[] mask) {
        TokenBatch batch = new TokenBatch(1, ids.length, ids, mask);
        float[] h = new EncoderPass(this, java.util.Map.of()).forward(batch, false);
        float[][] rows = new float[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            rows[t] = java.util.Arrays.copyOfRange(h, t * config.hidden(), (t + 1) * config.hidden());
        }
        return rows;
    }
}
