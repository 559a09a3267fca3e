package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.data.JsonLinesRows;
import org.qtune.data.LabeledText;
import org.qtune.data.TaskExample;
import org.qtune.model.SentenceEmbeddings;
import org.qtune.select.SelectionProblem;
import org.qtune.spark.select.SparkSelection;

/** qtune select end to end in local mode, against E recomputed from the written rows. */
class SelectCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static List<TaskExample> rows;
    static final String[] WORDS = {"cheap", "pills", "offer", "meeting", "tomorrow", "report", "win", "money", "agenda",
        "lunch", "prize", "invoice", "project", "click", "deadline", "free"};

    @BeforeAll
    static void write() throws Exception {
        StringBuilder s = new StringBuilder();
        rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String text = WORDS[i % 16] + " " + WORDS[(i * 5 + 3) % 16] + " " + WORDS[(i * 7 + 1) % 16];
            LabeledText t = new LabeledText("m" + i, text, i % 3 == 0 ? 1 : 0);
            rows.add(t);
            s.append(JsonLinesRows.line(t)).append('\n');
        }
        data = tmp.resolve("candidates.jsonl");
        Files.writeString(data, s.toString());
    }

    private static ModelCommandsTest.Run select(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("select", "--data", data.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return ModelCommandsTest.qtune(args.toArray(String[]::new));
    }

    private static JsonNode report(ModelCommandsTest.Run r) throws Exception {
        String[] lines = r.out().strip().split("\n");
        return ModelCommandsTest.JSON.readTree(lines[lines.length - 1]);
    }

    /** E recomputed from scratch: every row embedded again, one problem per label, the written rows' E summed. */
    private static double recomputed(List<TaskExample> chosen) throws Exception {
        SentenceEmbeddings e = SparkSelection.embedder("minilm", 128);
        double[][] all = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            float[] v = e.embed(JsonLinesRows.text(rows.get(i)));
            all[i] = new double[v.length];
            for (int d = 0; d < v.length; d++) {
                all[i][d] = v[d];
            }
        }
        double total = 0;
        for (int label = 0; label <= 1; label++) {
            List<Integer> members = new ArrayList<>();
            List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (((LabeledText) rows.get(i)).label() == label) {
                    if (chosen.contains(rows.get(i))) {
                        picked.add(members.size());
                    }
                    members.add(i);
                }
            }
            double[][] sub = members.stream().map(i -> all[i]).toArray(double[][]::new);
            total += SelectionProblem.of(sub, all, 0.5, 0).energy(picked.stream().mapToInt(Integer::intValue).toArray());
        }
        return total;
    }

    @Test
    void everyMethodWritesKRowsInInputOrderWithTheEnergyTheyHave() throws Exception {
        for (String method : List.of("qubo-qaoa", "qubo-anneal", "random", "kcenter", "facility", "greedy")) {
            Path out = tmp.resolve(method + ".jsonl");
            ModelCommandsTest.Run r = select(out, "--k", "9", "--method", method, "--block", "6", "--refine-rounds", "3",
                    "--sweeps", "50");
            assertEquals(0, r.code(), r.err());
            List<TaskExample> chosen = JsonLinesRows.read(new BufferedReader(new StringReader(Files.readString(out))),
                    method, null);
            assertEquals(9, chosen.size(), method);
            int last = -1;
            for (TaskExample c : chosen) {
                int at = rows.indexOf(c);
                assertTrue(at > last, method + ": rows in input order, each one of the candidates");
                last = at;
            }
            // quotas proportional to the label counts: 10 of 30 are label 1, so 3 of 9
            assertEquals(3, chosen.stream().filter(c -> ((LabeledText) c).label() == 1).count(), method);
            JsonNode rep = report(r);
            assertEquals(method, rep.get("method").asText());
            assertEquals(9, rep.get("k").asInt());
            assertEquals(30, rep.get("n").asInt());
            assertTrue(rep.get("seconds").asDouble() > 0);
            assertEquals(recomputed(chosen), rep.get("energy").asDouble(), 1e-6, method);
            assertTrue(Files.isRegularFile(tmp.resolve(method + ".jsonl.report.md")));
        }
    }

    @Test
    void noSolverBeatsTheExactOptimumAndTheEmbeddingsCanBeKept() throws Exception {
        Path cache = tmp.resolve("embeddings");
        Path exactOut = tmp.resolve("exact.jsonl");
        ModelCommandsTest.Run exact = select(exactOut, "--k", "9", "--method", "exact", "--embedding-cache", cache.toString());
        assertEquals(0, exact.code(), exact.err());
        assertFalse(report(exact).get("embeddings_from_cache").asBoolean(), "the first run computes them");
        double optimum = report(exact).get("energy").asDouble();
        for (String method : List.of("qubo-qaoa", "qubo-anneal", "greedy", "facility", "kcenter", "random")) {
            ModelCommandsTest.Run r = select(tmp.resolve("vs-exact-" + method + ".jsonl"), "--k", "9", "--method", method,
                    "--embedding-cache", cache.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(report(r).get("embeddings_from_cache").asBoolean(), "later runs read them");
            assertTrue(report(r).get("energy").asDouble() >= optimum - 1e-9, method);
        }
        // a file that is not whole is ignored and made again
        try (var files = Files.list(cache)) {
            Path f = files.findFirst().orElseThrow();
            Files.write(f, new byte[] {1, 2, 3});
        }
        ModelCommandsTest.Run again = select(tmp.resolve("exact-again.jsonl"), "--k", "9", "--method", "exact",
                "--embedding-cache", cache.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(optimum, report(again).get("energy").asDouble(), 0);
        assertFalse(report(again).get("embeddings_from_cache").asBoolean(), "a broken file is not used");
        assertEquals(Files.readString(exactOut), Files.readString(tmp.resolve("exact-again.jsonl")));
    }

    @Test
    void theChoiceDoesNotDependOnThePartitions() throws Exception {
        for (String method : List.of("qubo-anneal", "qubo-qaoa")) {
            Path one = tmp.resolve(method + "-1.jsonl"), three = tmp.resolve(method + "-3.jsonl");
            // blocks of 2: the 20 candidates of label 0 make 10 blocks, solved in waves of 8 blocks on 1 partition
            // and of 12 on 3
            assertEquals(0, select(one, "--k", "7", "--method", method, "--partitions", "1", "--block", "2",
                    "--refine-rounds", "2", "--seed", "4").code());
            assertEquals(0, select(three, "--k", "7", "--method", method, "--partitions", "3", "--block", "2",
                    "--refine-rounds", "2", "--seed", "4").code());
            assertEquals(Files.readString(one), Files.readString(three), method);
        }
    }

    @Test
    void badInputExitsWithCodeTwoInOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("bad.jsonl");
        String[][] cases = {
            {"is more than the 30 candidates", "--k", "31", "--method", "random"},
            {"--method must be one of qubo-qaoa, qubo-anneal, random, kcenter, facility, greedy, exact", "--k", "3", "--method",
                "qaoa"},
            {"--block must be", "--k", "3", "--method", "qubo-qaoa", "--block", "30"},
            {"--alpha", "--k", "3", "--method", "greedy", "--alpha", "2"},
            {"--k is required", "--method", "greedy"}};
        for (String[] c : cases) {
            ModelCommandsTest.Run r = select(out, java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[0]), r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertFalse(Files.exists(out));
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ModelCommandsTest.Run none = ModelCommandsTest.qtune("select", "--data", empty.toString(), "--k", "2", "--method",
                "random", "--out", out.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("a directory without .jsonl files"), none.err());
        // a folder of part files is read whole, and hashed whole into the provenance
        Path parts = Files.createDirectories(tmp.resolve("parts"));
        List<String> lines = Files.readAllLines(data);
        Files.write(parts.resolve("part-0.jsonl"), lines.subList(0, 15));
        Files.write(parts.resolve("part-1.jsonl"), lines.subList(15, 30));
        Path fromParts = tmp.resolve("from-parts.jsonl");
        ModelCommandsTest.Run p = ModelCommandsTest.qtune("select", "--data", parts.toString(), "--k", "9", "--method",
                "greedy", "--out", fromParts.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(report(p).get("provenance").get("inputs").get(parts.toString()).asText().startsWith("sha256:"));
        assertEquals(9, Files.readAllLines(fromParts).size());
        ModelCommandsTest.Run r = ModelCommandsTest.qtune("select", "--data", tmp.resolve("none.jsonl").toString(), "--k",
                "2", "--method", "random", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
