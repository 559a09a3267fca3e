package org.qtune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.qasm.QasmProgram;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.circuit.qasm.QasmVersion;
import org.qtune.circuit.qasm.QasmWriter;

/** Atomic writes, with the QASM text that {@link QasmWriter} returns as the content. */
class AtomicFilesTest {
    @Test
    void writingAFileReplacesItWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("circuit.qasm");
        Files.writeString(file, "old content that is longer than the new one ".repeat(20));
        Circuit c = Circuit.builder(2).add(Gate.H, 0).add(Gate.CX, 0, 1).build();
        AtomicFiles.writeString(file, QasmWriter.write(c));
        assertEquals(QasmWriter.write(c), Files.readString(file));
        assertEquals(c.operations(), QasmReader.read(file).operations());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writingIntoAMissingFolderFailsAndCreatesNothing(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("circuit.qasm");
        Circuit c = Circuit.builder(1).add(Gate.H, 0).build();
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(file, QasmWriter.write(c)));
        assertTrue(Files.notExists(dir.resolve("missing")));
    }

    @Test
    void textIsWrittenAsUtf8SoOpenQasm3NamesReadBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("circuit.qasm");
        Circuit c = Circuit.builder(2).add(Gate.RY, Parameter.of("\u03b8"), 0).add(Gate.CX, 0, 1).build();
        AtomicFiles.writeString(file, QasmWriter.write(c, QasmVersion.V3));
        assertEquals(QasmWriter.write(c, QasmVersion.V3), Files.readString(file, StandardCharsets.UTF_8));
        QasmProgram back = QasmReader.readProgram(file);
        assertEquals(QasmVersion.V3, back.version());
        assertEquals(c.operations(), back.circuit().operations());
    }
}
