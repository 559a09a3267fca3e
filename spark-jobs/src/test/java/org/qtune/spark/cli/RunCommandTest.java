package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qtune run --config}, {@code --dry-run} and the provenance every report carries. */
class RunCommandTest {
    private static final Path H2 = Path.of("../conf/hamiltonians/h2_sto3g_0.735.txt");
    private static final Path QASM = Path.of("../conf/examples/ry_ring_4.qasm");
    private static final Path ROWS = Path.of("../conf/examples/ry_ring_4_rows.csv");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            String[] lines = out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(String json) throws Exception {
        Path f = Files.createTempFile(dir, "job", ".json");
        Files.writeString(f, json);
        return f;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The same JSON with object keys sorted and no spaces, as an independent canonical form. */
    private static String sortedKeys(JsonNode n) throws Exception {
        if (n.isObject()) {
            TreeMap<String, String> m = new TreeMap<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                m.put(k, sortedKeys(n.get(k)));
            }
            StringBuilder s = new StringBuilder("{");
            for (var e : m.entrySet()) {
                s.append(s.length() > 1 ? "," : "").append(JSON.writeValueAsString(e.getKey())).append(":").append(e.getValue());
            }
            return s.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (JsonNode e : n) {
                s.append(s.length() > 1 ? "," : "").append(sortedKeys(e));
            }
            return s.append(']').toString();
        }
        return n.toString();
    }

    @Test
    void aConfigFileRunsTheSameJobAsTheCommandLine() throws Exception {
        Run cli = run("vqe", "--hamiltonian", H2.toString(), "--seed", "1", "--iterations", "30");
        assertEquals(0, cli.code(), cli.err());
        Run file = run("run", "--config", config("{\"job\": \"vqe\", \"iterations\": 30, \"seed\": 1, \"hamiltonian\": \""
                + H2 + "\"}").toString());
        assertEquals(0, file.code(), file.err());
        assertEquals(SimulateCommandTest.withoutProvenance(cli.out()), SimulateCommandTest.withoutProvenance(file.out()));
        assertEquals(cli.json().get("provenance").get("config_sha256"), file.json().get("provenance").get("config_sha256"),
                "the same resolved config, whichever way it was given");
    }

