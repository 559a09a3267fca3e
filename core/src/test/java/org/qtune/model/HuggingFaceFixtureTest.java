package org.qtune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.model.format.Safetensors;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraLinear;
import org.qtune.model.lora.PeftAdapter;
import org.qtune.tokenize.WordPiece;

/**
 * Tiny random BERT and Qwen2 models that Hugging Face transformers and PEFT saved, with the hidden
 * states, logits, losses and LoRA gradients they computed (fixtures/transformers, made by its
 * make_fixtures.py; versions in versions.json). qtune loads the same directories and adapters and
 * must agree to 1e-4 of each tensor's largest entry.
 */
class HuggingFaceFixtureTest {
    static final Path DIR = fixtures();
    static final ObjectMapper JSON = new ObjectMapper();

    static Path fixtures() {
        try {
            return Path.of(HuggingFaceFixtureTest.class.getResource("/fixtures/transformers").toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] ref(String file, String name) throws IOException {
        try (Safetensors.File f = Safetensors.open(DIR.resolve(file))) {
            return f.floats(name);
        }
    }

    static void close(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double norm = 0, err = 0;
        for (int i = 0; i < want.length; i++) {
            norm = Math.max(norm, Math.abs(want[i]));
            err = Math.max(err, Math.abs(want[i] - got[i]));
        }
        assertTrue(norm > 0, what + ": reference is all zero");
        assertTrue(err <= tol * norm, what + ": max error " + err + " vs largest entry " + norm);
    }

    /** Rows of [size x length x width] whose mask is 1, concatenated. */
    static float[] realRows(float[] all, int[] mask, int width) {
        List<Float> out = new ArrayList<>();
        for (int r = 0; r < mask.length; r++) {
            if (mask[r] != 0) {
                for (int i = 0; i < width; i++) {
                    out.add(all[r * width + i]);
                }
            }
        }
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = out.get(i);
        }
        return f;
    }

    static int[] flat(JsonNode rows) {
        List<Integer> out = new ArrayList<>();
        rows.forEach(r -> r.forEach(v -> out.add(v.asInt())));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static TokenBatch batch(JsonNode inputs) {
        int n = inputs.path("input_ids").size(), T = inputs.path("input_ids").get(0).size();
        return new TokenBatch(n, T, flat(inputs.path("input_ids")), flat(inputs.path("attention_mask")));
    }

    // ---------------------------------------------------------------- BERT

    @Test
    void bertDirectoryTokenizerHiddenStatesLoraHeadLossAndGradientsMatchTransformersAndPeft() throws Exception {
        JsonNode in = JSON.readTree(DIR.resolve("bert-tiny-inputs.json").toFile());
        HfModels.Loaded m = HfModels.load(DIR.resolve("bert-tiny"));
        assertEquals("bert", m.modelType());
        TokenBatch b = batch(in);
        int T = b.length(), H = m.encoder().config().hidden();
        WordPiece fromVocab = WordPiece.fromVocab(Files.readAllLines(DIR.resolve("bert-tiny/vocab.txt")), true, "vocab.txt");
        for (int s = 0; s < b.size(); s++) {
            int[] want = Arrays.copyOf(Arrays.copyOfRange(b.ids(), s * T, (s + 1) * T), b.tokens(s));
            String text = in.path("texts").get(s).asText();
            assertArrayEquals(want, m.tokenizer().encode(text), "tokenizer.json ids of " + text);
            assertArrayEquals(want, fromVocab.encode(text), "vocab.txt ids of " + text);
        }
        float[] base = new EncoderPass(m.encoder(), Map.of()).forward(b, false);
        String refFile = "bert-tiny-reference.safetensors";
        close(realRows(ref(refFile, "base_hidden"), b.mask(), H), realRows(base, b.mask(), H), 1e-4, "base hidden");

        LoraAdapters lora = PeftAdapter.read(DIR.resolve("bert-tiny-lora"), m.encoder().linears());
        assertEquals(4, lora.modules().size());
        EncoderPass pass = new EncoderPass(m.encoder(), lora.asAdapters());
        float[] hidden = pass.forward(b, true);
        close(realRows(ref(refFile, "lora_hidden"), b.mask(), H), realRows(hidden, b.mask(), H), 1e-4, "LoRA hidden");
        ClassificationHead head = new ClassificationHead(H, 3, ref(refFile, "head.weight"), ref(refFile, "head.bias"));
        int[] labels = flat(JSON.createArrayNode().add(in.path("labels")));
        double loss = head.lossSum(hidden, b, labels) / b.size();
        assertEquals(ref(refFile, "loss")[0], loss, 1e-4 * loss, "loss");
        float[] logits = Arrays.copyOf(head.logits(hidden, b), b.size() * 3);
        close(ref(refFile, "class_logits"), logits, 1e-4, "class logits");
        head.lossSum(hidden, b, labels);
        lora.zeroGradients();
        pass.backward(head.backward(1f / b.size()));
        for (LoraLinear x : lora.modules().values()) {
            close(ref(refFile, "grad." + PeftAdapter.key(x.path(), true)), x.gradA(), 1e-4, x.path() + " dA");
            close(ref(refFile, "grad." + PeftAdapter.key(x.path(), false)), x.gradB(), 1e-4, x.path() + " dB");
        }
        close(ref(refFile, "grad.head.weight"), head.gradWeight(), 1e-4, "head dW");
        close(ref(refFile, "grad.head.bias"), head.gradBias(), 1e-4, "head db");

        Map<String, Linear> merged = new java.util.LinkedHashMap<>();
        lora.merge(m.encoder().linears()).forEach(l -> merged.put(l.path(), l));
        float[] mergedHidden = new EncoderPass(m.encoder().withLinears(merged), Map.of()).forward(b, false);
        close(realRows(ref(refFile, "merged_hidden"), b.mask(), H), realRows(mergedHidden, b.mask(), H), 1e-4, "merged");
    }

    // ---------------------------------------------------------------- Qwen2

    @Test
    void shardedBf16Qwen2LogitsLossesAndEveryLoraGradientMatchTransformersAndPeft() throws Exception {
        JsonNode in = JSON.readTree(DIR.resolve("qwen2-tiny-inputs.json").toFile());
        HfModels.Loaded m = HfModels.load(DIR.resolve("qwen2-tiny"));
        Qwen2.Config c = m.decoder().config();
        assertEquals(1_000_000, c.ropeTheta(), "rope_parameters of transformers 5");
        assertTrue(c.tiedEmbeddings() && c.qkvBias());
        TokenBatch b = batch(in);
        int[] labels = flat(in.path("labels"));
        String refFile = "qwen2-tiny-reference.safetensors";
        int V = c.vocab();
        for (int s = 0; s < b.size(); s++) {
            String text = in.path("prompt_texts").get(s).asText() + in.path("answer_texts").get(s).asText();
            int[] want = Arrays.copyOf(Arrays.copyOfRange(b.ids(), s * b.length(), (s + 1) * b.length()), b.tokens(s));
            assertArrayEquals(want, m.tokenizer().encode(text), "BPE ids of " + text);
            assertEquals(text, m.tokenizer().decode(want), "decode");
        }
        DecoderPass plain = new DecoderPass(m.decoder(), Map.of());
        close(realRows(ref(refFile, "base_logits"), b.mask(), V), realRows(plain.logits(b), b.mask(), V), 1e-4, "base logits");
        double baseLoss = plain.lossSum(b, labels, false) / plain.countedTokens();
        assertEquals(ref(refFile, "base_loss")[0], baseLoss, 1e-4 * baseLoss, "base loss");

        for (String adapter : List.of("lora-qv", "lora-all")) {
            LoraAdapters lora = PeftAdapter.read(DIR.resolve("qwen2-tiny-" + adapter), m.decoder().linears());
            DecoderPass pass = new DecoderPass(m.decoder(), lora.asAdapters());
            close(realRows(ref(refFile, adapter + ".logits"), b.mask(), V), realRows(pass.logits(b), b.mask(), V), 1e-4,
                    adapter + " logits");
            double sum = pass.lossSum(b, labels, true);
            int n = pass.countedTokens();
            assertEquals(ref(refFile, adapter + ".loss")[0], sum / n, 1e-4 * sum / n, adapter + " loss");
            lora.zeroGradients();
            pass.backward(1f / n);
            for (LoraLinear x : lora.modules().values()) {
                close(ref(refFile, adapter + ".grad." + PeftAdapter.key(x.path(), true)), x.gradA(), 1e-4,
                        adapter + " " + x.path() + " dA");
                close(ref(refFile, adapter + ".grad." + PeftAdapter.key(x.path(), false)), x.gradB(), 1e-4,
                        adapter + " " + x.path() + " dB");
            }
            Map<String, Linear> merged = new java.util.LinkedHashMap<>();
            lora.merge(m.decoder().linears()).forEach(l -> merged.put(l.path(), l));
            float[] mergedLogits = new DecoderPass(m.decoder().withLinears(merged), Map.of()).logits(b);
            close(realRows(ref(refFile, adapter + ".merged_logits"), b.mask(), V), realRows(mergedLogits, b.mask(), V),
                    1e-4, adapter + " merged logits");
        }

        HfModels.Loaded untied = HfModels.load(DIR.resolve("qwen2-tiny-untied"));
        assertTrue(!untied.decoder().config().tiedEmbeddings());
        DecoderPass u = new DecoderPass(untied.decoder(), Map.of());
        close(realRows(ref(refFile, "untied.base_logits"), b.mask(), V), realRows(u.logits(b), b.mask(), V), 1e-4,
                "untied logits");
        double uLoss = u.lossSum(b, labels, false) / u.countedTokens();
        assertEquals(ref(refFile, "untied.loss")[0], uLoss, 1e-4 * uLoss, "untied loss");
    }

    @Test
    void greedyGenerationEqualsTransformersGenerate() throws Exception {
        JsonNode g = JSON.readTree(DIR.resolve("qwen2-tiny-generate.json").toFile());
        for (JsonNode r : g.path("results")) {
            String name = r.path("model").asText();
            String model = name.contains("+") ? name.substring(0, name.indexOf('+')) : name;
            HfModels.Loaded m = HfModels.load(DIR.resolve(model));
            Map<String, LinearAdapter> adapters = name.contains("+")
                    ? PeftAdapter.read(DIR.resolve(model + "-" + name.substring(name.indexOf('+') + 1)),
                    m.decoder().linears()).asAdapters() : Map.of();
            int[] prompt = m.tokenizer().encode(r.path("prompt").asText());
            assertArrayEquals(flat(JSON.createArrayNode().add(r.path("prompt_ids"))), prompt, name + " prompt ids");
            int[] eos = HfModels.eosTokenIds(DIR.resolve(model));
            int[] ids = new DecoderPass(m.decoder(), adapters).generate(prompt, g.path("max_new_tokens").asInt(),
                    id -> Arrays.stream(eos).anyMatch(e -> e == id));
            assertArrayEquals(flat(JSON.createArrayNode().add(r.path("new_ids"))), ids, name + ": " + r.path("prompt"));
            assertEquals(r.path("text").asText(), m.tokenizer().decode(ids), name + " text");
        }
    }

    @Test
    void anAdapterQtuneWritesHasPeftsKeysShapesAndDtypesAndReadsBackTheSame(@TempDir Path tmp) throws Exception {
        HfModels.Loaded m = HfModels.load(DIR.resolve("qwen2-tiny"));
        Path peftDir = DIR.resolve("qwen2-tiny-lora-all");
        LoraAdapters lora = PeftAdapter.read(peftDir, m.decoder().linears());
        Path out = tmp.resolve("adapter");
        PeftAdapter.write(out, lora, "qwen2-tiny", "CAUSAL_LM");
        try (Safetensors.File theirs = Safetensors.open(peftDir.resolve(PeftAdapter.WEIGHTS));
             Safetensors.File ours = Safetensors.open(out.resolve(PeftAdapter.WEIGHTS))) {
            assertEquals(theirs.tensors().keySet(), ours.tensors().keySet(), "keys");
            for (String k : theirs.tensors().keySet()) {
                assertEquals(theirs.info(k).dtype(), ours.info(k).dtype(), k + " dtype");
                assertArrayEquals(theirs.info(k).shape(), ours.info(k).shape(), k + " shape");
                assertArrayEquals(theirs.floats(k), ours.floats(k), k + " values");
            }
            assertEquals(theirs.metadata(), ours.metadata(), "metadata");
        }
        JsonNode theirs = JSON.readTree(peftDir.resolve(PeftAdapter.CONFIG).toFile());
        JsonNode ours = JSON.readTree(out.resolve(PeftAdapter.CONFIG).toFile());
        for (String field : List.of("peft_type", "r", "lora_alpha", "use_rslora", "task_type", "bias", "lora_dropout",
                "fan_in_fan_out", "use_dora")) {
            assertEquals(theirs.path(field).getNodeType(), ours.path(field).getNodeType(), field + " type");
            assertEquals(theirs.path(field).asDouble(-1), ours.path(field).asDouble(-1), field);
            assertEquals(theirs.path(field).asText(), ours.path(field).asText(), field);
        }
        List<String> theirTargets = new ArrayList<>(), ourTargets = new ArrayList<>();
        theirs.path("target_modules").forEach(t -> theirTargets.add(t.asText()));
        ours.path("target_modules").forEach(t -> ourTargets.add(t.asText()));
        assertEquals(theirTargets.stream().sorted().toList(), ourTargets.stream().sorted().toList());
    }
}
