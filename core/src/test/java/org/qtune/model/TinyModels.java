package org.qtune.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Small random models held in memory, for tests: their tensors by Hugging Face name. */
public final class TinyModels {
    private TinyModels() {
    }

    /** A tensor source over a map (shapes checked by element count and recorded shape). */
    public static TensorSource source(Map<String, float[]> tensors, Map<String, long[]> shapes) {
        return new TensorSource() {
            @Override
            public boolean has(String name) {
                return tensors.containsKey(name);
            }

            @Override
            public float[] take(String name, long... shape) {
                if (!tensors.containsKey(name)) {
                    throw new IllegalArgumentException("missing tensor " + name);
                }
                if (!Arrays.equals(shapes.get(name), shape)) {
                    throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shapes.get(name))
                            + ", expected " + Arrays.toString(shape));
                }
                return tensors.get(name);
            }

            @Override
            public String source() {
                return "memory";
            }
        };
    }

    /** Random tensors: weights N(0, 0.3^2)-ish uniform, norms around 1. */
    public static final class Builder {
        final Map<String, float[]> tensors = new LinkedHashMap<>();
        final Map<String, long[]> shapes = new LinkedHashMap<>();
        private final SplittableRandom random;

        public Builder(long seed) {
            random = new SplittableRandom(seed);
        }

        Builder put(String name, double center, double spread, long... shape) {
            int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (center + spread * (2 * random.nextDouble() - 1));
            }
            tensors.put(name, v);
            shapes.put(name, shape);
            return this;
        }

        public Map<String, float[]> tensors() {
            return tensors;
        }

        public TensorSource source() {
            return TinyModels.source(tensors, shapes);
        }
    }

    public static Builder qwen2Weights(Qwen2.Config c, long seed) {
        Builder b = new Builder(seed);
        int H = c.hidden(), I = c.intermediate(), Q = c.queryWidth(), KV = c.kvWidth();
        b.put("model.embed_tokens.weight", 0, 0.8, c.vocab(), H);
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            b.put(p + "input_layernorm.weight", 1, 0.2, H);
            linear(b, p + "self_attn.q_proj", H, Q, c.qkvBias());
            linear(b, p + "self_attn.k_proj", H, KV, c.qkvBias());
            linear(b, p + "self_attn.v_proj", H, KV, c.qkvBias());
            linear(b, p + "self_attn.o_proj", Q, H, c.outputBias());
            b.put(p + "post_attention_layernorm.weight", 1, 0.2, H);
            linear(b, p + "mlp.gate_proj", H, I, c.mlpBias());
            linear(b, p + "mlp.up_proj", H, I, c.mlpBias());
            linear(b, p + "mlp.down_proj", I, H, c.mlpBias());
        }
        b.put("model.norm.weight", 1, 0.2, H);
        if (!c.tiedEmbeddings()) {
            b.put("lm_head.weight", 0, 0.5, c.vocab(), H);
        }
        return b;
    }

    public static Builder bertWeights(Bert.Config c, long seed) {
        Builder b = new Builder(seed);
        int H = c.hidden(), I = c.intermediate();
        b.put("embeddings.word_embeddings.weight", 0, 0.8, c.vocab(), H);
        b.put("embeddings.position_embeddings.weight", 0, 0.3, c.maxPositions(), H);
        b.put("embeddings.token_type_embeddings.weight", 0, 0.3, c.typeVocab(), H);
        b.put("embeddings.LayerNorm.weight", 1, 0.2, H).put("embeddings.LayerNorm.bias", 0, 0.1, H);
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            linear(b, p + "attention.self.query", H, H, true);
            linear(b, p + "attention.self.key", H, H, true);
            linear(b, p + "attention.self.value", H, H, true);
            linear(b, p + "attention.output.dense", H, H, true);
            b.put(p + "attention.output.LayerNorm.weight", 1, 0.2, H).put(p + "attention.output.LayerNorm.bias", 0, 0.1, H);
            linear(b, p + "intermediate.dense", H, I, true);
            linear(b, p + "output.dense", I, H, true);
            b.put(p + "output.LayerNorm.weight", 1, 0.2, H).put(p + "output.LayerNorm.bias", 0, 0.1, H);
        }
        return b;
    }

    private static void linear(Builder b, String path, int in, int out, boolean bias) {
        b.put(path + ".weight", 0, 1.2 / Math.sqrt(in), out, in);
        if (bias) {
            b.put(path + ".bias", 0, 0.1, out);
        }
    }
}