    @Test
    void dryRunPrintsTheResolvedConfigAndThePlanAndRunsNothing() throws Exception {
        Path out = dir.resolve("rows-out.csv");
        Run dry = run("sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--out", out.toString(),
                "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertFalse(Files.exists(out), "a dry run writes nothing");
        JsonNode d = dry.json();
        assertEquals("sweep", d.get("config").get("job").asText());
        assertEquals(1, d.get("config").get("partitions").asInt(), "defaults are filled in");
        assertTrue(d.get("plan").get("summary").asText().endsWith("8 rows of a 4-qubit circuit in batches of 8"), d.toString());
        assertTrue(d.get("plan").get("driver_bytes").asLong() > 0);
        // the printed config is a config file: running it gives the same config hash
        Run ran = run("run", "--config", config(d.get("config").toString()).toString());
        assertEquals(0, ran.code(), ran.err());
        assertEquals(d.get("config_sha256"), ran.json().get("provenance").get("config_sha256"));
        assertTrue(Files.exists(out));
    }

    @Test
    void provenanceHasVersionConfigHashSeedsInputHashesAndTimes() throws Exception {
        Run r = run("vqe", "--hamiltonian", H2.toString(), "--seed", "5", "--iterations", "5");
        assertEquals(0, r.code(), r.err());
        JsonNode p = r.json().get("provenance");
        assertEquals("provenance", iteratorLast(r.json().fieldNames()), "provenance is the last field");
        assertFalse(p.get("qtune_version").asText().isBlank());
        assertFalse(p.get("git_commit").asText().isBlank());
        assertEquals("vqe", p.get("job").asText());
        assertEquals(sha256(sortedKeys(p.get("config")).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                p.get("config_sha256").asText());
        assertEquals(5, p.get("seeds").get("initial_parameters").asLong());
        assertEquals(sha256(Files.readAllBytes(H2)), p.get("inputs").get(H2.toString()).asText());
        assertTrue(p.get("spark").isNull());
        assertTrue(p.get("wall_seconds").asDouble() > 0);
        assertTrue(p.get("core_seconds").asDouble() >= 0);
        assertTrue(java.time.Instant.parse(p.get("ended").asText())
                .compareTo(java.time.Instant.parse(p.get("started").asText())) >= 0);
    }

    @Test
    void aSparkRunRecordsTheMasterAndTheExecutorsCpuTime() throws Exception {
        Run r = run("vqe", "--hamiltonian", H2.toString(), "--optimizer", "spsa", "--spark", "--iterations", "3",
                "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        JsonNode p = r.json().get("provenance");
        assertEquals("local[2]", p.get("spark").get("master").asText());
        assertTrue(p.get("executor_cpu_seconds").asDouble() > 0, p.toString());
        assertEquals(p.get("driver_cpu_seconds").asDouble(), p.get("core_seconds").asDouble(),
                "in local mode the executors are threads of the driver JVM");
    }

    @Test
    void outputFilesGetTheirProvenanceBesideThem() throws Exception {
        Path out = dir.resolve("z.csv");
        Run r = run("sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode beside = JSON.readTree(Files.readString(dir.resolve("z.csv.provenance.json")));
        assertEquals(r.json().get("provenance"), beside);
        assertEquals(sha256(Files.readAllBytes(ROWS)), beside.get("inputs").get(ROWS.toString()).asText());
        Path metrics = dir.resolve("metrics");
        Run v = run("vqe", "--hamiltonian", H2.toString(), "--iterations", "3", "--metrics-dir", metrics.toString());
        assertEquals(0, v.code(), v.err());
        for (String f : new String[] {"metrics.jsonl", "objective.png"}) {
            assertEquals(v.json().get("provenance"), JSON.readTree(Files.readString(metrics.resolve(f + ".provenance.json"))));
        }
    }

    @Test
    void badConfigFilesExitWithCodeTwoAndOneLine() throws Exception {
        String[][] cases = {
            {"{\"job\": \"vqe\", \"hamiltonian\": \"x\", \"bogus\": 1}", "unknown field \"bogus\""},
            {"{\"job\": \"vqe\", \"hamiltonian\": \"x\", \"seed\": \"seven\"}", "field \"seed\""},
            {"{\"job\": \"teleport\"}", "unknown job 'teleport' (simulate, vqe, qaoa, sweep, hamiltonian, bench, embed, generate, model-info, bench-model, bench-qtha, finetune, data, pretrain, select)"},
            {"[1, 2]", "a config is a JSON object with a \"job\" field"},
            {"{\"job\": \"vqe\",", "not valid JSON"},
            {"{\"job\": \"vqe\", \"hamiltonian\": \"x\", \"learning_rate\": 1e999}", "must be a finite number"},
            {"{\"job\": \"simulate\"}", "missing the circuit"}};
        for (String[] c : cases) {
            Run r = run("run", "--config", config(c[0]).toString());
            assertEquals(2, r.code(), c[0] + " -> " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aConfigOfBinaryBytesOrADirectoryIsExitTwoNamingTheFile() throws Exception {
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'x'});
        Run r = run("run", "--config", binary.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(binary + ":1: not valid UTF-8"), r.err());
        r = run("run", "--config", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dir + ": is a directory"), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
    }

    @Test
    void aRunThatCannotFitTheHeapIsRefusedBeforeAnythingIsAllocated() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        int n = 64 - Long.numberOfLeadingZeros(heap / 16) + 1;
        Path big = dir.resolve("big.qasm");
        Files.writeString(big, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + n + "];\nh q[0];\n");
        Run r = run("simulate", "--qasm", big.toString(), "--local-limit", "60");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("needs about") && r.err().contains("QTUNE_HEAP="), r.err());
        Run dry = run("simulate", "--qasm", big.toString(), "--local-limit", "60", "--dry-run");
        assertEquals(2, dry.code(), "a dry run says the same");
    }

    private static String iteratorLast(Iterator<String> it) {
        String last = null;
        while (it.hasNext()) {
            last = it.next();
        }
        return last;
    }
}
