package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.qtune.circuit.Circuit;

/**
 * The real circuits of QASMBench's small set ({@code ../shared/qasmbench/small/<name>_nN/*.qasm}): each
 * loads with N qubits and writes back to the same operations, or is rejected as
 * {@code qasm/qasmbench-rejected.txt} says. The folder comes from the system property
 * {@code qtune.shared.dir} (the core POM sets it to the repository's {@code ../shared}) or the
 * environment variable {@code QTUNE_SHARED_DIR}; without it the tests are skipped.
 */
class QasmBenchTest {
    private static final Pattern QUBIT_COUNT = Pattern.compile("_n(\\d+)$");

    /** An expected rejection: where, and the message after the position. */
    private record Rejection(int line, int column, String reason) {
    }

    private static Path benchmarkDirectory() {
        return org.qtune.SharedData.qasmBenchDirectory();
    }

    private static List<Path> benchmarkFiles() throws IOException {
        return org.qtune.SharedData.qasmBenchFiles();
    }

    /** The folder and file name, e.g. {@code adder_n4/adder_n4.qasm}: the key of the table. */
    private static String key(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    private static Map<String, Rejection> expectedRejections() throws IOException {
        Map<String, Rejection> table = new LinkedHashMap<>();
        try (InputStream in = QasmBenchTest.class.getResourceAsStream("/qasm/qasmbench-rejected.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\|", 4);
                table.put(cells[0].trim(), new Rejection(Integer.parseInt(cells[1].trim()),
                        Integer.parseInt(cells[2].trim()), cells[3].trim()));
            }
        }
        return table;
    }

    @Test
    void everyFileInTheRejectionTableExists() throws IOException {
        List<String> present = benchmarkFiles().stream().map(QasmBenchTest::key).toList();
        for (String file : expectedRejections().keySet()) {
            assertTrue(present.contains(file), file + " is in the table but not in the benchmark folder");
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFileLoadsWithTheQubitCountOfItsFolderOrIsRejectedAsTheTableSays() throws IOException {
        Map<String, Rejection> rejections = expectedRejections();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : benchmarkFiles()) {
            Rejection rejection = rejections.get(key(file));
            tests.add(DynamicTest.dynamicTest(key(file), rejection == null
                    ? () -> assertLoads(file)
                    : () -> assertRejected(file, rejection)));
        }
        return tests.stream();
    }

    private static void assertLoads(Path file) throws IOException {
        QasmProgram program = QasmReader.readProgram(file);
        Matcher m = QUBIT_COUNT.matcher(file.getParent().getFileName().toString());
        assertTrue(m.find(), "the folder names its qubit count");
        assertEquals(Integer.parseInt(m.group(1)), program.circuit().numQubits());
        assertTrue(program.circuit().size() > 0);
    }

    private static void assertRejected(Path file, Rejection expected) {
        QasmException e = assertThrows(QasmException.class, () -> QasmReader.read(file));
        assertEquals(file + ": line " + expected.line() + ", column " + expected.column() + ": " + expected.reason(),
                e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> eachLoadableFileWritesBackToTheSameOperations() throws IOException {
        Map<String, Rejection> rejections = expectedRejections();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : benchmarkFiles()) {
            if (!rejections.containsKey(key(file))) {
                tests.add(DynamicTest.dynamicTest(key(file), () -> {
                    Circuit read = QasmReader.read(file);
                    Circuit again = QasmReader.parse(QasmWriter.write(read));
                    assertEquals(read.numQubits(), again.numQubits());
                    assertEquals(read.operations(), again.operations());
                }));
            }
        }
        return tests.stream();
    }

    /**
     * QASMBench's medium {@code sat_n11.qasm} has no {@code OPENQASM} line: read by default as
     * OpenQASM 2.0 (as Qiskit's default loader does), the same circuit as with the header; rejected in
     * strict mode. Skipped when the file is not in ../shared/qasmbench.
     */
    @Test
    void satN11WithoutAHeaderReadsAsOpenQasm2AndStrictModeRejectsIt() throws IOException {
        Path file = org.qtune.SharedData.qasmBenchFile("sat_n11.qasm");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.lines().noneMatch(l -> l.strip().startsWith("OPENQASM")),
                file + " was expected to have no OPENQASM header: this test is about such a file");
        QasmProgram program = QasmReader.readProgram(file);
        assertEquals(QasmVersion.V2, program.version());
        assertEquals(11, program.circuit().numQubits());
        QasmProgram withHeader = QasmReader.parseProgram("OPENQASM 2.0;\n" + text);
        assertEquals(withHeader.circuit().operations(), program.circuit().operations());
        assertEquals(withHeader.measurements(), program.measurements());
        QasmException e = assertThrows(QasmException.class, () -> QasmReader.read(file, QasmReader.Options.strict()));
        assertTrue(e.getMessage().startsWith(file + ": line ") && e.getMessage().contains(": missing header: a program"
                + " starts with 'OPENQASM 2.0;' or 'OPENQASM 3.0;'"), e.getMessage());
    }
}
