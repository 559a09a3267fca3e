package org.qtune.circuit.qasm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.qtune.circuit.Circuit;

/**
 * Reads OpenQASM 2.0 programs into {@link Circuit}s for unitary simulation.
 *
 * <p>Accepted: the {@code OPENQASM 2.0;} header; {@code include "qelib1.inc";} (built in, see
 * {@code Qelib1}; no other file can be included); {@code qreg} and {@code creg} (registers of a kind
 * are concatenated in declaration order); the primitives {@code U} and {@code CX} and every
 * qelib1.inc gate; {@code gate} definitions, expanded where they are called; broadcasting over whole
 * registers ({@code h q;}, {@code cx a, b;}, {@code cx a[0], b;}); constant expressions with
 * {@code pi}, {@code + - * / ^}, unary minus and {@code sin cos tan exp ln sqrt}; {@code barrier}
 * (ignored); {@code measure}, recorded in {@link QasmProgram#measurements()}; {@code //} and
 * block comments.
 *
 * <p>Rejected with a {@link QasmException} naming the line and column: anything malformed, and what
 * a unitary simulation cannot run: {@code reset}, {@code if}, {@code opaque} gates and any gate on a
 * qubit after that qubit was measured.
 *
 * <p>The lexer and parser are written by hand because there is no well-kept OpenQASM 2 parser library
 * for Java on Maven Central, and the language is small.
 */
public final class QasmReader {
    private QasmReader() {
    }

    /** The circuit of an OpenQASM 2.0 program. */
    public static Circuit parse(String source) {
        return parseProgram(source).circuit();
    }

    /** The circuit of the OpenQASM 2.0 file {@code file} (UTF-8). */
    public static Circuit read(Path file) throws IOException {
        return readProgram(file).circuit();
    }

    /** The circuit and the measurements of an OpenQASM 2.0 program. */
    public static QasmProgram parseProgram(String source) {
        return QasmParser.parseProgram(source);
    }

    /**
     * The circuit and the measurements of the OpenQASM 2.0 file {@code file} (UTF-8). Errors name the
     * file as well as the line and column.
     */
    public static QasmProgram readProgram(Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parseProgram(source);
        } catch (QasmException e) {
            throw e.inSource(file.toString());
        }
    }
}
