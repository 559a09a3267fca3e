package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

/**
 * Hostile input at the command line, one test per kind that once crashed: every case exits with code
 * 2 and one line on stderr ("qtune CMD: error: ..."), no stack trace, nothing on stdout, and before
 * any work or any Spark context.
 */
class BadInputTest {
    static final Path H2 = Path.of("..", "conf", "hamiltonians", "h2_sto3g_0.735.txt");
    static final Path GRAPH = Path.of("..", "conf", "graphs", "prism_3regular_6.txt");
    static final Path QASM = Path.of("..", "conf", "examples", "ry_ring_4.qasm");
    static final Path ROWS = Path.of("..", "conf", "examples", "ry_ring_4_rows.csv");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Exit 2, one line naming the command, no trace, every fragment in it; returns the line. */
    static String assertRefused(String... argsThenFragments) {
        int split = java.util.Arrays.asList(argsThenFragments).indexOf("=>");
        String[] args = java.util.Arrays.copyOf(argsThenFragments, split);
        Run r = run(args);
        String what = String.join(" ", args) + "\nstderr: " + r.err();
        assertEquals(2, r.code(), what);
        assertEquals("", r.out(), what);
        assertEquals(1, r.err().strip().lines().count(), what);
        assertTrue(r.err().startsWith("qtune " + args[0] + ": error: "), what);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), what);
        for (int i = split + 1; i < argsThenFragments.length; i++) {
            assertTrue(r.err().contains(argsThenFragments[i]), "missing '" + argsThenFragments[i] + "' in " + what);
        }
        return r.err().strip();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path hadamards(int n) throws IOException {
        return write("h" + n + ".qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + n + "];\nh q;\n");
    }

    @Test
    void runsThatCannotFitInMemoryAreRefusedWithWhatToChange() throws IOException {
        int n = 20;
        while (n <= 30 && MemoryBudget.heap().fits(MemoryEstimate.stateVectors(n, 1))) {
            n++;
        }
        if (n <= 30) {
            assertRefused("simulate", "--qasm", hadamards(n).toString(), "=>", "simulating " + n + " qubits needs about",
                    "set QTUNE_HEAP=");
            assertRefused("simulate", "--qasm", hadamards(n).toString(), "--local-limit", "" + n, "=>",
                    "simulating " + n + " qubits in this JVM needs about");
        }
        assertRefused("simulate", "--qasm", hadamards(31).toString(), "=>", "at most 30 qubits");
        assertRefused("vqe", "--hamiltonian", write("far.txt", "0.5*Z0\n1.0*Z45\n").toString(), "=>",
                "vqe on 46 qubits with 46 layers needs about", "3 state vectors of 46 qubits");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--layers", "100000000", "=>",
                "a circuit of 700000004 gates", "or fewer --layers");
        assertRefused("qaoa", "--graph", GRAPH.toString(), "--p", "100000000", "=>", "or a smaller --p");
        assertRefused("qaoa", "--graph", write("wide.txt", "0 1\n0 45\n").toString(), "=>", "qaoa on 46 vertices");
        assertRefused("qaoa", "--graph", GRAPH.toString(), "--restarts", "2000000000", "=>", "--restarts must be in 1..10000");
        assertRefused("qaoa", "--graph", write("big.txt", "0 1\n0 23\n").toString(), "--out",
                write("out-dir.txt", "").resolveSibling("qaoa-out").toString(), "=>", "up to 22 vertices");
        StringBuilder wide = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] a;\nqubit[20] q;\n"
                + "ry(a) q[0];\n");
        StringBuilder rows = new StringBuilder("a\n");
        for (int i = 0; i < 3000; i++) {
            rows.append(i * 1e-3).append('\n');
        }
        assertRefused("sweep", "--qasm", write("wide.qasm", wide.toString()).toString(), "--parameters",
                write("rows.csv", rows.toString()).toString(), "--batch", "3000", "--out", dir.resolve("o.csv").toString(),
                "=>", "--batch 3000 of 20-qubit circuits does not fit one array");
        assertRefused("bench", "--small", "--max-qubits", "20", "--batch", "4096", "=>", "n = 20 with batch 4096");
    }

    @Test
    void numericOptionsMustBeFiniteAndInRange() {
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--optimizer", "adam", "--learning-rate", "Infinity", "=>",
                "--learning-rate must be a finite number > 0, got Infinity");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--learning-rate", "NaN", "=>", "--learning-rate");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--optimizer", "cmaes", "--sigma0", "-1", "=>", "--sigma0");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--iterations", "0", "=>", "--iterations must be >= 1");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--checkpoint-every", "0", "=>", "--checkpoint-every");
        assertRefused("qaoa", "--graph", GRAPH.toString(), "--iterations", "-5", "=>", "--iterations must be >= 1");
        assertRefused("simulate", "--qasm", QASM.toString(), "--parameter", "a0=1", "--threads", "0", "=>", "--threads");
        assertRefused("simulate", "--qasm", QASM.toString(), "--local-limit", "-1", "=>", "--local-limit");
        assertRefused("bench", "--repeats", "0", "=>", "--repeats must be >= 1");
        String out = dir.resolve("h.txt").toString();
        assertRefused("hamiltonian", "h2", "--bond", "1e309", "--out", out, "=>", "bond length must be finite");
        assertRefused("hamiltonian", "h2", "--bond", "1e-12", "--out", out, "=>", "the nuclei nearly coincide");
        assertRefused("hamiltonian", "lih", "--bond", "12", "--out", out, "=>", "restricted Hartree-Fock");
        assertFalse(Files.exists(dir.resolve("h.txt")), "nothing written");
    }

    @Test
    void outputsThatAreNotRegularFilesAreRefusedAndLeftAlone() throws Exception {
        String[] sweep = {"sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--out"};
        Path full = Path.of("/dev/full");
        if (Files.exists(full)) {
            assertRefused(concat(sweep, "/dev/full", "=>", "--out /dev/full is not a regular file"));
            assertFalse(Files.isRegularFile(full));
        }
        Path fifo = dir.resolve("fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        if (mkfifo != null && mkfifo.waitFor() == 0) {
            assertRefused(concat(sweep, fifo.toString(), "=>", "--out " + fifo + " is not a regular file"));
            assertRefused("hamiltonian", "h2", "--bond", "0.7", "--out", fifo.toString(), "=>", "is not a regular file");
            assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still the pipe");
        }
        assertRefused(concat(sweep, dir.toString(), "=>", "--out " + dir + " is a directory"));
        assertRefused(concat(sweep, dir.resolve("no").resolve("o.csv").toString(), "=>", "no such directory"));
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--metrics-dir", H2.resolve("m").toString(), "=>",
                "--metrics-dir");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedByFileAndLineAndAByteOrderMarkIsSkipped() throws IOException {
        byte[] qasm = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q\u00ff;\n".getBytes(StandardCharsets.ISO_8859_1);
        Path bad = write("bad.qasm", qasm);
        assertRefused("simulate", "--qasm", bad.toString(), "=>", bad + ":4: not valid UTF-8");
        Path h = write("bad.txt", new byte[] {'0', '.', '5', '*', 'Z', '0', '\n', (byte) 0xC0, '\n'});
        assertRefused("vqe", "--hamiltonian", h.toString(), "=>", h + ":2: not valid UTF-8");
        Path g = write("bad-graph.txt", new byte[] {'0', ' ', '1', (byte) 0xFF, '\n'});
        assertRefused("qaoa", "--graph", g.toString(), "=>", g + ":1: not valid UTF-8");
        Path rows = write("bad.csv", ("a0,a1,a2,a3,b\n0,0,0,0," + '\u00e9' + "\n").getBytes(StandardCharsets.ISO_8859_1));
        assertRefused("sweep", "--qasm", QASM.toString(), "--parameters", rows.toString(), "--out",
                dir.resolve("o.csv").toString(), "=>", rows + ":2: not valid UTF-8");

        Path bom = write("bom.qasm", "\uFEFFOPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\n");
        Run r = run("simulate", "--qasm", bom.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"z\": [-1.0]"), r.out());
        Path bomRows = write("bom.csv", "\uFEFF" + Files.readString(ROWS));
        Run s = run("sweep", "--qasm", QASM.toString(), "--parameters", bomRows.toString(), "--out",
                dir.resolve("bom-out.csv").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.readString(dir.resolve("bom-out.csv")).startsWith("a0,"));
    }

    @Test
    void anUnwritableCheckpointDirectoryIsRefusedBeforeAnyStep() throws IOException {
        Path file = write("plain", "x");
        Path metrics = dir.resolve("metrics");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--checkpoint-dir", file.resolve("ck").toString(),
                "--metrics-dir", metrics.toString(), "=>", "ck");
        assertFalse(Files.exists(metrics.resolve("metrics.jsonl")), "no step ran");
        Path proc = Path.of("/proc/self");
        if (Files.isDirectory(proc)) {
            assertRefused("vqe", "--hamiltonian", H2.toString(), "--checkpoint-dir", "/proc/self/qtune-checkpoints",
                    "--metrics-dir", metrics.toString(), "=>", "checkpoint directory", "is not writable");
            assertFalse(Files.exists(metrics.resolve("metrics.jsonl")), "no step ran");
        }
    }

    @Test
    void badMasterUrlsAndOptionsAreRefusedBeforeSparkStarts() throws IOException {
        scala.Option<SparkContext> before = SparkContext$.MODULE$.getActive();
        assertRefused("simulate", "--qasm", hadamards(4).toString(), "--partitions", "2", "--master", "bogus://x", "=>",
                "--master 'bogus://x' is not a Spark master URL (local, local[N]");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--gradient", "parameter-shift", "--master",
                "mesos://m:5050", "=>", "Spark 4 no longer supports Mesos");
        assertRefused("sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--partitions", "2",
                "--master", "local[0]", "--out", dir.resolve("o.csv").toString(), "=>", "at least 1 thread");
        assertRefused("vqe", "--hamiltonian", H2.toString(), "--gradient", "parameter-shift", "--partitions", "0",
                "--master", "local[2]", "=>", "--partitions must be >= 1");
        assertRefused("bench", "--distributed", "--partitions", "3", "--master", "local[2]", "=>", "power of two");
        scala.Option<SparkContext> after = SparkContext$.MODULE$.getActive();
        assertEquals(before.isDefined(), after.isDefined(), "no context started");
        if (before.isDefined()) {
            assertTrue(before.get() == after.get(), "the same context");
        }
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
