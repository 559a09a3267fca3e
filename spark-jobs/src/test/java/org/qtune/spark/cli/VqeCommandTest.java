package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtune.circuit.PauliSum;
import org.qtune.hamiltonian.HamiltonianFile;
import org.qtune.sim.Measurements;
import org.qtune.sim.StateVector;

class VqeCommandTest {
    static final Path HAMILTONIANS = Path.of("..", "conf", "hamiltonians");

    /** The exact ground energy by dense diagonalization of the Pauli sum's matrix. */
    static double exactGroundEnergy(PauliSum h) {
        int n = h.minQubits(), d = 1 << n;
        double[][] m = new double[d][d];
        for (int j = 0; j < d; j++) {
            // column j of H: H|j>, from <i|H|j> = expectation-free route: apply each term
            for (PauliSum.Term t : h.terms()) {
                long x = t.pauli().xMask(), z = t.pauli().zMask();
                int ny = Long.bitCount(x & z) & 3;
                double sign = (Long.bitCount(j & z) & 1) == 0 ? 1 : -1;
                // real Hamiltonians: i^ny is real (+-1) for the terms that appear
                if ((ny & 1) != 0) {
                    throw new IllegalStateException("odd number of Y: not a real Hamiltonian");
                }
                m[(int) (j ^ x)][j] += t.coefficient() * sign * (ny == 2 ? -1 : 1);
            }
        }
        double min = Double.MAX_VALUE;
        for (double e : new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues()) {
            min = Math.min(min, e);
        }
        return min;
    }

