package org.qtune.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qtune.tensor.kernel.Rotary;

/**
 * A decoder of the Qwen2 / Llama family, frozen weights and shape: token embeddings; per layer an
 * RMSNorm, grouped-query self-attention with rotary position embeddings (half-split, base
 * {@code ropeTheta}) and optional q/k/v (and o) biases, a residual, an RMSNorm and a SwiGLU MLP
 * (down(SiLU(gate x) * up x)), a residual; a final RMSNorm and the LM head, tied to the embeddings
 * or its own. Module paths are Hugging Face's ({@code model.layers.0.self_attn.q_proj}). Immutable:
 * one copy per JVM is shared by every {@link DecoderPass}.
 */
public final class Qwen2 {
    /** The shape of a decoder, as a Hugging Face {@code config.json} gives it. */
    public record Config(int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads, int headDim,
                         int maxPositions, double ropeTheta, double rmsNormEps, boolean tiedEmbeddings,
                         boolean qkvBias, boolean outputBias, boolean mlpBias) {
        public Config {
            if (vocab < 1 || hidden < 1 || intermediate < 1 || layers < 1 || heads < 1 || kvHeads < 1 || headDim < 2
                    || maxPositions < 1) {
                throw new IllegalArgumentException("every size of a decoder config must be positive");
            }
            if (heads % kvHeads != 0) {
                throw new IllegalArgumentException(heads + " attention heads are not a multiple of " + kvHeads
                        + " key/value heads");
            }
            if (headDim % 2 != 0) {
                throw new IllegalArgumentException("rotary embeddings need an even head dimension, not " + headDim);
            }
            if (!(ropeTheta > 1) || !(rmsNormEps > 0)) {
                throw new IllegalArgumentException("rope_theta must exceed 1 and rms_norm_eps be positive");
            }
        }

        /** Width of the query projection (heads x headDim). */
        public int queryWidth() {
            return heads * headDim;
        }

        /** Width of the key and value projections (kvHeads x headDim). */
        public int kvWidth() {
            return kvHeads * headDim;
        }

        /** Every linear layer's path and shape, in order. */
        public List<Linear.Shape> linearShapes() {
            List<Linear.Shape> out = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                String p = "model.layers." + l + ".";
                out.add(new Linear.Shape(p + "self_attn.q_proj", hidden, queryWidth(), qkvBias));
                out.add(new Linear.Shape(p + "self_attn.k_proj", hidden, kvWidth(), qkvBias));
                out.add(new Linear.Shape(p + "self_attn.v_proj", hidden, kvWidth(), qkvBias));
                out.add(new Linear.Shape(p + "self_attn.o_proj", queryWidth(), hidden, outputBias));
                out.add(new Linear.Shape(p + "mlp.gate_proj", hidden, intermediate, mlpBias));
                out.add(new Linear.Shape(p + "mlp.up_proj", hidden, intermediate, mlpBias));
                out.add(new Linear.Shape(p + "mlp.down_proj", intermediate, hidden, mlpBias));
            }
            return out;
        }

        /** Number of parameters the config implies (a tied head counted once). */
        public long parameters() {
            long n = (long) vocab * hidden * (tiedEmbeddings ? 1 : 2) + hidden + layers * 2L * hidden;
            for (Linear.Shape s : linearShapes()) {
                n += s.parameters();
            }
            return n;
        }

