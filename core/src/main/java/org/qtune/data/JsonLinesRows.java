package org.qtune.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads task examples from JSON lines: one object per line, either {@code {"text": ..., "label": k}}
 * (classification, k an integer class index) or {@code {"prompt": ..., "answer": ...}} (generation);
 * other fields are ignored, an {@code "id"} is kept. Every row of a file must be of one kind. Blank
 * lines are skipped. The whole file is checked before anything is returned, and the first bad row is
 * named by file and line: {@code data.jsonl:17: "label" must be an integer class index, got "spam"}.
 */
public final class JsonLinesRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two kinds of task a file can hold. */
    public enum Kind {
        CLASSIFICATION("text", "label"), GENERATION("prompt", "answer");

        private final String first;
        private final String second;

        Kind(String first, String second) {
            this.first = first;
            this.second = second;
        }

        /** The fields a row of this kind must have, as a person reads them. */
        public String fields() {
            return "{\"" + first + "\": ..., \"" + second + "\": ...}";
        }
    }

    private JsonLinesRows() {
    }

    /** One example as the line {@link #read} reads back: {@code {"id", "text", "label"}} or {@code {"id", "prompt", "answer"}}. */
    public static String line(TaskExample e) {
        com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode().put("id", e.id());
        if (e instanceof LabeledText t) {
            o.put("text", t.text()).put("label", t.label());
        } else {
            PromptAnswer pa = (PromptAnswer) e;
            o.put("prompt", pa.prompt()).put("answer", pa.answer());
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** The text a model reads of an example: a classifier's text, or a generator's prompt and answer. */
    public static String text(TaskExample e) {
        return e instanceof LabeledText t ? t.text() : ((PromptAnswer) e).prompt() + " " + ((PromptAnswer) e).answer();
    }

    /**
     * All rows of {@code in}, named {@code source} in errors. {@code expected} is the kind the caller
     * needs, or null to take the kind of the first row.
     */
    public static List<TaskExample> read(BufferedReader in, String source, Kind expected) throws IOException {
        List<TaskExample> rows = new ArrayList<>();
        Kind kind = expected;
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + number;
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
            }
            if (row == null || !row.isObject()) {
                throw new IllegalArgumentException(where + ": not a JSON object");
            }
            Kind own = row.has("text") || row.has("label") ? Kind.CLASSIFICATION
                    : row.has("prompt") || row.has("answer") ? Kind.GENERATION : null;
            if (own == null) {
                throw new IllegalArgumentException(where + ": a row needs " + Kind.CLASSIFICATION.fields() + " or "
                        + Kind.GENERATION.fields());
            }
            if (kind == null) {
                kind = own;
            } else if (own != kind) {
                throw new IllegalArgumentException(where + ": expected " + kind.fields() + " as in "
                        + (expected != null ? "this task" : "the file's first row") + ", got " + own.fields());
            }
            String id = row.has("id") && row.get("id").isValueNode() ? row.get("id").asText() : where;
            String first = text(row, kind.first, where);
            if (kind == Kind.CLASSIFICATION) {
                JsonNode label = row.get("label");
                if (label == null || !label.canConvertToInt() || !label.isIntegralNumber() || label.asInt() < 0) {
                    throw new IllegalArgumentException(where + ": \"label\" must be an integer class index >= 0, got "
                            + (label == null ? "nothing" : label.toString()));
                }
                rows.add(new LabeledText(id, first, label.asInt()));
            } else {
                String answer = text(row, "answer", where);
                if (answer.isBlank()) {
                    throw new IllegalArgumentException(where + ": \"answer\" is empty");
                }
                rows.add(new PromptAnswer(id, first, answer));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rows");
        }
        return rows;
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, got "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asText();
    }
}
