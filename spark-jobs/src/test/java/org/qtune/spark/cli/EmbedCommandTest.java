package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class EmbedCommandTest {
    @Test
    void embedPrintsOneNormalizedMiniLmEmbeddingPerText() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "embed", "--model", "minilm",
                "--text", "Hello, quantum world!", "--text", "A second, longer sentence about Spark executors.");
        assertEquals(0, code, err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString().strip());
        assertEquals("minilm", r.get("model").asText());
        assertEquals(384, r.get("dimension").asInt());
        assertEquals(2, r.get("embeddings").size());
        assertEquals(-0.0406168, r.get("embeddings").get(0).get(0).asDouble(), 1e-5);
        assertEquals(-0.1361145, r.get("embeddings").get(0).get(4).asDouble(), 1e-5);
        double norm = 0;
        for (JsonNode v : r.get("embeddings").get(1)) {
            norm += v.asDouble() * v.asDouble();
        }
        assertEquals(1.0, norm, 1e-5);
        assertEquals("embed", r.get("provenance").get("job").asText());
    }

    @Test
    void noTextOrAnUnknownModelIsExitTwoWithOneLine() {
        for (String[] args : new String[][] {{"embed"}, {"embed", "--model", "/no/such/dir", "--text", "x"}}) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            assertEquals(2, Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
            assertEquals(1, err.toString().strip().split("\n").length, err.toString());
            assertTrue(err.toString().startsWith("qtune embed: error: "), err.toString());
        }
    }
}
