package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reader rejects, and where it says the problem is. Each program starts with {@link #HEADER}
 * (lines 1 to 3), so the statement under test is on line 4 unless it says otherwise.
 */
class QasmReaderErrorTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\n";

    private static void assertRejected(String source, int line, int column, String reason) {
        assertRejected(source, QasmReader.Options.defaults(), line, column, reason);
    }

    private static void assertRejected(String source, QasmReader.Options options, int line, int column,
                                       String reason) {
        QasmException e = assertThrows(QasmException.class, () -> QasmReader.parse(source, options));
        assertEquals("line " + line + ", column " + column + ": " + reason, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals(reason, e.reason());
    }

    @Test
    void anUndeclaredRegisterIsNamedWhereItIsUsed() {
        assertRejected(HEADER + "h r[0];", 4, 3, "undeclared register 'r'");
        assertRejected(HEADER + "creg c[4];\nmeasure r[0] -> c[0];", 5, 9, "undeclared register 'r'");
        assertRejected(HEADER + "measure q[0] -> c[0];", 4, 17, "undeclared register 'c'");
    }

    @Test
    void aFileWithBytesThatAreNotUtf8IsReportedByFileAndLineAndAByteOrderMarkIsSkipped(@TempDir Path dir)
            throws IOException {
        Path bad = dir.resolve("bad.qasm");
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(header, header.length + 3);
        bytes[header.length] = 'h';
        bytes[header.length + 1] = ' ';
        bytes[header.length + 2] = (byte) 0xFF;
        Files.write(bad, bytes);
        assertEquals(bad + ":4: not valid UTF-8 (byte 0xFF at byte 3 of the line)",
                assertThrows(IllegalArgumentException.class, () -> QasmReader.read(bad)).getMessage());
        Path bom = dir.resolve("bom.qasm");
        Files.write(bom, ("\uFEFF" + HEADER + "h q[0];\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, QasmReader.read(bom).size(), "the mark is no token");
    }

    @Test
    void anUnknownGateIsAnError() {
        assertRejected(HEADER + "foo q[0];", 4, 1, "unknown gate 'foo'");
    }

    @Test
    void aQelib1GateWithoutTheIncludeIsAnUnknownGateWithAHint() {
        assertRejected("OPENQASM 2.0;\nqreg q[1];\nh q[0];", 3, 1,
                "unknown gate 'h': it is defined in \"qelib1.inc\", which the program does not include");
    }

    @Test
    void aGateCallWithTheWrongNumberOfQubitsIsAnError() {
        assertRejected(HEADER + "cx q[0];", 4, 1, "gate 'cx' acts on 2 qubits, got 1");
        assertRejected(HEADER + "h q[0], q[1];", 4, 1, "gate 'h' acts on 1 qubit, got 2");
        assertRejected(HEADER + "gate g a, b { cx a, b; }\ng q[0];", 5, 1, "gate 'g' acts on 2 qubits, got 1");
        assertRejected(HEADER + "gate g a, b { ccx a, b; }", 4, 15, "gate 'ccx' acts on 3 qubits, got 2");
    }

    @Test
    void aGateCallWithTheWrongNumberOfParametersIsAnError() {
        assertRejected(HEADER + "rx q[0];", 4, 1, "gate 'rx' takes 1 parameter, got 0");
        assertRejected(HEADER + "u3(1, 2) q[0];", 4, 1, "gate 'u3' takes 3 parameters, got 2");
        assertRejected(HEADER + "h(0.5) q[0];", 4, 1, "gate 'h' takes 0 parameters, got 1");
        assertRejected(HEADER + "gate g a { rx(1, 2) a; }", 4, 12, "gate 'rx' takes 1 parameter, got 2");
    }

    @Test
    void anIndexPastTheEndOfItsRegisterIsAnError() {
        assertRejected(HEADER + "h q[4];", 4, 5, "index 4 is out of range for register 'q' of size 4");
        assertRejected(HEADER + "creg c[2];\nmeasure q[3] -> c[2];", 5, 19,
                "index 2 is out of range for register 'c' of size 2");
    }

    @Test
    void anIndexMustBeANonNegativeIntegerThatFitsAnInt() {
        assertRejected(HEADER + "h q[-1];", 4, 5, "expected an index (a non-negative integer), found '-'");
        assertRejected(HEADER + "h q[1.0];", 4, 5, "expected an index (a non-negative integer), found '1.0'");
        assertRejected(HEADER + "h q[99999999999];", 4, 5, "the number 99999999999 is too large for an index");
    }

    @Test
    void aRedeclaredRegisterIsAnErrorWhateverItsKind() {
        assertRejected(HEADER + "qreg q[2];", 4, 6, "redeclared register 'q' (declared at line 3)");
        assertRejected(HEADER + "creg q[2];", 4, 6, "redeclared register 'q' (declared at line 3)");
    }

    @Test
    void aRedeclaredGateIsAnError() {
        assertRejected(HEADER + "gate g a { }\ngate g b { }", 5, 6, "redeclared gate 'g' (defined at line 4)");
        assertRejected(HEADER + "gate h a { }", 4, 6, "redeclared gate 'h' (defined in qelib1.inc)");
        assertRejected(HEADER + "gate ryy(t) a, b { }\ngate ryy(t) a, b { }", 5, 6,
                "redeclared gate 'ryy' (defined at line 4)");
    }

    @Test
    void includingQelib1AfterDefiningOneOfItsGatesIsAnError() {
        assertRejected("OPENQASM 2.0;\ngate x a { U(pi, 0, pi) a; }\ninclude \"qelib1.inc\";", 3, 9,
                "\"qelib1.inc\" redeclares gate 'x', defined at line 2");
    }

    @Test
    void aQubitUsedTwiceInOneCallIsAnError() {
        assertRejected(HEADER + "cx q[1], q[1];", 4, 10, "qubit q[1] appears twice in this call of 'cx'");
        assertRejected(HEADER + "qreg r[2];\ncx r, r;", 5, 7, "qubit r[0] appears twice in this call of 'cx'");
        assertRejected(HEADER + "ccx q, q[2], q[3];", 4, 8, "qubit q[2] appears twice in this call of 'ccx'");
        assertRejected(HEADER + "gate g a, b { cx b, b; }", 4, 21, "qubit 'b' appears twice in this call of 'cx'");
    }

    @Test
    void aNameDeclaredTwiceInOneGateDefinitionIsAnError() {
        assertRejected(HEADER + "gate g(a, a) x { }", 4, 11, "duplicate name 'a' in a gate definition");
        assertRejected(HEADER + "gate g x, x { }", 4, 11, "duplicate name 'x' in a gate definition");
        assertRejected(HEADER + "gate g(a) a { }", 4, 11, "duplicate name 'a' in a gate definition");
    }

    @Test
    void aMissingSemicolonIsReportedWhereItBelongs() {
        assertRejected(HEADER + "h q[0]\nx q[1];", 4, 7, "expected ';', found 'x' at line 5, column 1");
        assertRejected(HEADER + "cx q[0] q[1];", 4, 8, "expected ';', found 'q' at line 4, column 9");
        assertRejected(HEADER + "h q[0]", 4, 7, "expected ';', found the end of the input");
        assertRejected("OPENQASM 2.0\nqreg q[1];", 1, 13, "expected ';', found 'qreg' at line 2, column 1");
    }

    @Test
    void anUnexpectedTokenIsAnError() {
        assertRejected(HEADER + "; h q[0];", 4, 1, "expected a statement, found ';'");
        assertRejected(HEADER + "qreg r 2];", 4, 8, "expected '[', found '2'");
        assertRejected(HEADER + "h q[0]];", 4, 7, "expected ';', found ']' at line 4, column 7");
        assertRejected(HEADER + "measure q[0] c[0];", 4, 14, "expected '->', found 'c'");
        assertRejected(HEADER + "h 3;", 4, 3, "expected a qubit or quantum register, found '3'");
        assertRejected(HEADER + "gate g { }", 4, 8, "expected a qubit argument name, found '{'");
    }

    @Test
    void aGateBodyWithoutItsClosingBraceIsAnError() {
        assertRejected(HEADER + "gate g a { x a;\n", 5, 1, "the body of gate 'g' has no closing '}'");
    }

    @Test
    void resetIsNotSupportedInAUnitarySimulation() {
        assertRejected(HEADER + "reset q[0];", 4, 1, "'reset' is not supported in a unitary simulation");
    }

    @Test
    void ifIsNotSupportedInAUnitarySimulation() {
        assertRejected(HEADER + "creg c[1];\nif (c==1) x q[0];", 5, 1,
                "'if' (a classically controlled gate) is not supported in a unitary simulation");
    }

    @Test
    void anOpaqueGateIsNotSupported() {
        assertRejected(HEADER + "opaque magic(a) b;", 4, 1,
                "opaque gate 'magic' is not supported: it has no definition to simulate");
    }

    @Test
    void aGateOnAMeasuredQubitIsNotSupportedInAUnitarySimulation() {
        assertRejected(HEADER + "creg c[4];\nmeasure q[1] -> c[1];\nh q;", 6, 1,
                "gate 'h' on qubit q[1] after its measurement at line 5 is not supported in a unitary simulation");
        assertRejected(HEADER + "creg c[4];\nmeasure q -> c;\ngate g a { }\ng q[3];", 7, 1,
                "gate 'g' on qubit q[3] after its measurement at line 5 is not supported in a unitary simulation");
    }

    @Test
    void statementsThatBelongAtTopLevelAreRejectedInAGateBody() {
        assertRejected(HEADER + "gate g a { measure a; }", 4, 12, "'measure' is not allowed in the body of gate 'g'");
        assertRejected(HEADER + "gate g a { reset a; }", 4, 12, "'reset' is not allowed in the body of gate 'g'");
        assertRejected(HEADER + "gate g a { gate f b { } }", 4, 12, "'gate' is not allowed in the body of gate 'g'");
    }

    @Test
    void aGateBodyUsesOnlyItsOwnQubitArgumentsByName() {
        assertRejected(HEADER + "gate g a { x b; }", 4, 14, "undeclared qubit argument 'b' in the body of gate 'g'");
        assertRejected(HEADER + "gate g a { x q; }", 4, 14, "undeclared qubit argument 'q' in the body of gate 'g'");
        assertRejected(HEADER + "gate g a { x a[0]; }", 4, 15, "a gate body names its qubit arguments without an index");
    }

    @Test
    void aGateBodyUsesOnlyItsOwnParameters() {
        assertRejected(HEADER + "gate g(a) x { rx(b) x; }", 4, 18, "undeclared parameter 'b' in the body of gate 'g'");
    }

    @Test
    void aGateCannotCallItself() {
        assertRejected(HEADER + "gate g a { g a; }", 4, 12, "unknown gate 'g'");
    }

    @Test
    void aMissingHeaderIsAnErrorInStrictMode() {
        QasmReader.Options strict = QasmReader.Options.strict();
        assertRejected("include \"qelib1.inc\";\nqreg q[1];", strict, 1, 1,
                "missing header: a program starts with 'OPENQASM 2.0;' or 'OPENQASM 3.0;', found 'include'");
        assertRejected("// a comment first\nqreg q[1];", strict, 2, 1,
                "missing header: a program starts with 'OPENQASM 2.0;' or 'OPENQASM 3.0;', found 'qreg'");
        assertRejected("", strict, 1, 1,
                "missing header: a program starts with 'OPENQASM 2.0;' or 'OPENQASM 3.0;', found the end of the input");
    }

    @Test
    void withoutAHeaderTheProgramIsCheckedAsOpenQasm2() {
        // the default reads a headerless program as 2.0: an OpenQASM 3 declaration is then not a statement
        assertRejected("", 1, 1, "the program declares no qubits (no 'qreg')");
        assertRejected("qreg q[1];\nh q[0];", 2, 1,
                "unknown gate 'h': it is defined in \"qelib1.inc\", which the program does not include");
        assertRejected("include \"stdgates.inc\";\nqreg q[1];", 1, 9,
                "cannot include \"stdgates.inc\": the only include file is \"qelib1.inc\", which is built in");
    }

    @Test
    void aVersionOtherThanTwoOrThreeIsAnError() {
        assertRejected("OPENQASM 1.0;\nqreg q[1];", 1, 10,
                "unsupported OpenQASM version 1.0: this reader reads OpenQASM 2.0 and 3.0");
        assertRejected("OPENQASM 4;\nqreg q[1];", 1, 10, "unsupported OpenQASM version 4: this reader reads OpenQASM 2.0"
                + " and 3.0");
        assertRejected("OPENQASM two;", 1, 10, "expected a version number after 'OPENQASM', found 'two'");
    }

    @Test
    void aSecondHeaderIsAnError() {
        assertRejected(HEADER + "OPENQASM 2.0;", 4, 1, "the 'OPENQASM' header may appear only once, at the start");
    }

    @Test
    void includingAnyFileButQelib1IsAnErrorNamingTheFile() {
        assertRejected("OPENQASM 2.0;\ninclude \"stdgates.inc\";", 2, 9,
                "cannot include \"stdgates.inc\": the only include file is \"qelib1.inc\", which is built in");
        assertRejected(HEADER + "include qelib1;", 4, 9,
                "expected a file name in double quotes after 'include', found 'qelib1'");
    }

    @Test
    void includingQelib1TwiceIsAnError() {
        assertRejected(HEADER + "include \"qelib1.inc\";", 4, 9, "\"qelib1.inc\" is included twice");
    }

    @Test
    void broadcastingOverRegistersOfDifferentSizesIsAnError() {
        assertRejected(HEADER + "qreg a[2];\nqreg b[3];\ncx a, b;", 6, 7,
                "register size mismatch: 'b' has 3 qubits but 'a' has 2");
    }

    @Test
    void measuringARegisterIntoOneOfAnotherSizeIsAnError() {
        assertRejected(HEADER + "creg c[3];\nmeasure q -> c;", 5, 14,
                "cannot measure register 'q' of size 4 into register 'c' of size 3");
        assertRejected(HEADER + "creg c[4];\nmeasure q[0] -> c;", 5, 1,
                "measure needs a qubit and a bit, or two whole registers");
    }

    @Test
    void quantumAndClassicalRegistersCannotStandInForEachOther() {
        assertRejected(HEADER + "creg c[2];\nx c[0];", 5, 3, "'c' is a classical register; a quantum one is needed here");
        assertRejected(HEADER + "measure q[0] -> q[1];", 4, 17, "'q' is a quantum register; a classical one is needed here");
    }

    @Test
    void anArgumentThatIsNotAFiniteNumberIsAnError() {
        assertRejected(HEADER + "rx(1/0) q[0];", 4, 4, "argument 1 of 'rx' is not a finite number (Infinity)");
        assertRejected(HEADER + "gate g(a) x { rx(ln(a)) x; }\ng(0) q[0];", 4, 18,
                "argument 1 of 'rx' is not a finite number (-Infinity) (in the body of 'g', expanded for the call at"
                        + " line 5, column 1)");
    }

    @Test
    void reservedWordsCannotBeDeclared() {
        assertRejected(HEADER + "qreg pi[2];", 4, 6, "'pi' is a reserved word and cannot be a register name");
        assertRejected(HEADER + "gate measure a { }", 4, 6, "'measure' is a reserved word and cannot be a gate name");
        assertRejected(HEADER + "gate g(sin) a { }", 4, 8, "'sin' is a reserved word and cannot be a parameter name");
    }

    @Test
    void aProgramWithoutQubitsIsAnError() {
        assertRejected("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n", 3, 1, "the program declares no qubits (no 'qreg')");
    }

    @Test
    void registersOfSizeZeroOrBeyondTheCircuitLimitAreErrors() {
        assertRejected(HEADER + "qreg z[0];", 4, 8, "register 'z' has size 0");
        assertRejected("OPENQASM 2.0;\nqreg a[60];\nqreg b[3];", 3, 8,
                "too many qubits: register 'b' brings the total to 63, and a circuit holds at most 62");
    }
}
