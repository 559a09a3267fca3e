package org.qtune.circuit.qasm;

import java.io.IOException;
import java.nio.file.Path;
import org.qtune.circuit.Circuit;
import org.qtune.text.TextFiles;

/**
 * Reads OpenQASM 2.0 programs, and the OpenQASM 3 subset that Qiskit's {@code qasm3.dumps} writes
 * for parameterized circuits of standard gates, into {@link Circuit}s for unitary simulation. The
 * header ({@code OPENQASM 2.0;} or {@code OPENQASM 3.0;}) says which; a program without a header is
 * OpenQASM 2.0, as in Qiskit's default loader, unless read with {@link Options#strict()}.
 *
 * <p>OpenQASM 2.0: the header (optional, see {@link Options}); {@code include "qelib1.inc";} (built
 * in, see {@code Qelib1}; no other file can be included); {@code qreg} and {@code creg} (registers of
 * a kind are concatenated in declaration order); the primitives {@code U} and {@code CX} and every
 * qelib1.inc gate; {@code gate} definitions, expanded where they are called; broadcasting over whole
 * registers ({@code h q;}, {@code cx a, b;}, {@code cx a[0], b;}); constant expressions with
 * {@code pi}, {@code + - * / ^}, unary minus and {@code sin cos tan exp ln sqrt}; {@code barrier} (ignored);
 * {@code measure}, recorded in {@link QasmProgram#measurements()}; {@code //} and block comments.
 *
 * <p>OpenQASM 3 (also {@code OPENQASM 3;} and {@code 3.1}), the same and: {@code include
 * "stdgates.inc";} (built in, see {@code StdGates}: every stdgates.inc gate, {@code U} without the
 * include; {@code cu(θ, φ, λ, γ)} is CU3 and then P(γ) on the control, P left out when γ is 0);
 * {@code qubit[n] q;}, {@code qubit a;}, {@code bit[n] c;}, {@code bit c;} (a single qubit or bit is
 * named without an index), and {@code qreg}/{@code creg}; {@code input float[64] theta;} (any width,
 * or none) and {@code input angle theta;}, each a symbolic {@link org.qtune.circuit.Parameter} named
 * as in the file (Qiskit writes the ParameterVector element {@code θ[0]} as {@code _θ_0_}), listed
 * in {@link QasmProgram#inputs()}; gate arguments affine in one input, such as {@code 2*theta},
 * {@code theta + pi/2} or {@code -theta}, which become affine
 * {@link org.qtune.circuit.ParameterExpression}s, also through the parameters of {@code gate}
 * definitions (Qiskit defines rxx, ryy, rzz, sxdg, ... that way); names with any Unicode letter;
 * the constants {@code pi π tau τ euler ℇ}, {@code **} for powers and the functions
 * {@code sin cos tan arcsin arccos arctan exp log sqrt} on constants; {@code barrier;};
 * measurements as {@code c = measure q;}, {@code c[0] = measure q[0];}, {@code bit[n] c = measure q;}
 * and {@code measure q -> c;}. A file's {@code gate} definition is what is simulated, also for a name
 * that is a qtune gate (rzz is then expanded to cx, rz, cx); a definition's global phase, which
 * Qiskit drops in some (its sxdg is {@code s; h; s}), is the one the body gives.
 *
 * <p>Rejected with a {@link QasmException} naming the line and column: anything malformed, an
 * argument that is not affine in one input ({@code sin(theta)}, {@code theta*phi},
 * {@code theta + phi}), and what a unitary simulation cannot run: {@code reset}, {@code if} and any
 * other control flow, {@code def} subroutines, classical variables and assignments other than a
 * measurement, {@code opaque} gates, timing ({@code delay}, {@code box}), calibrations, and any
 * gate on a qubit after that qubit was measured. Also rejected, as outside the subset read:
 * {@code gphase}, gate modifiers ({@code ctrl @}, {@code inv @}, ...), {@code let} aliases,
 * hardware qubits ({@code $0}), index ranges, and inputs of types other than float and angle.
 *
 * <p>The lexer and parser are written by hand because there is no well-kept OpenQASM parser library
 * for Java on Maven Central, and the subset is small.
 */
public final class QasmReader {
    private QasmReader() {
    }

    /**
     * How strictly to read. {@link #defaults()} reads a program without an {@code OPENQASM} header as
     * OpenQASM 2.0, as Qiskit's default (non-strict) loader does (QASMBench's {@code sat_n11.qasm} has
     * no header); {@link #strict()} rejects it with a {@link QasmException} at the first token.
     *
     * @param requireHeader whether a program must start with {@code OPENQASM 2.0;} or {@code OPENQASM 3.0;}
     */
    public record Options(boolean requireHeader) {
        private static final Options DEFAULTS = new Options(false);
        private static final Options STRICT = new Options(true);

        /** A missing header means OpenQASM 2.0. */
        public static Options defaults() {
            return DEFAULTS;
        }

        /** A missing header is an error. */
        public static Options strict() {
            return STRICT;
        }
    }

    /** The circuit of an OpenQASM 2.0 or 3 program, read with {@link Options#defaults()}. */
    public static Circuit parse(String source) {
        return parse(source, Options.defaults());
    }

    /** The circuit of an OpenQASM 2.0 or 3 program. */
    public static Circuit parse(String source, Options options) {
        return parseProgram(source, options).circuit();
    }

    /** The circuit of the OpenQASM 2.0 or 3 file {@code file} (UTF-8), read with {@link Options#defaults()}. */
    public static Circuit read(Path file) throws IOException {
        return read(file, Options.defaults());
    }

    /** The circuit of the OpenQASM 2.0 or 3 file {@code file} (UTF-8). */
    public static Circuit read(Path file, Options options) throws IOException {
        return readProgram(file, options).circuit();
    }

    /** The circuit, the measurements and the inputs of a program, read with {@link Options#defaults()}. */
    public static QasmProgram parseProgram(String source) {
        return parseProgram(source, Options.defaults());
    }

    /** The circuit, the measurements and the inputs of an OpenQASM 2.0 or 3 program. */
    public static QasmProgram parseProgram(String source, Options options) {
        return QasmParser.parseProgram(source, options.requireHeader());
    }

    /**
     * The circuit, the measurements and the inputs of the OpenQASM 2.0 or 3 file {@code file}
     * (UTF-8), read with {@link Options#defaults()}. Errors name the file as well as the line and column.
     */
    public static QasmProgram readProgram(Path file) throws IOException {
        return readProgram(file, Options.defaults());
    }

    /**
     * The circuit, the measurements and the inputs of the OpenQASM 2.0 or 3 file {@code file}
     * (UTF-8, a leading byte-order mark skipped; see {@link org.qtune.text.TextFiles}). Errors name the
     * file as well as the line and column.
     */
    public static QasmProgram readProgram(Path file, Options options) throws IOException {
        String source = TextFiles.read(file);
        try {
            return parseProgram(source, options);
        } catch (QasmException e) {
            throw e.inSource(file.toString());
        }
    }
}
