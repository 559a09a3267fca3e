package org.qtune.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
    private static final List<String> TEXTS = List.of(
            "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse,",
            "and nothing particular to interest me on shore, I thought I would sail about a little and see the watery",
            "part of the world. Question: Ana has 42 apples. She buys 17 more. How many apples does she have now?",
            "Answer: 59. Fellow-Citizens of the Senate and House of Representatives: in meeting you again I feel",
            "much satisfaction — déjà vu, naïve café, 東京, emoji 🙂 and tabs\tand\nnew lines.");

    private static BytePairEncoding trained(int size) throws Exception {
        BpeTrainer t = new BpeTrainer();
        for (int r = 0; r < 3; r++) {
            TEXTS.forEach(t::add);
        }
        String json = BpeTrainer.tokenizerJson(t.train(size, List.of("<|endoftext|>")));
        return BytePairEncoding.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "trained");
    }

    @Test
    void theTrainedTokenizerReadsBackAndRoundTripsEveryText() throws Exception {
        BytePairEncoding bpe = trained(400);
        assertEquals(400, bpe.vocabularySize());
        for (String text : TEXTS) {
            assertEquals(text, bpe.decode(bpe.encode(text)));
        }
        assertEquals("unseen: zebra 12345 ✓", bpe.decode(bpe.encode("unseen: zebra 12345 ✓")));
        assertArrayEquals(new int[] {0}, bpe.encode("<|endoftext|>"));
    }

    @Test
    void mergesShortenTheCorpusAndDigitsStayAlone() throws Exception {
        BytePairEncoding bytesOnly = trained(257), merged = trained(600);
        int before = 0, after = 0;
        for (String text : TEXTS) {
            before += bytesOnly.encode(text).length;
            after += merged.encode(text).length;
        }
        assertTrue(after < before / 2, before + " -> " + after);
        // Qwen2's split: each digit its own piece, so no merge joins digits
        assertEquals(3, merged.encode("123").length);
        assertTrue(merged.encode(" the").length == 1, "a frequent word is one token");
    }

    @Test
    void theSameTextsGiveTheSameTokenizer() {
        BpeTrainer a = new BpeTrainer(), b = new BpeTrainer();
        TEXTS.forEach(a::add);
        TEXTS.forEach(b::add);
        assertEquals(BpeTrainer.tokenizerJson(a.train(350, List.of("<|endoftext|>"))),
                BpeTrainer.tokenizerJson(b.train(350, List.of("<|endoftext|>"))));
    }

    @Test
    void aVocabularySmallerThanTheBytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BpeTrainer().train(200, List.of("<|endoftext|>")));
    }
}
