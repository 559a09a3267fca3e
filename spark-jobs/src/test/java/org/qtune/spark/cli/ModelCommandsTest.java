package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.spark.testing.TinyHfDirs;
import org.qtune.model.HfModels;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraConfig;
import org.qtune.model.lora.PeftAdapter;
import org.qtune.model.format.DType;
import org.qtune.model.format.Safetensors;

/** {@code model-info}, {@code generate} and {@code embed} on Hugging Face directories written here, and their bad inputs. */
class ModelCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    // a Qwen2-shaped decoder: vocab 1500 (the BPE fixture's), hidden 16, 4 heads of 4, 2 key/value heads
    static final int V = TinyHfDirs.V, H = TinyHfDirs.H, I = TinyHfDirs.I, L = TinyHfDirs.L;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out.strip());
        }
    }

    static Run qtune(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void modelInfoCountsParametersAndLoraFromHeadersAlone(@TempDir Path tmp) throws Exception {
        Path dir = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        Run run = qtune("model-info", "--model", dir.toString(), "--lora-rank", "4", "--lora-targets", "q,v");
        assertEquals(0, run.code(), run.err());
        JsonNode r = run.json();
        long perLayer = 2L * H + (H * 16 + 16) + 2 * (H * 8 + 8) + 16 * H + 3L * H * I;
        assertEquals((long) V * H + H + L * perLayer, r.get("parameters").asLong());
        assertEquals("decoder", r.get("family").asText());
        assertEquals(L * (4L * (H + 16) + 4L * (H + 8)), r.get("lora").get("trainable_parameters").asLong());
        assertEquals(2 * L, r.get("lora").get("modules").asInt());

        Run mini = qtune("model-info", "--model", "minilm", "--lora-rank", "8");
        assertEquals(0, mini.code(), mini.err());
        assertEquals(22_565_376, mini.json().get("parameters").asLong());
        assertEquals(6 * 2 * 8 * (384 + 384), mini.json().get("lora").get("trainable_parameters").asLong());
    }

    @Test
    void generateIsGreedyAndKvCachedAndAnAdapterChangesIt(@TempDir Path tmp) throws Exception {
        Path dir = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        Run plain = qtune("generate", "--model", dir.toString(), "--prompt-ids", "5,9,2", "--max-new-tokens", "6",
                "--no-stop-at-eos");
        assertEquals(0, plain.code(), plain.err());
        JsonNode r = plain.json();
        assertEquals("[5,9,2]", r.get("prompt_ids").toString());
        assertEquals(6, r.get("ids").size());
        assertTrue(r.get("text").isTextual());

        HfModels.Loaded m = HfModels.load(dir);
        LoraAdapters lora = LoraAdapters.create(m.linears(), new LoraConfig(2, 16, 0, false, List.of("q", "v")), 3);
        double[] p = new double[lora.parameterCount()];
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < p.length; i++) {
            p[i] = 2 * rnd.nextDouble() - 1;
        }
        lora.setParameters(p);
        Path adapter = tmp.resolve("adapter");
        PeftAdapter.write(adapter, lora, dir.toString(), "CAUSAL_LM");
        Run adapted = qtune("generate", "--model", dir.toString(), "--prompt-ids", "5,9,2", "--max-new-tokens", "6",
                "--no-stop-at-eos", "--adapter", adapter.toString());
        assertEquals(0, adapted.code(), adapted.err());
        assertNotEquals(r.get("ids").toString(), adapted.json().get("ids").toString());

        Run text = qtune("generate", "--model", dir.toString(), "--prompt", "The tokenizer", "--max-new-tokens", "3");
        assertEquals(0, text.code(), text.err());
        assertFalse(text.json().get("prompt_ids").isEmpty());
    }

    @Test
    void embedReadsABertDirectoryWithPrefixedBf16WeightsAndAVocabTxt(@TempDir Path tmp) throws Exception {
        Path dir = TinyHfDirs.encoderDir(tmp.resolve("bert"));
        Run run = qtune("embed", "--model", dir.toString(), "--text", "Hello, quantum world!", "--text", "the cats sat");
        assertEquals(0, run.code(), run.err());
        JsonNode r = run.json();
        assertEquals(8, r.get("dimension").asInt());
        double norm = 0;
        for (JsonNode v : r.get("embeddings").get(1)) {
            norm += v.asDouble() * v.asDouble();
        }
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void badModelsAndAdaptersAreExitTwoWithOneLineNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path good = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        Path bert = TinyHfDirs.encoderDir(tmp.resolve("bert"));
        Path noConfig = Files.createDirectories(tmp.resolve("empty"));
        Path pickle = Files.createDirectories(tmp.resolve("pickle"));
        Files.writeString(pickle.resolve("config.json"), "{\"model_type\": \"qwen2\"}");
        Files.writeString(pickle.resolve("pytorch_model.bin"), "not read");
        Path wrongShape = TinyHfDirs.decoderDir(tmp.resolve("wrong"));
        Files.writeString(wrongShape.resolve("config.json"), Files.readString(wrongShape.resolve("config.json"))
                .replace("\"intermediate_size\":24", "\"intermediate_size\":32"));
        Path truncated = TinyHfDirs.decoderDir(tmp.resolve("truncated"));
        byte[] bytes = Files.readAllBytes(truncated.resolve("model.safetensors"));
        Files.write(truncated.resolve("model.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Path rope = TinyHfDirs.decoderDir(tmp.resolve("rope"));
        Files.writeString(rope.resolve("config.json"), Files.readString(rope.resolve("config.json"))
                .replace("\"rope_theta\":10000.0", "\"rope_theta\":10000.0,\"rope_scaling\":{\"rope_type\":\"yarn\"}"));
        Path badAdapter = tmp.resolve("bad-adapter");
        HfModels.Loaded m = HfModels.load(good);
        PeftAdapter.write(badAdapter, LoraAdapters.create(m.linears(), new LoraConfig(2, 4, 0, false, List.of("q")), 1),
                "x", null);
        Files.writeString(badAdapter.resolve("adapter_config.json"), Files.readString(badAdapter.resolve(
                "adapter_config.json")).replace("\"q_proj\"", "\"query\""));

        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(new String[] {"generate", "--model", bert.toString(), "--prompt-ids", "1"}, "encoder");
        cases.put(new String[] {"generate", "--model", noConfig.toString(), "--prompt-ids", "1"}, "config.json");
        cases.put(new String[] {"generate", "--model", pickle.toString(), "--prompt-ids", "1"}, "pytorch_model.bin");
        cases.put(new String[] {"generate", "--model", wrongShape.toString(), "--prompt-ids", "1"}, "gate_proj.weight");
        cases.put(new String[] {"model-info", "--model", truncated.toString()}, "model.safetensors");
        cases.put(new String[] {"model-info", "--model", rope.toString()}, "yarn");
        cases.put(new String[] {"generate", "--model", good.toString(), "--prompt-ids", "1", "--adapter",
            badAdapter.toString()}, "query");
        cases.put(new String[] {"generate", "--model", good.toString(), "--prompt-ids", "1", "--prompt", "x"}, "exactly one");
        cases.put(new String[] {"generate", "--model", good.toString(), "--prompt-ids", "99999"}, "99999");
        cases.put(new String[] {"generate", "--model", good.toString(), "--prompt-ids", "1", "--max-new-tokens", "500"},
                "positions");
        cases.put(new String[] {"model-info", "--model", good.toString(), "--lora-rank", "2", "--lora-targets", "nope"},
                "nope");
        cases.put(new String[] {"embed", "--model", good.toString(), "--text", "x"}, "decoder");
        cases.put(new String[] {"generate", "--model", good.toString(), "--prompt-ids", "1", "--adapter",
            noConfig.toString(), "--dry-run"}, "not a PEFT adapter directory");
        for (Map.Entry<String[], String> c : cases.entrySet()) {
            Run run = qtune(c.getKey());
            String what = String.join(" ", c.getKey()) + " -> " + run.err();
            assertEquals(2, run.code(), what);
            assertEquals(1, run.err().strip().split("\n").length, what);
            assertTrue(run.err().contains(c.getValue()), what);
            assertEquals("", run.out(), what);
        }
    }
}
