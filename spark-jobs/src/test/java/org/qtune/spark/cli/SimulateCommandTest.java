package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A report line without its provenance (which holds times), the part that must repeat exactly. */
    static String withoutProvenance(String reportLine) {
        String line = reportLine.strip();
        int cut = line.lastIndexOf(", \"provenance\": ");
        assertTrue(cut > 0, "the report ends with its provenance: " + line);
        return line.substring(0, cut) + "}";
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void bellStatePrintsZExpectationsTopProbabilitiesAndSeededSamples() throws IOException {
        Path f = write("bell.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\nx q[1];\n");
        Run r = run("simulate", "--qasm", f.toString(), "--observable", "Z0 Z1", "--observable", "X0 X1",
                "--shots", "1000", "--seed", "7");
        assertEquals(0, r.code(), r.err());
        String json = r.out().trim();
        JsonNode root = new ObjectMapper().readTree(json);
        // (|01> + |10>)/sqrt2: <Z0> = <Z1> = 0, <Z0 Z1> = -1, <X0 X1> = +1
        assertEquals(2, root.get("qubits").asInt());
        assertEquals(0.0, root.get("z").get(0).asDouble(), 1e-12);
        assertEquals(0.0, root.get("z").get(1).asDouble(), 1e-12);
        assertEquals(-1.0, root.get("expectations").get("Z0 Z1").asDouble(), 1e-12);
        assertEquals(1.0, root.get("expectations").get("X0 X1").asDouble(), 1e-12);
        JsonNode top = root.get("probabilities_top");
        assertEquals(1, top.get(0).get(0).asInt());
        assertEquals(0.5, top.get(0).get(1).asDouble(), 1e-12);
        assertEquals(2, top.get(1).get(0).asInt());
        // bitstrings are written qubit n-1 first: index 1 (q0 = 1) is "01", index 2 is "10"
        JsonNode samples = root.get("samples");
        assertEquals(2, samples.size(), json);
        assertEquals(1000, samples.get("01").asInt() + samples.get("10").asInt());
        assertTrue(Math.abs(samples.get("01").asInt() - 500) < 100, json);
        assertEquals(withoutProvenance(json), withoutProvenance(run("simulate", "--qasm", f.toString(), "--observable",
                "Z0 Z1", "--observable", "X0 X1", "--shots", "1000", "--seed", "7").out().trim()), "same seed, same output");
    }

    @Test
    void theDistributedPathPrintsTheSameNumbersPlusItsScheduleCounts() throws IOException {
        StringBuilder q = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[9];\n");
        for (int i = 0; i < 9; i++) {
            q.append("ry(").append(0.3 * (i + 1)).append(") q[").append(i).append("];\n");
        }
        q.append("cx q[8],q[0];\nh q[8];\ncx q[7],q[8];\nrz(0.4) q[8];\nh q[7];\n");
        Path f = write("wide.qasm", q.toString());
        String[] common = {"simulate", "--qasm", f.toString(), "--observable", "Z0 Z8 - 0.5*X7", "--top", "4",
                "--shots", "2000", "--seed", "3"};
        Run local = run(common);
        String[] dist = java.util.Arrays.copyOf(common, common.length + 4);
        dist[common.length] = "--partitions";
        dist[common.length + 1] = "4";
        dist[common.length + 2] = "--master";
        dist[common.length + 3] = "local[2]";
        Run d = run(dist);
        assertEquals(0, d.code(), d.err());
        JsonNode a = new ObjectMapper().readTree(local.out()), b = new ObjectMapper().readTree(d.out());
        for (int i = 0; i < 9; i++) {
            assertEquals(a.get("z").get(i).asDouble(), b.get("z").get(i).asDouble(), 1e-12);
        }
        assertEquals(a.get("expectations").get("Z0 Z8 - 0.5*X7").asDouble(),
                b.get("expectations").get("Z0 Z8 - 0.5*X7").asDouble(), 1e-12);
        for (int i = 0; i < 4; i++) {
            assertEquals(a.get("probabilities_top").get(i).get(0).asLong(), b.get("probabilities_top").get(i).get(0).asLong());
        }
        assertTrue(b.get("remaps").asInt() >= 1 && b.get("epochs").asInt() >= 2, d.out());
        // samples: seeded and reproducible on the distributed path too, and from the same distribution
        assertEquals(withoutProvenance(d.out()), withoutProvenance(run(dist).out()), "same seed, same distributed output");
        int total = 0;
        for (var it = b.get("samples").fields(); it.hasNext(); ) {
            var e = it.next();
            total += e.getValue().asInt();
            long index = Long.parseLong(e.getKey(), 2);
            assertTrue(index >= 0 && index < 512, e.getKey());
        }
        assertEquals(2000, total);
        int topIndex = b.get("probabilities_top").get(0).get(0).asInt();
        double topP = b.get("probabilities_top").get(0).get(1).asDouble();
        String topBits = org.qtune.sim.Measurements.bitString(topIndex, 9);
        int drawn = b.get("samples").has(topBits) ? b.get("samples").get(topBits).asInt() : 0;
        assertEquals(2000 * topP, drawn, 6 * Math.sqrt(2000 * topP) + 1, "count of the most probable state");
        assertTrue(b.get("shuffledBytes").asLong() > 0, d.out());
    }

    @Test
    void aMalformedCircuitExitsWithCodeTwoAndOneLineNamingTheLine() throws IOException {
        Path f = write("bad.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],r[1];\n");
        Run r = run("simulate", "--qasm", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("line 5") && r.err().contains("'r'"), r.err());
    }

    @Test
    void badOptionsExitWithCodeTwo() throws IOException {
        Path f = write("ok.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\n");
        assertEquals(2, run("simulate", "--qasm", f.toString(), "--observable", "Z7").code());
        assertEquals(2, run("simulate", "--qasm", f.toString(), "--observable", "Q0").code());
        assertEquals(2, run("simulate", "--qasm", f.toString(), "--shots", "-3").code());
        assertEquals(2, run("simulate", "--qasm", dir.resolve("missing.qasm").toString()).code());
        assertEquals(2, run("simulate").code());
        assertEquals(2, run("frobnicate").code());
    }
}
