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

    @Test
    void outWritesTheReportAndTheCutDistributionWhoseMeanIsTheExpectedCut(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("qaoa");
        JsonNode r = qaoa("qaoa", "--graph", GRAPHS.resolve("prism_3regular_6.txt").toString(), "--p", "2", "--seed", "1",
                "--out", out.toString());
        JsonNode dist = r.get("cut_distribution");
        double total = 0, mean = 0, last = -1;
        for (JsonNode e : dist) {
            double cut = e.get(0).asDouble(), p = e.get(1).asDouble();
            assertTrue(cut > last && cut <= 7, "cut values ascending and at most the maximum: " + dist);
            last = cut;
            total += p;
            mean += cut * p;
        }
        // an independent check: the distribution's mean is the expected cut the optimizer reported
        assertEquals(1, total, 1e-12);
        assertEquals(r.get("expected_cut").asDouble(), mean, 1e-9);
        for (String f : new String[] {"report.json", "report.md", "cuts.png", "report.json.provenance.json"}) {
            assertTrue(java.nio.file.Files.isRegularFile(out.resolve(f)), f);
        }
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("cuts.png").toFile());
        assertEquals(800, png.getWidth());
        assertTrue(java.nio.file.Files.readString(out.resolve("report.md")).contains("| expected cut |"));
        // without --out: no distribution in the report
        JsonNode plain = qaoa("qaoa", "--graph", GRAPHS.resolve("prism_3regular_6.txt").toString(), "--p", "1");
        assertTrue(!plain.has("cut_distribution") || plain.get("cut_distribution").isNull(), plain.toString());
    }
}
