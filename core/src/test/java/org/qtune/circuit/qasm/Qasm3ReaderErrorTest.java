package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the reader rejects in OpenQASM 3 programs, and where it says the problem is: one row per
 * case. Most programs start with {@link #HEADER} (lines 1 to 4), so the statement under test is on
 * line 5 unless the row says otherwise. The messages are those of OpenQASM 2.0 where the problem is
 * the same (see {@link QasmReaderErrorTest}).
 */
class Qasm3ReaderErrorTest {
    private static final String HEADER = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\n"
            + "qubit[4] q;\n";

    private static Arguments row(String what, String source, int line, int column, String reason) {
        return Arguments.of(what, source, line, column, reason);
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                // names and counts, as in 2.0
                row("an unknown gate", HEADER + "foo q[0];", 5, 1, "unknown gate 'foo'"),
                row("a gate not in stdgates.inc and not defined", HEADER + "rzz(theta) q[0], q[1];", 5, 1,
                        "unknown gate 'rzz'"),
                row("a stdgates gate without the include", "OPENQASM 3.0;\nqubit q;\nh q;", 3, 1,
                        "unknown gate 'h': it is defined in \"stdgates.inc\", which the program does not include"),
                row("an undeclared register", HEADER + "h r[0];", 5, 3, "undeclared register 'r'"),
                row("an undeclared measurement target", HEADER + "c[0] = measure q[0];", 5, 1,
                        "undeclared register 'c'"),
                row("too few qubits", HEADER + "cx q[0];", 5, 1, "gate 'cx' acts on 2 qubits, got 1"),
                row("too few parameters", HEADER + "cu(1, 2, 3) q[0], q[1];", 5, 1,
                        "gate 'cu' takes 4 parameters, got 3"),
                row("too many parameters in a body", HEADER + "gate g a { rx(1, 2) a; }", 5, 12,
                        "gate 'rx' takes 1 parameter, got 2"),
                row("an index out of range", HEADER + "h q[4];", 5, 5, "index 4 is out of range for register 'q' of size 4"),
                row("an index on a single qubit", HEADER + "qubit a;\nh a[0];", 6, 4,
                        "'a' is a single qubit, not a register: it takes no index"),
                row("a qubit used twice", HEADER + "cx q[1], q[1];", 5, 10, "qubit q[1] appears twice in this call of 'cx'"),
                row("a hardware qubit", HEADER + "h $0;", 5, 3,
                        "the hardware qubit '$0' is not supported: declare the qubits with 'qubit[n] name;'"),
                // declarations
                row("a redeclared register", HEADER + "qubit[2] q;", 5, 10, "redeclared register 'q' (declared at line 4)"),
                row("a bit named like a qubit register", HEADER + "bit q;", 5, 5,
                        "redeclared register 'q' (declared at line 4)"),
                row("a redeclared input", HEADER + "input angle theta;", 5, 13,
                        "redeclared input 'theta' (declared at line 3)"),
                row("an input named like a register", HEADER + "input float[64] q;", 5, 17,
                        "'q' is already declared as a register at line 4"),
                row("a register named like an input", HEADER + "bit[2] theta;", 5, 8,
                        "'theta' is already declared as an input at line 3"),
                row("an input named like a stdgates gate", HEADER + "input float[64] rx;", 5, 17,
                        "'rx' is already declared as a gate in stdgates.inc"),
                row("a gate named like an input", HEADER + "gate theta a { }", 5, 6,
                        "'theta' is already declared as an input at line 3"),
                row("a redeclared stdgates gate", HEADER + "gate h a { }", 5, 6,
                        "redeclared gate 'h' (defined in stdgates.inc)"),
                row("an input with a reserved name", HEADER + "input float[64] pi;", 5, 17,
                        "'pi' is a reserved word and cannot be an input name"),
                row("an input named like a keyword", HEADER + "input float[64] measure;", 5, 17,
                        "'measure' is a reserved word and cannot be an input name"),
                row("an input of another type", HEADER + "input bool flag;", 5, 7,
                        "an input of type 'bool' is not supported: an input is a circuit parameter, declared"
                                + " 'input float[64] name;' or 'input angle name;'"),
                row("a classical variable", HEADER + "float[64] x = 0.5;", 5, 1,
                        "'float' (a classical variable) is not supported in a unitary simulation: the only classical"
                                + " values read are inputs ('input float[64] name;') and bits"),
                row("an output", HEADER + "output float[64] x;", 5, 1,
                        "'output' (a classical variable) is not supported in a unitary simulation: the only classical"
                                + " values read are inputs ('input float[64] name;') and bits"),
                row("an alias", HEADER + "let a = q[0:1];", 5, 1,
                        "'let' (an alias) is not supported: declare each register with 'qubit[n] name;'"),
                row("no qubits", "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n", 3, 1,
                        "the program declares no qubits (no 'qubit')"),
                // expressions: affine in one input, or constant
                row("a function of an input", HEADER + "rz(2*sin(theta)) q[0];", 5, 6,
                        "'sin' of an expression in 'theta' is not affine (a gate argument must be a*p + b for one"
                                + " input parameter p, or a constant)"),
                row("a product of inputs", HEADER + "input float[64] phi;\nrz(theta*phi) q[0];", 6, 9,
                        "the product of expressions in 'theta' and 'phi' is not affine (a gate argument must be a*p + b"
                                + " for one input parameter p, or a constant)"),
                row("a square", HEADER + "rz(theta**2) q[0];", 5, 9,
                        "a power with an expression in 'theta' is not affine (a gate argument must be a*p + b for one"
                                + " input parameter p, or a constant)"),
                row("a division by an input", HEADER + "rz(1/theta) q[0];", 5, 5,
                        "dividing by an expression in 'theta' is not affine (a gate argument must be a*p + b for one"
                                + " input parameter p, or a constant)"),
                row("a sum of two inputs", HEADER + "input float[64] phi;\nrz(theta + 2*phi) q[0];", 6, 10,
                        "the sum of expressions in 'theta' and 'phi' depends on two parameters (a gate argument must be"
                                + " a*p + b for one input parameter p, or a constant)"),
                row("a product of inputs made in a gate body",
                        HEADER + "input float[64] phi;\ngate g(a, b) x { rz(a*b) x; }\ng(theta, phi) q[0];", 6, 22,
                        "the product of expressions in 'theta' and 'phi' is not affine (a gate argument must be a*p + b"
                                + " for one input parameter p, or a constant) (in the body of 'g', expanded for the call"
                                + " at line 7, column 1)"),
                row("an undeclared name", HEADER + "rz(2*phi) q[0];", 5, 6,
                        "undeclared name 'phi' in an expression (a parameter is declared with 'input float[64] phi;')"),
                row("an input in a gate body", HEADER + "gate g a { rz(theta) a; }", 5, 15,
                        "undeclared parameter 'theta' in the body of gate 'g'"),
                row("a caret", HEADER + "rz(2^3) q[0];", 5, 5,
                        "'^' is a bitwise operator in OpenQASM 3: a power is written '**'"),
                row("ln, which is log in OpenQASM 3", HEADER + "rz(ln(2)) q[0];", 5, 4,
                        "unknown function 'ln' (OpenQASM 3.0 has sin, cos, tan, arcsin, arccos, arctan, exp, log and"
                                + " sqrt)"),
                row("an infinite argument", HEADER + "rz(theta/0) q[0];", 5, 4,
                        "argument 1 of 'rz' is not a finite expression (Infinity*theta + NaN)"),
                // what a unitary simulation cannot run
                row("reset", HEADER + "reset q[0];", 5, 1, "'reset' is not supported in a unitary simulation"),
                row("if", HEADER + "bit c;\nc = measure q[0];\nif (c) { x q[1]; }", 7, 1,
                        "'if' (classical control flow) is not supported in a unitary simulation"),
                row("while", HEADER + "bit c;\nwhile (c) { x q[1]; }", 6, 1,
                        "'while' (a loop) is not supported in a unitary simulation"),
                row("for", HEADER + "for int i in [0:2] { x q[i]; }", 5, 1,
                        "'for' (a loop) is not supported in a unitary simulation"),
                row("a subroutine", HEADER + "def f(qubit a) { x a; }", 5, 1,
                        "'def' (a subroutine) is not supported in a unitary simulation"),
                row("a gate after a measurement of its qubit", HEADER + "bit[4] c;\nc[1] = measure q[1];\nh q;", 7, 1,
                        "gate 'h' on qubit q[1] after its measurement at line 6 is not supported in a unitary simulation"),
                row("a gate after a whole-register measurement", HEADER + "bit[4] c = measure q;\nx q[3];", 6, 1,
                        "gate 'x' on qubit q[3] after its measurement at line 5 is not supported in a unitary simulation"),
                row("a classical assignment", HEADER + "bit c;\nc = 1;", 6, 1,
                        "a classical assignment is not supported in a unitary simulation: the only value assigned to a"
                                + " bit is a measurement ('c[0] = measure q[0];')"),
                row("an assignment to an input", HEADER + "theta = 0.5;", 5, 1,
                        "assigning to the input 'theta' is not supported in a unitary simulation"),
                row("a measurement into a qubit", HEADER + "q[0] = measure q[1];", 5, 1,
                        "'q' is a quantum register; a classical one is needed here"),
                row("a measurement without a bit", HEADER + "measure q[0];", 5, 1,
                        "a measurement without a bit to hold its result is not supported: write 'c[0] = measure q[0];'"),
                row("a measurement of another size", HEADER + "bit[3] c;\nc = measure q;", 6, 1,
                        "cannot measure register 'q' of size 4 into register 'c' of size 3"),
                row("a delay", HEADER + "delay[100ns] q[0];", 5, 1,
                        "'delay' (timing) is not supported in a unitary simulation"),
                row("a global phase", HEADER + "gphase(pi);", 5, 1,
                        "'gphase' (a global phase) is not supported: a circuit carries no global phase"),
                row("a global phase in a gate body", HEADER + "gate g a { gphase(pi); x a; }", 5, 12,
                        "'gphase' (a global phase) is not supported: a circuit carries no global phase"),
                row("a control modifier", HEADER + "ctrl @ x q[0], q[1];", 5, 1,
                        "the gate modifier 'ctrl' is not supported: call a gate by its name, or define it with 'gate'"),
                row("an inverse modifier in a gate body", HEADER + "gate g a { inv @ s a; }", 5, 12,
                        "the gate modifier 'inv' is not supported: call a gate by its name, or define it with 'gate'"),
                row("a measurement in a gate body", HEADER + "gate g a { measure a; }", 5, 12,
                        "'measure' is not allowed in the body of gate 'g'"),
                row("a calibration", HEADER + "defcal x $0 { }", 5, 1,
                        "'defcal' (pulse-level calibration) is not supported in a unitary simulation"),
                // files and versions
                row("qelib1.inc in OpenQASM 3", "OPENQASM 3.0;\ninclude \"qelib1.inc\";", 2, 9,
                        "cannot include \"qelib1.inc\": the only include file is \"stdgates.inc\", which is built in"),
                row("stdgates.inc twice", HEADER + "include \"stdgates.inc\";", 5, 9, "\"stdgates.inc\" is included twice"),
                row("a version 3.5", "OPENQASM 3.5;\nqubit q;", 1, 10,
                        "unsupported OpenQASM version 3.5: this reader reads OpenQASM 2.0 and 3.0"),
                row("a header without its semicolon", "OPENQASM 3.0\nqubit q;", 1, 13,
                        "expected ';', found 'qubit' at line 2, column 1"),
                row("a missing semicolon", HEADER + "h q[0]\nx q[1];", 5, 7, "expected ';', found 'x' at line 6, column 1"),
                row("a character no OpenQASM 3 token has", HEADER + "rz(5 % 2) q[0];", 5, 6, "unexpected character '%'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void isRejectedAtItsLineAndColumn(String what, String source, int line, int column, String reason) {
        QasmException e = assertThrows(QasmException.class, () -> QasmReader.parse(source));
        assertEquals("line " + line + ", column " + column + ": " + reason, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals(reason, e.reason());
    }
}
