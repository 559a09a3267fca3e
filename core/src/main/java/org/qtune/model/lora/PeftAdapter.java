package org.qtune.model.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.qtune.io.AtomicFiles;
import org.qtune.model.Linear;
import org.qtune.model.format.DType;
import org.qtune.model.format.Safetensors;

/**
 * LoRA adapters in PEFT's files: {@code adapter_config.json} ({@code peft_type} LORA, r,
 * lora_alpha, lora_dropout, use_rslora, target_modules, base_model_name_or_path, ...) and
 * {@code adapter_model.safetensors} with, per adapted module, {@code base_model.model.<path>.lora_A.weight}
 * [r, in] and {@code ...lora_B.weight} [out, r] in float32. Written model first, config last, each
 * atomically, so a directory whose config exists is whole. Reading accepts what PEFT writes for
 * plain LoRA and refuses, naming the field, what qtune does not run (DoRA, biases, per-module
 * ranks, fan_in_fan_out, modules_to_save).
 */
public final class PeftAdapter {
    public static final String CONFIG = "adapter_config.json", WEIGHTS = "adapter_model.safetensors";
    private static final String PREFIX = "base_model.model.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeftAdapter() {
    }

    /** The key of a module's A (or B) matrix. */
    public static String key(String path, boolean a) {
        return PREFIX + path + (a ? ".lora_A.weight" : ".lora_B.weight");
    }

    /**
     * Writes {@code adapters} into {@code dir} (created when missing). {@code taskType} is PEFT's
     * (CAUSAL_LM, FEATURE_EXTRACTION, SEQ_CLS) or null.
     */
    public static void write(Path dir, LoraAdapters adapters, String baseModel, String taskType) throws IOException {
        Files.createDirectories(dir);
        Map<String, Safetensors.FloatTensor> tensors = new LinkedHashMap<>();
        for (LoraLinear m : adapters.modules().values()) {
            tensors.put(key(m.path(), true), new Safetensors.FloatTensor(new long[] {m.rank(), m.in()}, m.a().clone()));
            tensors.put(key(m.path(), false), new Safetensors.FloatTensor(new long[] {m.out(), m.rank()}, m.b().clone()));
        }
        Safetensors.write(dir.resolve(WEIGHTS), tensors, Map.of("format", "pt"), DType.F32);
        LoraConfig c = adapters.config();
        ObjectNode json = JSON.createObjectNode();
        json.put("peft_type", "LORA");
        if (taskType == null) {
            json.putNull("task_type");
        } else {
            json.put("task_type", taskType);
        }
        json.put("base_model_name_or_path", baseModel);
        json.put("r", c.rank());
        if (c.alpha() == Math.rint(c.alpha()) && Math.abs(c.alpha()) < 1e9) {
            json.put("lora_alpha", (int) c.alpha()); // PEFT writes a whole alpha as an integer
        } else {
            json.put("lora_alpha", c.alpha());
        }
        json.put("lora_dropout", c.dropout());
        json.put("use_rslora", c.rsLora());
        var targets = json.putArray("target_modules");
        c.targets().forEach(targets::add);
        json.put("bias", "none");
        json.put("fan_in_fan_out", false);
        json.put("inference_mode", true);
        json.put("init_lora_weights", true);
        json.put("use_dora", false);
        json.putNull("modules_to_save");
        json.putNull("layers_to_transform");
        json.putObject("rank_pattern");
        json.putObject("alpha_pattern");
        AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /**
     * Reads an adapter for a model whose linear layers are {@code linears}. Every tensor must be the
     * A or B of a layer the config targets, with PEFT's shapes; every targeted layer must have both.
     */
    public static LoraAdapters read(Path dir, List<Linear> linears) throws IOException {
        Path configFile = dir.resolve(CONFIG), weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(dir + " has no " + CONFIG + " (not a PEFT adapter directory)");
        }
        if (!Files.isRegularFile(weights)) {
            throw new IOException(dir + " has no " + WEIGHTS + (Files.exists(dir.resolve("adapter_model.bin"))
                    ? " (only adapter_model.bin, which qtune does not unpickle)" : ""));
        }
        JsonNode json;
        try {
            json = JSON.readTree(new String(Files.readAllBytes(configFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(configFile + ": not valid JSON: " + e.getMessage(), e);
        }
        String where = configFile.toString();
        if (!"LORA".equals(json.path("peft_type").asText())) {
            throw new IllegalArgumentException(where + ": peft_type is '" + json.path("peft_type").asText() + "', not LORA");
        }
        refuseIf(json.path("use_dora").asBoolean(false), where, "use_dora (DoRA) is not supported");
        refuseIf(!json.path("bias").asText("none").equals("none"), where, "bias '" + json.path("bias").asText()
                + "' is not supported (only none)");
        refuseIf(json.path("fan_in_fan_out").asBoolean(false), where, "fan_in_fan_out is not supported");
        refuseIf(nonEmpty(json.path("modules_to_save")), where, "modules_to_save is not supported");
        refuseIf(nonEmpty(json.path("rank_pattern")) || nonEmpty(json.path("alpha_pattern")), where,
                "rank_pattern / alpha_pattern (per-module ranks) are not supported");
        for (String field : List.of("layers_to_transform", "exclude_modules", "target_parameters",
                "trainable_token_indices", "layer_replication")) {
            refuseIf(nonEmpty(json.path(field)), where, field + " is not supported");
        }
        refuseIf(json.path("lora_bias").asBoolean(false), where, "lora_bias is not supported");
        int r = json.path("r").asInt(0);
        double alpha = json.path("lora_alpha").asDouble(Double.NaN);
        JsonNode t = json.path("target_modules");
        List<String> targets;
        Pattern regex = null;
        if (t.isArray()) {
            targets = new java.util.ArrayList<>();
            t.forEach(n -> targets.add(n.asText()));
        } else if (t.isTextual()) {
            // PEFT: a string is a regular expression matched against the whole module name.
            regex = Pattern.compile(t.asText());
            targets = List.of(t.asText());
        } else {
            throw new IllegalArgumentException(where + ": target_modules must be a list or a regular expression");
        }
        LoraConfig config;
        try {
            config = new LoraConfig(r, alpha, json.path("lora_dropout").asDouble(0), json.path("use_rslora").asBoolean(false),
                    targets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (regex == null) {
            try {
                config.select(linears.stream().map(Linear::shape).toList());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        Map<String, LoraLinear> modules = new LinkedHashMap<>();
        try (Safetensors.File f = Safetensors.open(weights)) {
            Set<String> used = new HashSet<>();
            for (Linear lin : linears) {
                boolean targeted = regex != null ? regex.matcher(lin.path()).matches() : config.matches(lin.path());
                if (!targeted) {
                    continue;
                }
                String ka = key(lin.path(), true), kb = key(lin.path(), false);
                if (!f.tensors().containsKey(ka) || !f.tensors().containsKey(kb)) {
                    throw new IllegalArgumentException(weights + ": targeted module " + lin.path() + " has no "
                            + (f.tensors().containsKey(ka) ? kb : ka));
                }
                float[] a = matrix(f, ka, r, lin.in()), b = matrix(f, kb, lin.out(), r);
                used.add(ka);
                used.add(kb);
                modules.put(lin.path(), new LoraLinear(lin.path(), lin.in(), lin.out(), r, config.scaling(),
                        config.dropout(), a, b));
            }
            for (String name : new TreeMap<>(f.tensors()).keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException(weights + ": tensor " + name
                            + " belongs to no targeted linear layer of this model");
                }
            }
        }
        if (modules.isEmpty()) {
            throw new IllegalArgumentException(where + ": target_modules " + targets + " match no linear layer of this model");
        }
        return new LoraAdapters(config, modules);
    }

    private static float[] matrix(Safetensors.File f, String name, long rows, long cols) throws IOException {
        Safetensors.TensorInfo info = f.info(name);
        if (!Arrays.equals(info.shape(), new long[] {rows, cols})) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(info.shape()) + ", expected ["
                    + rows + ", " + cols + "]");
        }
        return f.floats(name);
    }

    private static boolean nonEmpty(JsonNode n) {
        return !n.isMissingNode() && !n.isNull() && !(n.isContainerNode() && n.isEmpty());
    }

    private static void refuseIf(boolean bad, String where, String why) {
        if (bad) {
            throw new IllegalArgumentException(where + ": " + why);
        }
    }
}
