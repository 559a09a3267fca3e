package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.io.ParameterTable;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;

class SweepCommandTest {
    static final Path QASM = Path.of("..", "conf", "examples", "ry_ring_4.qasm");
    static final Path ROWS = Path.of("..", "conf", "examples", "ry_ring_4_rows.csv");

    static int sweep(StringWriter err, String... args) {
        return Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void theSameNumbersAsTheSingleStatePathForAnyPartitionCount(@TempDir Path dir) throws Exception {
        String obs = "0.5*Z0 Z1 - 0.8*X2 + 0.3*Y3";
        Path local = dir.resolve("local.csv"), spark = dir.resolve("spark.csv"), shift = dir.resolve("shift.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--observable",
                obs, "--gradient", "adjoint", "--out", local.toString()), err.toString());
        assertEquals(0, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--observable",
                obs, "--gradient", "adjoint", "--partitions", "3", "--master", "local[2]", "--batch", "2", "--out",
                spark.toString()), err.toString());
        assertEquals(Files.readString(local), Files.readString(spark), "same bits for 1 and 3 partitions");
        assertEquals(0, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--observable",
                obs, "--gradient", "parameter-shift", "--out", shift.toString()), err.toString());

        Circuit c = QasmReader.read(QASM);
        PauliSum h = PauliSum.parse(obs);
        double[][] thetas = ParameterTable.read(ROWS).forCircuit(c, ROWS.toString());
        List<String> lines = Files.readAllLines(local), shifted = Files.readAllLines(shift);
        assertEquals("a0,a1,a2,a3,b,value,d_a0,d_a1,d_a2,d_a3,d_b", lines.get(0));
        try (Simulator sim = new Simulator()) {
            for (int r = 0; r < thetas.length; r++) {
                String[] cells = lines.get(r + 1).split(","), cellsShift = shifted.get(r + 1).split(",");
                Gradient ref = new AdjointGradient(sim).compute(c, thetas[r], h);
                assertEquals(ref.value(), Double.parseDouble(cells[5]), 1e-12);
                for (int p = 0; p < 5; p++) {
                    // columns d_a0..d_b follow the file's names, which are the circuit's order here
                    assertEquals(ref.gradient()[p], Double.parseDouble(cells[6 + p]), 1e-10);
                    assertEquals(ref.gradient()[p], Double.parseDouble(cellsShift[6 + p]), 1e-10);
                }
            }
        }
        Path z = dir.resolve("z.csv");
        assertEquals(0, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--out", z.toString()));
        List<String> zl = Files.readAllLines(z);
        assertEquals("a0,a1,a2,a3,b,z0,z1,z2,z3", zl.get(0));
        // a report beside the CSV: its plain fields in the Markdown, the provenance in the JSON
        String md = Files.readString(dir.resolve("z.csv.report.md"));
        assertTrue(md.contains("| rows | " + (zl.size() - 1) + " |") && md.contains("| wall seconds |"), md);
        assertTrue(Files.readString(dir.resolve("z.csv.report.json")).contains("\"config_sha256\""));
        try (Simulator sim = new Simulator()) {
            double[] ref = Measurements.expectationZAll(sim.run(c, thetas[0]));
            String[] cells = zl.get(1).split(",");
            for (int q = 0; q < 4; q++) {
                assertEquals(ref[q], Double.parseDouble(cells[5 + q]), 1e-12);
            }
        }
    }

    @Test
    void aBadRowIsReportedByLineNumberAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path rows = dir.resolve("rows.csv"), out = dir.resolve("out.csv");
        Files.writeString(rows, "a0,a1,a2,a3,b\n0.1,0.2,0.3,0.4,0.5\n0.1,0.2,x,0.4,0.5\n");
        StringWriter err = new StringWriter();
        assertEquals(2, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", rows.toString(), "--out",
                out.toString()));
        assertTrue(err.toString().contains("rows.csv:3: 'x' in column 'a2' is not a number"), err.toString());
        assertFalse(Files.exists(out));
        Files.writeString(rows, "a0,a1,a2,b\n0.1,0.2,0.3,0.5\n");
        err = new StringWriter();
        assertEquals(2, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", rows.toString(), "--out",
                out.toString()));
        assertTrue(err.toString().contains("rows.csv:1: no column for the circuit's parameter 'a3'"), err.toString());
        err = new StringWriter();
        assertEquals(2, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--gradient",
                "adjoint", "--out", out.toString()));
        assertTrue(err.toString().contains("needs an observable"), err.toString());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary or partial file left behind");
        }
    }

    @Test
    void simulateBindsInputParametersByNameAndAgreesWithSweep(@TempDir Path dir) throws Exception {
        Path z = dir.resolve("z.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, sweep(err, "sweep", "--qasm", QASM.toString(), "--parameters", ROWS.toString(), "--out",
                z.toString()), err.toString());
        String[] header = Files.readAllLines(z).get(0).split(","), row = Files.readAllLines(z).get(1).split(",");
        List<String> args = new java.util.ArrayList<>(List.of("simulate", "--qasm", QASM.toString()));
        for (int j = 0; j < 5; j++) {
            args.add("--parameter");
            args.add(header[j] + "=" + row[j]);
        }
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0])),
                err.toString());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString().strip());
        for (int q = 0; q < 4; q++) {
            assertEquals(Double.parseDouble(row[5 + q]), json.get("z").get(q).asDouble(), 1e-12, "<Z" + q + ">");
        }
        StringWriter e2 = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(e2, true), "simulate",
                "--qasm", QASM.toString(), "--parameter", "a0=0.1"));
        assertTrue(e2.toString().contains("no value for input parameter(s) [a1, a2, a3, b]"), e2.toString());
        StringWriter e3 = new StringWriter();
        assertEquals(2, Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(e3, true), "simulate",
                "--qasm", QASM.toString(), "--parameter", "zz=0.1"));
        assertTrue(e3.toString().contains("circuit has no parameter 'zz'"), e3.toString());
    }

    @Test
    void aLargeFileSweptThreeTimesGivesTheSameBytesOnOneThreadOrSeveral(@TempDir Path dir) throws Exception {
        // 50,000 rows: long enough that the JIT compiles the kernels while the first sweep runs (SVML sin
        // and cos then changed the last digits of thousands of rows between runs)
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(14);
        StringBuilder csv = new StringBuilder("a0,a1,a2,a3,b\n");
        for (int r = 0; r < 50_000; r++) {
            for (int j = 0; j < 5; j++) {
                csv.append(j == 0 ? "" : ",").append(rnd.nextDouble(-3, 3));
            }
            csv.append('\n');
        }
        Path rows = Files.writeString(dir.resolve("rows.csv"), csv);
        String obs = "0.5*Z0 Z1 - 0.8*X2 + 0.3*Y3";
        String[] outs = {"first.csv", "second.csv", "spark.csv"};
        for (String name : outs) {
            StringWriter err = new StringWriter();
            List<String> args = new java.util.ArrayList<>(List.of("sweep", "--qasm", QASM.toString(), "--parameters",
                    rows.toString(), "--observable", obs, "--gradient", "adjoint", "--out", dir.resolve(name).toString()));
            if (name.equals("spark.csv")) {
                args.addAll(List.of("--partitions", "3", "--master", "local[2]"));
            }
            assertEquals(0, sweep(err, args.toArray(new String[0])), err.toString());
        }
        byte[] first = Files.readAllBytes(dir.resolve("first.csv"));
        assertEquals(50_001, Files.readAllLines(dir.resolve("first.csv")).size());
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("second.csv"))), "run to run");
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve("spark.csv"))), "in Spark's threads");
    }
}