        /**
         * This config as a Hugging Face {@code config.json} of model_type qwen2 (a Qwen2 has q/k/v
         * biases and no others; {@code transformers} and {@link #fromHuggingFace} both read it back).
         */
        public com.fasterxml.jackson.databind.node.ObjectNode toHuggingFace(int eosTokenId) {
            if (!qkvBias || outputBias || mlpBias || headDim * heads != hidden) {
                throw new IllegalStateException("only a Qwen2-shaped config (q/k/v biases, head_dim = hidden / heads) is"
                        + " written as qwen2");
            }
            com.fasterxml.jackson.databind.node.ObjectNode c = new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode();
            c.putArray("architectures").add("Qwen2ForCausalLM");
            c.put("model_type", "qwen2").put("vocab_size", vocab).put("hidden_size", hidden)
                    .put("intermediate_size", intermediate).put("num_hidden_layers", layers)
                    .put("num_attention_heads", heads).put("num_key_value_heads", kvHeads)
                    .put("max_position_embeddings", maxPositions).put("rope_theta", ropeTheta)
                    .put("rms_norm_eps", rmsNormEps).put("tie_word_embeddings", tiedEmbeddings)
                    .put("hidden_act", "silu").put("use_sliding_window", false).put("bos_token_id", eosTokenId)
                    .put("eos_token_id", eosTokenId).put("torch_dtype", "float32").put("attention_dropout", 0.0);
            return c;
        }

