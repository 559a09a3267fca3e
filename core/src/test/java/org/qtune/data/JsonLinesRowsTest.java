package org.qtune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRowsTest {
    private static List<TaskExample> read(String text, JsonLinesRows.Kind kind) throws IOException {
        return JsonLinesRows.read(new BufferedReader(new StringReader(text)), "d.jsonl", kind);
    }

    private static String error(String text, JsonLinesRows.Kind kind) {
        return assertThrows(IllegalArgumentException.class, () -> read(text, kind)).getMessage();
    }

    @Test
    void rowsOfEachKindWithIdsOrTheirLine() throws IOException {
        List<TaskExample> rows = read("{\"text\": \"hi\", \"label\": 1, \"id\": \"m1\"}\n\n{\"text\": \"yo\", \"label\": 0}\n",
                null);
        assertEquals(List.of(new LabeledText("m1", "hi", 1), new LabeledText("d.jsonl:3", "yo", 0)), rows);
        List<TaskExample> gen = read("{\"prompt\": \"1+1=\", \"answer\": \" 2\", \"extra\": [1]}\n",
                JsonLinesRows.Kind.GENERATION);
        assertEquals(List.of(new PromptAnswer("d.jsonl:1", "1+1=", " 2")), gen);
    }

    @Test
    void theFirstBadRowIsNamedByFileAndLine() {
        assertEquals("d.jsonl:2: \"label\" must be an integer class index >= 0, got \"spam\"",
                error("{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": \"spam\"}\n", null));
        assertTrue(error("{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\"\n", null).startsWith("d.jsonl:2: not a JSON object"));
        assertTrue(error("{\"text\": \"a\", \"label\": 0}\n{\"prompt\": \"b\", \"answer\": \"c\"}\n", null)
                .startsWith("d.jsonl:2: expected {\"text\": ..., \"label\": ...} as in the file's first row"));
        assertTrue(error("{\"text\": \"a\", \"label\": 0}\n", JsonLinesRows.Kind.GENERATION)
                .startsWith("d.jsonl:1: expected {\"prompt\": ..., \"answer\": ...} as in this task"));
        assertTrue(error("[1, 2]\n", null).startsWith("d.jsonl:1: not a JSON object"));
        assertTrue(error("{\"x\": 1}\n", null).startsWith("d.jsonl:1: a row needs"));
        assertEquals("d.jsonl:1: \"text\" must be a string, got 5", error("{\"text\": 5, \"label\": 0}\n", null));
        assertEquals("d.jsonl:1: \"label\" must be an integer class index >= 0, got 1.5",
                error("{\"text\": \"a\", \"label\": 1.5}\n", null));
        assertEquals("d.jsonl:1: \"answer\" is empty", error("{\"prompt\": \"a\", \"answer\": \" \"}\n", null));
        assertEquals("d.jsonl: no rows", error("\n\n", null));
    }
}
