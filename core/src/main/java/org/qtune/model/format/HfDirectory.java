package org.qtune.model.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model directory in Hugging Face's layout: {@code config.json}, the weights in
 * {@code model.safetensors} or in shards listed by {@code model.safetensors.index.json}
 * ({@code {"weight_map": {"tensor": "model-00001-of-00002.safetensors", ...}}}), and tokenizer
 * files. Every shard's header is checked on open (see {@link Safetensors}); a tensor the index names
 * must be in its shard. Pickled PyTorch files are never read (unpickling can run code). Close it to
 * release the shards.
 */
public final class HfDirectory implements AutoCloseable {
    public static final String CONFIG = "config.json", WEIGHTS = "model.safetensors",
            INDEX = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode config;
    private final Map<String, Safetensors.File> shardOf;
    private final Map<String, Safetensors.File> shards;

    private HfDirectory(Path dir, JsonNode config, Map<String, Safetensors.File> shardOf,
                        Map<String, Safetensors.File> shards) {
        this.dir = dir;
        this.config = config;
        this.shardOf = shardOf;
        this.shards = shards;
    }

    /** Opens and checks a directory; anything missing or malformed is an IOException naming the file. */
    public static HfDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory (a Hugging Face model directory holds config.json and "
                    + "model.safetensors)");
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(dir + " has no " + CONFIG + " (not a Hugging Face model directory)");
        }
        JsonNode config;
        try {
            config = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new IOException(configFile + ": not valid JSON: " + e.getMessage(), e);
        }
        if (config == null || !config.isObject()) {
            throw new IOException(configFile + ": not a JSON object");
        }
        Map<String, Safetensors.File> shards = new LinkedHashMap<>(), shardOf = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(dir.resolve(WEIGHTS))) {
                Safetensors.File f = Safetensors.open(dir.resolve(WEIGHTS));
                shards.put(WEIGHTS, f);
                f.tensors().keySet().forEach(n -> shardOf.put(n, f));
            } else if (Files.isRegularFile(dir.resolve(INDEX))) {
                readIndex(dir, shards, shardOf);
            } else if (Files.exists(dir.resolve("pytorch_model.bin"))) {
                throw new IOException(dir + " holds pytorch_model.bin but no model.safetensors: qtune reads only "
                        + "safetensors (unpickling a .bin can run code); convert it with transformers' save_pretrained("
                        + "safe_serialization=True)");
            } else {
                throw new IOException(dir + " has neither " + WEIGHTS + " nor " + INDEX);
            }
        } catch (IOException | RuntimeException e) {
            for (Safetensors.File f : shards.values()) {
                f.close();
            }
            throw e;
        }
        return new HfDirectory(dir, config, Collections.unmodifiableMap(shardOf), shards);
    }

    private static void readIndex(Path dir, Map<String, Safetensors.File> shards, Map<String, Safetensors.File> shardOf)
            throws IOException {
        Path index = dir.resolve(INDEX);
        JsonNode map;
        try {
            map = JSON.readTree(index.toFile()).path("weight_map");
        } catch (IOException e) {
            throw new IOException(index + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!map.isObject() || map.isEmpty()) {
            throw new IOException(index + ": no weight_map object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String file = e.getValue().asText("");
            if (!e.getValue().isTextual() || file.isEmpty() || file.contains("/") || file.contains("\\")
                    || file.startsWith(".")) {
                throw new IOException(index + ": tensor " + e.getKey() + " maps to '" + e.getValue().asText()
                        + "', not a file name in the directory");
            }
            Safetensors.File shard = shards.get(file);
            if (shard == null) {
                Path p = dir.resolve(file);
                if (!Files.isRegularFile(p)) {
                    throw new IOException(index + ": shard " + file + " (of tensor " + e.getKey() + ") is missing");
                }
                shard = Safetensors.open(p);
                shards.put(file, shard);
            }
            if (!shard.tensors().containsKey(e.getKey())) {
                throw new IOException(index + ": tensor " + e.getKey() + " is not in its shard " + file);
            }
            shardOf.put(e.getKey(), shard);
        }
    }

    public Path path() {
        return dir;
    }

    /** The parsed config.json. */
    public JsonNode config() {
        return config;
    }

    /** The config's model_type ("" when absent). */
    public String modelType() {
        return config.path("model_type").asText("");
    }

    /** Names of every tensor, in file order. */
    public Set<String> names() {
        return shardOf.keySet();
    }

    public boolean has(String name) {
        return shardOf.containsKey(name);
    }

    /** A tensor's header entry; a missing name is an IllegalArgumentException naming the directory. */
    public Safetensors.TensorInfo info(String name) {
        Safetensors.File f = shardOf.get(name);
        if (f == null) {
            throw new IllegalArgumentException(dir + ": no tensor " + name);
        }
        return f.info(name);
    }

    /** A float tensor as float32 (bf16 and fp16 converted). */
    public float[] floats(String name) throws IOException {
        info(name);
        return shardOf.get(name).floats(name);
    }

    /** A file of the directory when it exists (tokenizer.json, vocab.txt, ...). */
    public Optional<Path> file(String name) {
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        for (Safetensors.File f : shards.values()) {
            f.close();
        }
    }
}
