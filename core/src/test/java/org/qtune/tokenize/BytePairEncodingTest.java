package org.qtune.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte-level BPE against the reference {@code tokenizers} library: a tokenizer of Qwen2's structure
 * that the library trained (fixtures/bpe/tokenizer.json) and the ids it gave 310 texts
 * (bpe_ids.jsonl), both made by make_fixtures.py beside them.
 */
class BytePairEncodingTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/bpe");

    private static BytePairEncoding load() throws IOException {
        try (InputStream in = Files.newInputStream(DIR.resolve("tokenizer.json"))) {
            return BytePairEncoding.read(in, "tokenizer.json");
        }
    }

    @Test
    void idsEqualTheReferenceTokenizersOnEveryFixtureText() throws IOException {
        BytePairEncoding bpe = load();
        assertEquals(1500, bpe.vocabularySize());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(DIR.resolve("bpe_ids.jsonl"), StandardCharsets.UTF_8);
        assertEquals(310, lines.size());
        int differing = 0;
        String first = null;
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            int[] want = json.convertValue(row.get("ids"), int[].class);
            int[] got = bpe.encode(row.get("text").asText());
            if (!Arrays.equals(want, got)) {
                differing++;
                if (first == null) {
                    first = row.get("text").asText() + ": want " + Arrays.toString(want) + ", got " + Arrays.toString(got);
                }
            }
        }
        assertEquals(0, differing, differing + " texts differ; first: " + first);
    }

    @Test
    void otherTokenizersAreRefusedWithTheirSource() {
        String wp = "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}";
        var e = assertThrows(IllegalArgumentException.class,
                () -> BytePairEncoding.read(new ByteArrayInputStream(wp.getBytes(StandardCharsets.UTF_8)), "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: model type is 'WordPiece'"), e.getMessage());
        String noBytes = "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": []},"
                + " \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"use_regex\": true}}";
        e = assertThrows(IllegalArgumentException.class,
                () -> BytePairEncoding.read(new ByteArrayInputStream(noBytes.getBytes(StandardCharsets.UTF_8)), "t.json"));
        assertTrue(e.getMessage().contains("lacks the byte-level symbol"), e.getMessage());
    }
}
