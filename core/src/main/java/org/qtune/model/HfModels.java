package org.qtune.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.qtune.model.format.HfDirectory;
import org.qtune.model.format.Safetensors;
import org.qtune.tokenize.BytePairEncoding;
import org.qtune.tokenize.Tokenizer;
import org.qtune.tokenize.WordPiece;

/**
 * Models from Hugging Face directories: a BERT-family encoder (model_type bert; tensors with or
 * without the {@code bert.} prefix of task checkpoints, LayerNorm {@code gamma}/{@code beta} of old
 * conversions accepted) or a Qwen2/Llama-family decoder, with the directory's tokenizer
 * (tokenizer.json, or vocab.txt for BERT). Weights are converted to float32 on load.
 */
public final class HfModels {
    private HfModels() {
    }

    /** A loaded model: exactly one of encoder and decoder is set; tokenizer may be null when the directory has none. */
    public record Loaded(Path dir, String modelType, Bert encoder, Qwen2 decoder, Tokenizer tokenizer) {
        public long parameters() {
            return encoder != null ? encoder.parameters() : decoder.parameters();
        }

        public List<Linear> linears() {
            return encoder != null ? encoder.linears() : decoder.linears();
        }
    }

    /** Loads a directory; a bad one is an IOException or IllegalArgumentException naming what is wrong. */
    public static Loaded load(Path dir) throws IOException {
        try (HfDirectory d = HfDirectory.open(dir)) {
            String type = d.modelType();
            String source = dir.resolve(HfDirectory.CONFIG).toString();
            if (type.equals("bert")) {
                Bert bert = Bert.load(Bert.Config.fromHuggingFace(d.config(), source), bertSource(d), false);
                return new Loaded(dir, type, bert, null, tokenizer(d, true));
            }
            if (List.of("qwen2", "llama", "mistral").contains(type)) {
                Qwen2 q = Qwen2.load(Qwen2.Config.fromHuggingFace(d.config(), source), source(d, ""));
                return new Loaded(dir, type, null, q, tokenizer(d, false));
            }
            throw new IllegalArgumentException(source + ": model_type '" + type
                    + "' is not supported (bert, qwen2, llama, mistral)");
        }
    }

    /**
     * What a directory holds, from config.json and the safetensors headers alone (no weight read):
     * for sizing a run before loading, and for {@code model-info} on models larger than the heap.
     */
    public record Description(Path dir, String modelType, String family, int layers, int hidden, int vocab,
                              long parameters, long floatBytes, List<Linear.Shape> linears) {
    }

    /** Describes a directory; a bad one is an IOException or IllegalArgumentException. */
    public static Description describe(Path dir) throws IOException {
        try (HfDirectory d = HfDirectory.open(dir)) {
            String type = d.modelType(), source = dir.resolve(HfDirectory.CONFIG).toString();
            long bytes = 0;
            for (String name : d.names()) {
                bytes += d.info(name).elements() * 4;
            }
            if (type.equals("bert")) {
                Bert.Config c = Bert.Config.fromHuggingFace(d.config(), source);
                return new Description(dir, type, "encoder", c.layers(), c.hidden(), c.vocab(), c.parameters(), bytes,
                        c.linearShapes());
            }
            if (List.of("qwen2", "llama", "mistral").contains(type)) {
                Qwen2.Config c = Qwen2.Config.fromHuggingFace(d.config(), source);
                return new Description(dir, type, "decoder", c.layers(), c.hidden(), c.vocab(), c.parameters(), bytes,
                        c.linearShapes());
            }
            throw new IllegalArgumentException(source + ": model_type '" + type
                    + "' is not supported (bert, qwen2, llama, mistral)");
        }
    }

    /**
     * The ids that end generation: eos_token_id (a number or a list) of generation_config.json when
     * the directory has one, else of config.json; empty when neither says.
     */
    public static int[] eosTokenIds(Path dir) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String file : List.of("generation_config.json", HfDirectory.CONFIG)) {
            Path p = dir.resolve(file);
            if (Files.isRegularFile(p)) {
                var eos = mapper.readTree(p.toFile()).path("eos_token_id");
                if (eos.isInt()) {
                    return new int[] {eos.intValue()};
                }
                if (eos.isArray()) {
                    int[] out = new int[eos.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = eos.get(i).asInt();
                    }
                    return out;
                }
            }
        }
        return new int[0];
    }

    /** Bytes the model's float32 weights will take once loaded (from the headers alone). */
    public static long floatBytes(Path dir) throws IOException {
        try (HfDirectory d = HfDirectory.open(dir)) {
            long n = 0;
            for (String name : d.names()) {
                n += d.info(name).elements() * 4;
            }
            return n;
        }
    }

    private static TensorSource bertSource(HfDirectory d) {
        String prefix = d.has("embeddings.word_embeddings.weight") || !d.has("bert.embeddings.word_embeddings.weight")
                ? "" : "bert.";
        return source(d, prefix);
    }

    private static TensorSource source(HfDirectory d, String prefix) {
        return new TensorSource() {
            private String stored(String name) {
                String n = prefix + name;
                if (!d.has(n) && n.endsWith("LayerNorm.weight")) {
                    n = n.substring(0, n.length() - "weight".length()) + "gamma";
                } else if (!d.has(n) && n.endsWith("LayerNorm.bias")) {
                    n = n.substring(0, n.length() - "bias".length()) + "beta";
                }
                return d.has(n) ? n : prefix + name;
            }

            @Override
            public boolean has(String name) {
                return d.has(stored(name));
            }

            @Override
            public float[] take(String name, long... shape) throws IOException {
                String n = stored(name);
                if (!d.has(n)) {
                    throw new IllegalArgumentException(source() + ": missing tensor " + n);
                }
                Safetensors.TensorInfo info = d.info(n);
                if (!Arrays.equals(info.shape(), shape)) {
                    throw new IllegalArgumentException(source() + ": tensor " + n + " has shape "
                            + Arrays.toString(info.shape()) + ", the config implies " + Arrays.toString(shape));
                }
                return d.floats(n);
            }

            @Override
            public String source() {
                return d.path().toString();
            }
        };
    }

    private static Tokenizer tokenizer(HfDirectory d, boolean encoder) throws IOException {
        var json = d.file("tokenizer.json");
        if (json.isPresent()) {
            String type;
            try (InputStream in = Files.newInputStream(json.get())) {
                type = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("model").path("type").asText("");
            }
            try (InputStream in = Files.newInputStream(json.get())) {
                return switch (type) {
                    case "WordPiece" -> WordPiece.read(in, json.get().toString());
                    case "BPE" -> BytePairEncoding.read(in, json.get().toString());
                    default -> throw new IllegalArgumentException(json.get() + ": tokenizer model '" + type
                            + "' is not supported (WordPiece, BPE)");
                };
            }
        }
        var vocab = d.file("vocab.txt");
        if (encoder && vocab.isPresent()) {
            boolean lower = true;
            var tc = d.file("tokenizer_config.json");
            if (tc.isPresent()) {
                lower = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tc.get().toFile())
                        .path("do_lower_case").asBoolean(true);
            }
            return WordPiece.fromVocab(Files.readAllLines(vocab.get()), lower, vocab.get().toString());
        }
        return null;
    }
}
