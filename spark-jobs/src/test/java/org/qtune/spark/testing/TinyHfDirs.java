package org.qtune.spark.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.qtune.model.format.DType;
import org.qtune.model.format.Safetensors;

/** Tiny Hugging Face model directories written by the tests (random weights), one decoder and one encoder. */
public final class TinyHfDirs {
    static final ObjectMapper JSON = new ObjectMapper();
    // a Qwen2-shaped decoder: vocab 1500 (the BPE fixture's), hidden 16, 4 heads of 4, 2 key/value heads
    public static final int V = 1500, H = 16, I = 24, L = 2, HEADS = 4, KV_HEADS = 2, D = 4;

    private TinyHfDirs() {
    }

    public static void put(Map<String, Safetensors.FloatTensor> t, SplittableRandom r, String name, double scale, long... shape) {
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        t.put(name, new Safetensors.FloatTensor(shape, v));
    }

    /** A tiny Qwen2 directory in transformers 4's layout (top-level rope_theta), float32, with the BPE fixture tokenizer. */
    public static Path decoderDir(Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, Safetensors.FloatTensor> t = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(1);
        put(t, r, "model.embed_tokens.weight", 1, V, H);
        for (int l = 0; l < L; l++) {
            String p = "model.layers." + l + ".";
            put(t, r, p + "input_layernorm.weight", 1, H);
            put(t, r, p + "post_attention_layernorm.weight", 1, H);
            for (String proj : List.of("q", "k", "v")) {
                int out = proj.equals("q") ? HEADS * D : KV_HEADS * D;
                put(t, r, p + "self_attn." + proj + "_proj.weight", 0.4, out, H);
                put(t, r, p + "self_attn." + proj + "_proj.bias", 0.1, out);
            }
            put(t, r, p + "self_attn.o_proj.weight", 0.4, H, HEADS * D);
            put(t, r, p + "mlp.gate_proj.weight", 0.4, I, H);
            put(t, r, p + "mlp.up_proj.weight", 0.4, I, H);
            put(t, r, p + "mlp.down_proj.weight", 0.4, H, I);
        }
        put(t, r, "model.norm.weight", 1, H);
        Safetensors.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"), DType.F32);
        ObjectNode c = JSON.createObjectNode();
        c.put("model_type", "qwen2").put("vocab_size", V).put("hidden_size", H).put("intermediate_size", I)
                .put("num_hidden_layers", L).put("num_attention_heads", HEADS).put("num_key_value_heads", KV_HEADS)
                .put("max_position_embeddings", 64).put("rope_theta", 10000.0).put("rms_norm_eps", 1e-6)
                .put("tie_word_embeddings", true).put("eos_token_id", 0).put("hidden_act", "silu");
        Files.writeString(dir.resolve("config.json"), c.toString());
        try (InputStream in = TinyHfDirs.class.getResourceAsStream("/fixtures/bpe/tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        return dir;
    }

    /** A tiny BERT directory with only a vocab.txt. */
    public static Path encoderDir(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat",
                "on", "mat", "quantum", "world", ".", ",", "!", "hello", "##s"));
        Files.write(dir.resolve("vocab.txt"), vocab);
        int n = vocab.size(), h = 8, inner = 12, pos = 32;
        Map<String, Safetensors.FloatTensor> t = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(2);
        put(t, r, "bert.embeddings.word_embeddings.weight", 1, n, h);
        put(t, r, "bert.embeddings.position_embeddings.weight", 0.3, pos, h);
        put(t, r, "bert.embeddings.token_type_embeddings.weight", 0.3, 2, h);
        put(t, r, "bert.embeddings.LayerNorm.gamma", 1, h);
        put(t, r, "bert.embeddings.LayerNorm.beta", 0.1, h);
        String p = "bert.encoder.layer.0.";
        for (String lin : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense")) {
            put(t, r, p + lin + ".weight", 0.4, h, h);
            put(t, r, p + lin + ".bias", 0.1, h);
        }
        put(t, r, p + "intermediate.dense.weight", 0.4, inner, h);
        put(t, r, p + "intermediate.dense.bias", 0.1, inner);
        put(t, r, p + "output.dense.weight", 0.4, h, inner);
        put(t, r, p + "output.dense.bias", 0.1, h);
        for (String norm : List.of("attention.output.LayerNorm", "output.LayerNorm")) {
            put(t, r, p + norm + ".weight", 1, h);
            put(t, r, p + norm + ".bias", 0.1, h);
        }
        put(t, r, "cls.predictions.bias", 0.1, n);
        Safetensors.write(dir.resolve("model.safetensors"), t, Map.of("format", "pt"), DType.BF16);
        ObjectNode c = JSON.createObjectNode();
        c.put("model_type", "bert").put("vocab_size", n).put("hidden_size", h).put("num_hidden_layers", 1)
                .put("num_attention_heads", 2).put("intermediate_size", inner).put("max_position_embeddings", pos)
                .put("type_vocab_size", 2).put("layer_norm_eps", 1e-12).put("hidden_act", "gelu");
        Files.writeString(dir.resolve("config.json"), c.toString());
        return dir;
    }

    /**
     * Writes {@code count} labelled texts of the tiny models' vocabulary as JSON lines
     * ({@code {"text": ..., "label": 0|1}}), label 1 ending in "quantum world", 0 in "the mat".
     */
    public static Path labelledTexts(Path file, int count) throws IOException {
        String[] words = {"the", "cat", "sat", "on", "mat", "hello", "world", "quantum"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("{\"text\": \"" + words[i % 5] + " " + words[(i * 3) % 8] + (i % 2 == 1 ? " quantum world"
                    : " the mat") + "\", \"label\": " + (i % 2) + "}");
        }
        return Files.write(file, lines);
    }
}
