package org.qtune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qtune.model.format.Safetensors;

/**
 * A decoder written by {@code qtune pretrain} (fixtures/pretrained/model, toy widths) as Hugging Face
 * transformers read it: the same token ids from its tokenizer.json, the same logits (1e-4 of the
 * largest) and the same greedy continuations. The fixture's script runs pretrain and transformers.
 */
class PretrainedModelTest {
    @Test
    void transformersReadsWhatPretrainWritesAsQtuneDoes() throws Exception {
        Path dir = Path.of(PretrainedModelTest.class.getResource("/fixtures/pretrained").toURI());
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        assertEquals("Qwen2ForCausalLM", ref.path("model_class").asText());
        HfModels.Loaded m = HfModels.load(dir.resolve("model"));
        DecoderPass pass = new DecoderPass(m.decoder(), Map.of());
        int vocab = m.decoder().config().vocab();
        try (Safetensors.File logits = Safetensors.open(dir.resolve("reference.safetensors"))) {
            for (int i = 0; i < ref.path("texts").size(); i++) {
                String text = ref.path("texts").get(i).asText();
                int[] want = HuggingFaceFixtureTest.flat(new ObjectMapper().createArrayNode().add(ref.path("ids").get(i)));
                int[] ids = m.tokenizer().encode(text);
                assertArrayEquals(want, ids, "ids of " + text);
                assertEquals(text, m.tokenizer().decode(ids), "decoded");
                int[] mask = new int[ids.length];
                Arrays.fill(mask, 1);
                float[] got = pass.logits(new TokenBatch(1, ids.length, ids, mask));
                HuggingFaceFixtureTest.close(logits.floats("logits." + i), Arrays.copyOf(got, ids.length * vocab), 1e-4,
                        "logits of " + text);
                int[] generated = new DecoderPass(m.decoder(), Map.of()).generate(ids, 8, id -> false);
                int[] wantGenerated = HuggingFaceFixtureTest.flat(new ObjectMapper().createArrayNode()
                        .add(ref.path("generated").get(i)));
                assertArrayEquals(wantGenerated, generated, "greedy continuation of " + text);
            }
        }
    }
}
