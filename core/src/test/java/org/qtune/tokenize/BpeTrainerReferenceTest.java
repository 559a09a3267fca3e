package org.qtune.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.data.ArithmeticProblems;
import org.qtune.data.PromptAnswer;

/**
 * A vocabulary trained by qtune, read by Hugging Face's {@code tokenizers}: the ids it gives for the
 * texts of fixtures/bpe-trained (made by make_fixtures.py from the tokenizer.json this test writes
 * with {@code -Dqtune.writeFixtures=DIR}) equal qtune's, and training again gives the same file.
 */
class BpeTrainerReferenceTest {
    /** The training corpus: generated word problems and sentences written for this test. */
    static List<String> corpus() {
        List<String> texts = new ArrayList<>();
        for (PromptAnswer p : ArithmeticProblems.generate(300, 2, 77, "c")) {
            texts.add(p.prompt() + p.answer());
        }
        texts.add("The committee met on Tuesday; its report runs to forty pages, with tables and notes.");
        texts.add("Whales sound in the deep, and the ship's crew listens: a low song, then silence.");
        texts.add("Prices rose 3.5% in May — the largest rise since 2019 — while wages held steady.");
        texts.add("Über den Wolken, café au lait, naïve résumé, Ærøskøbing, 東京タワー, 😀 and ✓ marks.");
        texts.add("Tabs\tand\nnew lines\r\nand    runs of spaces   are kept as pieces of their own.");
        texts.add("It's what they'll do, isn't it? We've said you'd see, and I'm sure he'd agree.");
        return texts;
    }

    static String trainedJson() {
        BpeTrainer t = new BpeTrainer();
        corpus().forEach(t::add);
        return BpeTrainer.tokenizerJson(t.train(600, List.of("<|endoftext|>")));
    }

    private static InputStream fixture(String name) {
        return BpeTrainerReferenceTest.class.getResourceAsStream("/fixtures/bpe-trained/" + name);
    }

    @Test
    void huggingFaceTokenizersGivesQtunesIdsForATokenizerQtuneTrained() throws Exception {
        String json = trainedJson();
        String dir = System.getProperty("qtune.writeFixtures");
        if (dir != null) {
            Files.writeString(Path.of(dir, "tokenizer.json"), json);
        }
        try (InputStream in = fixture("tokenizer.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), json, "training is not what it was when"
                    + " the fixture was made");
        }
        BytePairEncoding bpe = BytePairEncoding.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "trained");
        ObjectMapper m = new ObjectMapper();
        int rows = 0;
        try (InputStream in = fixture("ids.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = m.readTree(line);
                int[] want = m.convertValue(row.get("ids"), int[].class);
                assertArrayEquals(want, bpe.encode(row.get("text").asText()), row.get("text").asText());
                rows++;
            }
        }
        assertTrue(rows >= 50, rows + " rows");
    }
}
