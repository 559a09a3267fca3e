package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QaoaCommandTest {
    static final Path GRAPHS = Path.of("..", "conf", "graphs");

    static JsonNode qaoa(String... args) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prism_3regular_6.txt", "cube_3regular_8.txt", "petersen_3regular_10.txt"})
    void depthOneReachesTheKnownBoundOnThreeRegularGraphs(String file) throws Exception {
        JsonNode r = qaoa("qaoa", "--graph", GRAPHS.resolve(file).toString(), "--p", "1", "--seed", "1");
        // brute-force maximum cuts of these graphs, by hand: prism 7, cube 12, Petersen 12
        double max = switch (file) {
            case "prism_3regular_6.txt" -> 7;
            default -> 12;
        };
        assertEquals(max, r.get("max_cut").asDouble(), 0.0);
        assertTrue(r.get("approximation_ratio").asDouble() >= 0.6924, r.toString());
        assertTrue(r.get("most_probable_cut").asDouble() <= max);
    }

    @Test
    void greaterDepthDoesBetter() throws Exception {
        String g = GRAPHS.resolve("cube_3regular_8.txt").toString();
        double p1 = qaoa("qaoa", "--graph", g, "--p", "1", "--seed", "2").get("approximation_ratio").asDouble();
        double p2 = qaoa("qaoa", "--graph", g, "--p", "2", "--seed", "2").get("approximation_ratio").asDouble();
        assertTrue(p2 > p1 + 0.05, p1 + " -> " + p2);
    }

    @Test
    void aMalformedGraphLineIsReportedWithItsNumber() throws Exception {
        Path f = java.nio.file.Files.createTempFile("graph", ".txt");
        java.nio.file.Files.writeString(f, "0 1\n1 x\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(out), new PrintWriter(err, true), "qaoa", "--graph", f.toString()));
        assertTrue(err.toString().contains("line 2"), err.toString());
        java.nio.file.Files.delete(f);
    }
}