    static JsonNode vqe(String... args) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void theExactMatrixBuilderAgreesWithTheSimulatorOnBasisStates() throws Exception {
        PauliSum h = HamiltonianFile.read(HAMILTONIANS.resolve("h2_sto3g_0.735.txt"));
        // a sanity check of the test's own reference: diagonal elements by the simulator
        assertEquals(Measurements.expectation(StateVector.basis(4, 3), h), -1.11699899, 1e-6);
        assertEquals(-1.1373060, exactGroundEnergy(h), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2_sto3g_0.5.txt", "h2_sto3g_0.735.txt", "h2_sto3g_1.5.txt", "tfim_6.txt"})
    void defaultsFindTheGroundStateWithAdjointGradients(String file) throws Exception {
        Path f = HAMILTONIANS.resolve(file);
        JsonNode r = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3");
        double exact = exactGroundEnergy(HamiltonianFile.read(f));
        assertEquals(exact, r.get("energy").asDouble(), 1.6e-3, file);
        assertTrue(r.get("iterations").asInt() > 0 && r.get("parameters").size() > 0);
    }

    @Test
    void batchedParameterShiftThroughSparkReachesTheH2GroundState() throws Exception {
        Path f = HAMILTONIANS.resolve("h2_sto3g_0.735.txt");
        JsonNode r = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3", "--gradient", "parameter-shift",
                "--master", "local[2]", "--layers", "2", "--iterations", "150");
        assertEquals(-1.1373060, r.get("energy").asDouble(), 1.6e-3);
        assertEquals("parameter-shift", r.get("gradient").asText());
    }

    @Test
    void spsaAndShotsRunOnSparkAndLogTheSparkOverheadShare(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path f = HAMILTONIANS.resolve("h2_sto3g_0.735.txt");
        JsonNode r = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3", "--optimizer", "adam",
                "--learning-rate", "0.1", "--gradient", "shots", "--shots", "4000", "--layers", "1",
                "--iterations", "60", "--master", "local[2]", "--metrics-dir", dir.toString());
        assertTrue(r.get("spark").asBoolean());
        // shot noise (4000 per term) leaves the optimum a few mHa off; a wrong estimator would be far off
        assertEquals(-1.1373060, r.get("energy").asDouble(), 2e-2);
        java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(60, lines.size());
        for (String line : lines) {
            JsonNode m = new ObjectMapper().readTree(line);
            double share = m.get("spark_overhead_share").asDouble();
            assertTrue(share > 0 && share <= 1, line);
        }
        JsonNode spsa = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3", "--optimizer", "spsa", "--spark",
                "--layers", "1", "--iterations", "40", "--master", "local[2]");
        assertEquals("spsa", spsa.get("optimizer").asText());
        assertTrue(spsa.get("spark").asBoolean() && spsa.get("energy").asDouble() < -0.9, spsa.toString());
    }

    @Test
    void cmaesOnSparkRunsOneJobPerGenerationAndReachesTheH2GroundState() throws Exception {
        // a context already running in this JVM (local[2], as --master asks) is borrowed by the command,
        // so a job group set on this thread counts the command's Spark jobs
        org.apache.spark.api.java.JavaSparkContext sc = org.qtune.spark.testing.SparkTestContext.get();
        Path f = HAMILTONIANS.resolve("h2_sto3g_0.735.txt");
        sc.setJobGroup("cmaes-vqe", "CMA-ES generations", false);
        JsonNode r;
        try {
            r = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3", "--optimizer", "cmaes", "--spark",
                    "--layers", "1", "--iterations", "120", "--master", "local[2]");
        } finally {
            sc.clearJobGroup();
        }
        assertEquals("cmaes", r.get("optimizer").asText());
        assertTrue(r.get("spark").asBoolean());
        assertEquals(-1.1373060, r.get("energy").asDouble(), 1.6e-3);
        int generations = r.get("iterations").asInt();
        assertEquals(120, generations);
        // 8 parameters: a population of 4 + floor(3 ln 8) = 10 per generation, all in one job
        assertEquals(10 * generations, r.get("evaluations").asInt());
        assertEquals(generations, sc.statusTracker().getJobIdsForGroup("cmaes-vqe").length);
    }

    @Test
    void sparkWithAdjointGradientsIsRejectedWithAClearError() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "vqe", "--hamiltonian",
                HAMILTONIANS.resolve("h2_sto3g_0.735.txt").toString(), "--spark");
        assertEquals(2, code);
        assertTrue(err.toString().contains("adjoint gradients run in the driver"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void metricsAreLoggedPerStepAndPlotted(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = HAMILTONIANS.resolve("h2_sto3g_0.735.txt");
        JsonNode r = vqe("vqe", "--hamiltonian", f.toString(), "--seed", "3", "--metrics-dir", dir.toString());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(r.get("iterations").asInt(), lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(r.get("iterations").asInt(), last.get("step").asInt());
        assertTrue(last.get("seconds").asDouble() >= last.get("evaluation_seconds").asDouble());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("objective.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
        // the report beside them, for people and for programs, with the provenance beside that
        JsonNode written = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertEquals(r.get("energy").asDouble(), written.get("energy").asDouble(), 0);
        String md = java.nio.file.Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| energy | %.10f |", r.get("energy").asDouble())), md);
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("report.md.provenance.json")));
        // what it cost and where it came from, in both: the provenance in the JSON, time and energy in the Markdown
        assertEquals("vqe", written.get("provenance").get("job").asText());
        assertTrue(md.contains("| core-seconds (driver, executors) |") && md.contains("| energy (estimate) |"), md);
        assertTrue(md.contains(written.get("provenance").get("config_sha256").asText()), md);
    }

    @Test
    void aDriverKilledMidRunResumesToBitIdenticalParameters(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String h = HAMILTONIANS.resolve("tfim_6.txt").toString();
        String[] common = {"vqe", "--hamiltonian", h, "--optimizer", "adam", "--learning-rate", "0.02",
                "--iterations", "400", "--seed", "5", "--checkpoint-every", "5"};
        JsonNode straight = vqe(concat(common, "--checkpoint-dir", dir.resolve("straight").toUri().toString()));

        // the same job in a separate JVM, killed (SIGKILL) once it has written a few checkpoints
        Path cps = dir.resolve("killed");
        // the same JVM options (the Vector API kernels round differently from the scalar ones, and a
        // resumed run is bit-identical only on the same kernels)
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(java.util.List.of(concat(common, "--checkpoint-dir", cps.toUri().toString())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline && countCheckpoints(cps) < 3) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the driver finished before it could be killed:\n"
                + java.nio.file.Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly().waitFor();

        JsonNode resumed = vqe(concat(common, "--checkpoint-dir", cps.toUri().toString()));
        assertEquals(straight.get("parameters").toString(), resumed.get("parameters").toString());
        assertEquals(straight.get("energy").asDouble(), resumed.get("energy").asDouble(), 0.0);
    }

    private static long countCheckpoints(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".qtck")).count();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void badOptionsExitWithCodeTwo() {
        Path f = HAMILTONIANS.resolve("h2_sto3g_0.735.txt");
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(out), new PrintWriter(err, true), "vqe", "--hamiltonian",
                f.toString(), "--optimizer", "magic"));
        assertTrue(err.toString().contains("unknown --optimizer"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(out), new PrintWriter(err2, true), "vqe", "--hamiltonian",
                f.toString(), "--optimizer", "cmaes", "--sigma0", "0"));
        assertTrue(err2.toString().contains("sigma0"), err2.toString());
        assertEquals(2, Main.execute(new PrintWriter(out), new PrintWriter(err), "vqe", "--hamiltonian", "missing.txt"));
    }

    /** Runs the command expecting exit code 2, and returns its stderr. */
    static String refused(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args), err.toString());
        return err.toString();
    }

    @Test
    void resumingACheckpointDirWithAnotherHamiltonianOptimizerOrSeedIsRefusedNamingBothRuns(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the case: LiH's checkpoints resumed with the TFIM Hamiltonian (both 6 qubits) gave a
        // wrong "converged" energy, and with another optimizer a ClassCastException
        String lih = HAMILTONIANS.resolve("lih_sto3g_1.595_active6.txt").toString();
        String tfim = HAMILTONIANS.resolve("tfim_6.txt").toString();
        String cps = dir.resolve("cp").toUri().toString();
        vqe("vqe", "--hamiltonian", lih, "--optimizer", "adam", "--seed", "1", "--iterations", "5",
                "--checkpoint-every", "5", "--checkpoint-dir", cps);
        String mine = "belongs to run vqe lih_sto3g_1.595_active6.txt adam seed 1 (fingerprint ";
        String advice = "; use another --checkpoint-dir or delete it";

        String hamiltonian = refused("vqe", "--hamiltonian", tfim, "--optimizer", "adam", "--seed", "1",
                "--iterations", "10", "--checkpoint-dir", cps);
        assertTrue(hamiltonian.startsWith("qtune vqe: error: checkpoint dir "), hamiltonian);
        assertTrue(hamiltonian.contains(mine), hamiltonian);
        assertTrue(hamiltonian.contains("not to this run vqe tfim_6.txt adam seed 1 (fingerprint "), hamiltonian);
        assertTrue(hamiltonian.strip().endsWith(advice), hamiltonian);

        String optimizer = refused("vqe", "--hamiltonian", lih, "--optimizer", "lbfgs", "--seed", "1",
                "--iterations", "10", "--checkpoint-dir", cps);
        assertTrue(optimizer.contains(mine) && optimizer.contains("not to this run vqe lih_sto3g_1.595_active6.txt "
                + "lbfgs seed 1"), optimizer);
        assertTrue(!optimizer.contains("ClassCastException"), optimizer);

        String seed = refused("vqe", "--hamiltonian", lih, "--optimizer", "adam", "--seed", "2", "--iterations", "10",
                "--checkpoint-dir", cps);
        assertTrue(seed.contains(mine) && seed.contains("not to this run vqe lih_sto3g_1.595_active6.txt adam seed 2"),
                seed);

        String rate = refused("vqe", "--hamiltonian", lih, "--optimizer", "adam", "--seed", "1", "--learning-rate",
                "0.01", "--iterations", "10", "--checkpoint-dir", cps);
        assertTrue(rate.contains(mine), rate);

        // the same run resumes: a longer limit is not another run
        JsonNode resumed = vqe("vqe", "--hamiltonian", lih, "--optimizer", "adam", "--seed", "1", "--iterations", "8",
                "--checkpoint-dir", cps);
        assertEquals(8, resumed.get("iterations").asInt());
    }

    @Test
    void metricsHoldOneRunWithEachStepOnceAcrossAResume(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String h = HAMILTONIANS.resolve("h2_sto3g_0.735.txt").toString();
        Path metrics = dir.resolve("metrics");
        String cps = dir.resolve("cp").toUri().toString();
        // another run's log in the same folder
        vqe("vqe", "--hamiltonian", h, "--optimizer", "sgd", "--iterations", "9", "--metrics-dir", metrics.toString());
        assertEquals(9, java.nio.file.Files.readAllLines(metrics.resolve("metrics.jsonl")).size());

        String[] run = {"vqe", "--hamiltonian", h, "--optimizer", "adam", "--seed", "4", "--checkpoint-every", "4",
                "--checkpoint-dir", cps, "--metrics-dir", metrics.toString()};
        vqe(concat(run, "--iterations", "6"));
        java.util.List<String> fresh = java.nio.file.Files.readAllLines(metrics.resolve("metrics.jsonl"));
        assertEquals(6, fresh.size(), "a fresh run starts the file anew");

        // resumes from the checkpoint of step 4: steps 5 and 6 are computed (and logged) again, once
        JsonNode resumed = vqe(concat(run, "--iterations", "10"));
        JsonNode straight = vqe("vqe", "--hamiltonian", h, "--optimizer", "adam", "--seed", "4", "--iterations", "10");
        assertEquals(straight.get("parameters").toString(), resumed.get("parameters").toString());
        java.util.List<String> lines = java.nio.file.Files.readAllLines(metrics.resolve("metrics.jsonl"));
        assertEquals(10, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, new ObjectMapper().readTree(lines.get(i)).get("step").asInt(), lines.get(i));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(fresh.get(i), lines.get(i), "the lines up to the checkpoint are kept as they were");
        }
    }
}