        /**
         * Reads a Hugging Face {@code config.json} of model_type qwen2, llama or mistral (without
         * sliding windows); an unsupported variant (rope_scaling, another activation) is an
         * IllegalArgumentException naming the field.
         */
        public static Config fromHuggingFace(JsonNode json, String source) {
            HfConfig c = new HfConfig(json, source);
            String type = c.text("model_type", "");
            if (!List.of("qwen2", "llama", "mistral").contains(type)) {
                throw new IllegalArgumentException(source + ": model_type '" + type
                        + "' is not a decoder qtune runs (qwen2, llama, mistral)");
            }
            String act = c.text("hidden_act", "silu");
            if (!act.equals("silu")) {
                throw new IllegalArgumentException(source + ": hidden_act '" + act + "' is not supported (only silu)");
            }
            // transformers 4 writes rope_theta (and rope_scaling); transformers 5 writes rope_parameters.
            double theta = c.number("rope_theta", Double.NaN);
            JsonNode rope = json.get("rope_parameters") != null && !json.get("rope_parameters").isNull()
                    ? json.get("rope_parameters") : json.get("rope_scaling");
            if (rope != null && !rope.isNull()) {
                String ropeType = rope.path("rope_type").asText(rope.path("type").asText("default"));
                if (!ropeType.equals("default")) {
                    throw new IllegalArgumentException(source + ": rope type '" + ropeType
                            + "' is not supported (plain rotary embeddings only)");
                }
                if (Double.isNaN(theta) && rope.path("rope_theta").isNumber()) {
                    theta = rope.path("rope_theta").doubleValue();
                }
            }
            if (Double.isNaN(theta)) {
                theta = 10000;
            }
            for (JsonNode layerType : json.path("layer_types")) {
                if (!layerType.asText().equals("full_attention")) {
                    throw new IllegalArgumentException(source + ": layer type '" + layerType.asText()
                            + "' is not supported (only full_attention)");
                }
            }
            if (c.bool("use_sliding_window", false) || (type.equals("mistral") && c.present("sliding_window"))) {
                throw new IllegalArgumentException(source + ": sliding-window attention is not supported");
            }
            int hidden = c.integer("hidden_size"), heads = c.integer("num_attention_heads");
            boolean qwen = type.equals("qwen2");
            boolean attentionBias = c.bool("attention_bias", false);
            return new Config(c.integer("vocab_size"), hidden, c.integer("intermediate_size"),
                    c.integer("num_hidden_layers"), heads, c.integer("num_key_value_heads", heads),
                    c.integer("head_dim", hidden / heads), c.integer("max_position_embeddings"),
                    theta, c.number("rms_norm_eps", 1e-6),
                    c.bool("tie_word_embeddings", false),
                    qwen || attentionBias, !qwen && attentionBias, c.bool("mlp_bias", false));
        }
    }

    /** One decoder block. */
    public record Layer(float[] inputNorm, Linear q, Linear k, Linear v, Linear o, float[] postAttentionNorm,
                        Linear gate, Linear up, Linear down) {
        public List<Linear> linears() {
            return List.of(q, k, v, o, gate, up, down);
        }
    }

    private final Config config;
    private final float[] embeddings, finalNorm, lmHead;
    private final Layer[] layers;
    private final float[] cos, sin;

    private Qwen2(Config config, float[] embeddings, Layer[] layers, float[] finalNorm, float[] lmHead) {
        this.config = config;
        this.embeddings = embeddings;
        this.layers = layers;
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        int half = config.headDim() / 2;
        this.cos = new float[config.maxPositions() * half];
        this.sin = new float[config.maxPositions() * half];
        Rotary.tables(config.maxPositions(), config.headDim(), config.ropeTheta(), cos, sin);
    }

    /** Builds the decoder from tensors named as Hugging Face's Qwen2ForCausalLM / LlamaForCausalLM save them. */
    public static Qwen2 load(Config c, TensorSource t) throws IOException {
        int H = c.hidden(), I = c.intermediate(), Q = c.queryWidth(), KV = c.kvWidth();
        float[] emb = t.take("model.embed_tokens.weight", c.vocab(), H);
        Layer[] layers = new Layer[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            layers[l] = new Layer(t.take(p + "input_layernorm.weight", H),
                    linear(t, p + "self_attn.q_proj", H, Q, c.qkvBias()), linear(t, p + "self_attn.k_proj", H, KV, c.qkvBias()),
                    linear(t, p + "self_attn.v_proj", H, KV, c.qkvBias()), linear(t, p + "self_attn.o_proj", Q, H, c.outputBias()),
                    t.take(p + "post_attention_layernorm.weight", H), linear(t, p + "mlp.gate_proj", H, I, c.mlpBias()),
                    linear(t, p + "mlp.up_proj", H, I, c.mlpBias()), linear(t, p + "mlp.down_proj", I, H, c.mlpBias()));
        }
        float[] norm = t.take("model.norm.weight", H);
        float[] head = c.tiedEmbeddings() ? emb : t.take("lm_head.weight", c.vocab(), H);
        return new Qwen2(c, emb, layers, norm, head);
    }

    private static Linear linear(TensorSource t, String path, int in, int out, boolean bias) throws IOException {
        return new Linear(path, in, out, t.take(path + ".weight", out, in), bias ? t.take(path + ".bias", out) : null);
    }

    public Config config() {
        return config;
    }

    public Layer layer(int l) {
        return layers[l];
    }

    float[] embeddings() {
        return embeddings;
    }

    float[] finalNorm() {
        return finalNorm;
    }

    /** The LM head [vocab, hidden] (the embeddings themselves when tied). */
    float[] lmHead() {
        return lmHead;
    }

    float[] ropeCos() {
        return cos;
    }

    float[] ropeSin() {
        return sin;
    }

    /** Every linear layer, in order (the ones adapters may attach to). */
    public List<Linear> linears() {
        List<Linear> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.linears());
        }
        return all;
    }

    /**
     * Every parameter tensor by its Hugging Face name, in a fixed order (embeddings, each layer's
     * input norm, q/k/v/o weight and bias, post-attention norm, gate/up/down, the final norm, an
     * untied head): the live arrays, so a trainer can write new values into them, and the order in
     * which a flat parameter vector of the whole decoder lists them.
     */
    public Map<String, org.qtune.model.format.Safetensors.FloatTensor> tensors() {
        Map<String, org.qtune.model.format.Safetensors.FloatTensor> t = new java.util.LinkedHashMap<>();
        int H = config.hidden();
        t.put("model.embed_tokens.weight", tensor(embeddings, config.vocab(), H));
        for (int l = 0; l < layers.length; l++) {
            Layer x = layers[l];
            String p = "model.layers." + l + ".";
            t.put(p + "input_layernorm.weight", tensor(x.inputNorm(), H));
            for (Linear lin : List.of(x.q(), x.k(), x.v(), x.o())) {
                putLinear(t, lin);
            }
            t.put(p + "post_attention_layernorm.weight", tensor(x.postAttentionNorm(), H));
            for (Linear lin : List.of(x.gate(), x.up(), x.down())) {
                putLinear(t, lin);
            }
        }
        t.put("model.norm.weight", tensor(finalNorm, H));
        if (!config.tiedEmbeddings()) {
            t.put("lm_head.weight", tensor(lmHead, config.vocab(), H));
        }
        return t;
    }

    private static void putLinear(Map<String, org.qtune.model.format.Safetensors.FloatTensor> t, Linear lin) {
        t.put(lin.path() + ".weight", tensor(lin.weight(), lin.out(), lin.in()));
        if (lin.bias() != null) {
            t.put(lin.path() + ".bias", tensor(lin.bias(), lin.out()));
        }
    }

    private static org.qtune.model.format.Safetensors.FloatTensor tensor(float[] data, long... shape) {
        return new org.qtune.model.format.Safetensors.FloatTensor(shape, data);
    }

    /** A decoder of the same config with its own copy of every array (for training it apart from others). */
    public Qwen2 copy() {
        Map<String, float[]> arrays = new java.util.HashMap<>();
        tensors().forEach((k, v) -> arrays.put(k, v.data().clone()));
        try {
            return load(config, arrays(arrays));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new decoder with Hugging Face's initialization for Qwen2: every matrix normal with standard
     * deviation {@code std} (0.02 there), biases zero, norms one; drawn from {@code seed} tensor by
     * tensor in {@link #tensors()}' order.
     */
    public static Qwen2 initialized(Config c, double std, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Map<String, float[]> arrays = new java.util.HashMap<>();
        Qwen2 shape;
        try {
            shape = load(c, new TensorSource() {
                @Override
                public boolean has(String name) {
                    return true;
                }

                @Override
                public float[] take(String name, long... dims) {
                    long n = 1;
                    for (long d : dims) {
                        n *= d;
                    }
                    return new float[(int) n];
                }

                @Override
                public String source() {
                    return "zeros";
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        shape.tensors().forEach((name, t) -> {
            float[] v = t.data().clone();
            if (name.endsWith("norm.weight")) {
                java.util.Arrays.fill(v, 1f);
            } else if (!name.endsWith(".bias")) {
                java.util.SplittableRandom own = r.split();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (std * gaussian(own));
                }
            }
            arrays.put(name, v);
        });
        try {
            return load(c, arrays(arrays));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A standard normal draw (Box-Muller, one of the pair). */
    private static double gaussian(java.util.SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static TensorSource arrays(Map<String, float[]> arrays) {
        return new TensorSource() {
            @Override
            public boolean has(String name) {
                return arrays.containsKey(name);
            }

            @Override
            public float[] take(String name, long... dims) {
                float[] v = arrays.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("no tensor " + name);
                }
                return v;
            }

            @Override
            public String source() {
                return "arrays";
            }
        };
    }

    /** Number of parameters (the tied head counted once, as Hugging Face counts it). */
    public long parameters() {
        long n = embeddings.length + finalNorm.length + (config.tiedEmbeddings() ? 0 : lmHead.length);
        for (Layer l : layers) {
            n += l.inputNorm().length + l.postAttentionNorm().length;
        }
        for (Linear lin : linears()) {
            n += lin.parameters();
        }
        return n;
    }

    /** The same decoder with some linear layers replaced by path (adapters merged into them). */
    public Qwen2 withLinears(Map<String, Linear> replaced) {
        Layer[] out = new Layer[layers.length];
        for (int l = 0; l < layers.length; l++) {
            Layer x = layers[l];
            out[l] = new Layer(x.inputNorm(), pick(x.q(), replaced), pick(x.k(), replaced), pick(x.v(), replaced),
                    pick(x.o(), replaced), x.postAttentionNorm(), pick(x.gate(), replaced), pick(x.up(), replaced),
                    pick(x.down(), replaced));
        }
        return new Qwen2(config, embeddings, out, finalNorm, lmHead);
    }

    static Linear pick(Linear lin, Map<String, Linear> replaced) {
        Linear r = replaced.get(lin.path());
        if (r != null && (r.in() != lin.in() || r.out() != lin.out())) {
            throw new IllegalArgumentException("replacement for " + lin.path() + " has another shape");
        }
        return r == null ? lin : r;
    }
}
