package org.qtune.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WordPiece against the reference {@code tokenizers} library: the ids it gave 334 texts with
 * all-MiniLM-L6-v2's tokenizer.json (fixtures/wordpiece/minilm_ids.jsonl, made by
 * make_fixtures.py beside it).
 */
class WordPieceTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/wordpiece/minilm_ids.jsonl");

    @Test
    void miniLmIdsEqualTheReferenceTokenizersOnEveryFixtureText() throws IOException {
        WordPiece wp = WordPiece.miniLm();
        assertEquals(30522, wp.vocabularySize());
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(FIXTURE, StandardCharsets.UTF_8);
        assertEquals(334, lines.size());
        int differing = 0;
        StringBuilder first = new StringBuilder();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            String text = row.get("text").asText();
            int[] want = json.convertValue(row.get("ids"), int[].class);
            int[] got = wp.encode(text);
            if (!java.util.Arrays.equals(want, got)) {
                differing++;
                if (first.length() == 0) {
                    first.append(text).append(": want ").append(java.util.Arrays.toString(want)).append(", got ")
                            .append(java.util.Arrays.toString(got));
                }
            }
        }
        assertEquals(0, differing, differing + " texts differ; first: " + first);
    }

    @Test
    void knownPiecesSpecialTokensAndTruncation() throws IOException {
        WordPiece wp = WordPiece.miniLm();
        // "hello , quantum world !" in BERT's uncased vocabulary
        assertArrayEquals(new int[] {101, 7592, 1010, 8559, 2088, 999, 102}, wp.encode("Hello, quantum world!"));
        int[] cut = wp.encode("Hello, quantum world!", 4);
        assertArrayEquals(new int[] {101, 7592, 1010, 102}, cut);
        assertArrayEquals(new int[] {101, 102}, wp.encode(""));
        assertThrows(IllegalArgumentException.class, () -> wp.encode("x", 1));
    }

    @Test
    void aTokenizerThatIsNotBertWordPieceIsRefusedWithItsSource() {
        String bpe = "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}";
        var e = assertThrows(IllegalArgumentException.class,
                () -> WordPiece.read(new ByteArrayInputStream(bpe.getBytes(StandardCharsets.UTF_8)), "t.json"));
        assertTrue(e.getMessage().startsWith("t.json: model type is 'BPE'"), e.getMessage());
        String empty = "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}}";
        e = assertThrows(IllegalArgumentException.class,
                () -> WordPiece.read(new ByteArrayInputStream(empty.getBytes(StandardCharsets.UTF_8)), "t.json"));
        assertTrue(e.getMessage().contains("vocabulary is empty"), e.getMessage());
    }
}
