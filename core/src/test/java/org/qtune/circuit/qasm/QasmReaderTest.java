package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;
import org.qtune.testing.DenseReference;

class QasmReaderTest {
    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final double TOLERANCE = 1e-12;

    private static Circuit parse(String body) {
        return QasmReader.parse(HEADER + body);
    }

    private static void assertSameUnitary(double[] expected, double[] actual) {
        double difference = Matrices.maxDifference(expected, actual);
        assertTrue(difference < TOLERANCE, "unitaries differ by " + difference);
    }

    private static double[] params(Operation op) {
        return op.constantParamValues();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "u3(0.1,0.2,0.3)  | U3",
        "u2(0.1,0.2)      | U2",
        "u1(0.1)          | P",
        "u(0.1,0.2,0.3)   | U3",
        "p(0.1)           | P",
        "id               | ID",
        "x                | X",
        "y                | Y",
        "z                | Z",
        "h                | H",
        "s                | S",
        "sdg              | SDG",
        "t                | T",
        "tdg              | TDG",
        "sx               | SX",
        "sxdg             | SXDG",
        "rx(0.1)          | RX",
        "ry(0.1)          | RY",
        "rz(0.1)          | RZ",
        "cx               | CX",
        "cy               | CY",
        "cz               | CZ",
        "ch               | CH",
        "swap             | SWAP",
        "ccx              | CCX",
        "cswap            | CSWAP",
        "crx(0.1)         | CRX",
        "cry(0.1)         | CRY",
        "crz(0.1)         | CRZ",
        "cu1(0.1)         | CP",
        "cp(0.1)          | CP",
        "cu3(0.1,0.2,0.3) | CU3",
        "rxx(0.1)         | RXX",
        "ryy(0.1)         | RYY",
        "rzz(0.1)         | RZZ",
        "c3x              | MCX",
        "c4x              | MCX",
    })
    void aQelib1GateWithAQtuneCounterpartBecomesThatOneGate(String call, Gate expected) {
        int numQubits = switch (call.replaceAll("\\(.*", "")) {
            case "c3x" -> 4;
            case "c4x" -> 5;
            default -> expected.arity();
        };
        StringBuilder qubits = new StringBuilder();
        for (int j = 0; j < numQubits; j++) {
            qubits.append(j > 0 ? "," : "").append("q[").append(numQubits - 1 - j).append(']');
        }
        Circuit c = parse("qreg q[5];\n" + call + " " + qubits + ";\n");
        assertEquals(1, c.size());
        Operation op = c.operations().get(0);
        assertEquals(expected, op.gate());
        for (int j = 0; j < numQubits; j++) {
            assertEquals(numQubits - 1 - j, op.qubit(j), "qubits keep their order");
        }
        assertArrayEquals(Arrays.copyOf(new double[] {0.1, 0.2, 0.3}, expected.numParams()), params(op));
    }

    @Test
    void thePrimitivesUAndCxNeedNoInclude() {
        Circuit c = QasmReader.parse("OPENQASM 2.0;\nqreg q[2];\nU(0.1,0.2,0.3) q[0];\nCX q[0],q[1];\n");
        Circuit expected = Circuit.builder(2).add(Gate.U3, new double[] {0.1, 0.2, 0.3}, 0).add(Gate.CX, 0, 1).build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void u0IsTheIdentityWhateverItsDuration() {
        Circuit c = parse("qreg q[1];\nu0(3) q[0];\n");
        assertEquals(List.of(new Operation(Gate.ID, new int[] {0})), c.operations());
    }

    @Test
    void csxIsTheControlledSqrtXWithNoExtraPhase() {
        Circuit c = parse("qreg q[2];\ncsx q[0],q[1];\n");
        assertSameUnitary(Matrices.controlled(Gate.SX.matrix(1), 1), DenseReference.unitary(c));
    }

    @Test
    void cuIsControlledU3WithThePhaseGammaOnTheControlledBlock() {
        double theta = 0.7, phi = -1.3, lambda = 2.1, gamma = 0.4;
        Circuit c = parse("qreg q[2];\ncu(0.7,-1.3,2.1,0.4) q[0],q[1];\n");
        double[] u = DenseReference.timesPhase(Gate.U3.matrix(1, theta, phi, lambda), gamma);
        assertSameUnitary(Matrices.controlled(u, 1), DenseReference.unitary(c));
    }

    /** qelib1.inc's cu1 is an exact controlled phase, so its Gray-code c3sqrtx has no phase either. */
    @Test
    void c3sqrtxIsExactlyTheThreeControlledSqrtX() {
        Circuit c = parse("qreg q[4];\nc3sqrtx q[0],q[1],q[2],q[3];\n");
        assertSameUnitary(Matrices.controlled(Gate.SX.matrix(1), 3), DenseReference.unitary(c));
    }

    /**
     * rccx a,b,c is the Toffoli up to qelib1's relative phases: on the target it applies I when a = 0,
     * Z when a = 1 and b = 0, and Y (not X) when a = b = 1.
     */
    @Test
    void rccxIsTheToffoliUpToQelib1sRelativePhases() {
        double[] i = Gate.ID.matrix(1), z = Gate.Z.matrix(1), y = Gate.Y.matrix(1);
        // blocks by control state b a = 00, 01 (a = 1), 10 (b = 1), 11
        double[] expected = DenseReference.controlledByState(i, z, i, y);
        Circuit c = parse("qreg q[3];\nrccx q[0],q[1],q[2];\n");
        assertSameUnitary(expected, DenseReference.unitary(c));
    }

    /**
     * rc3x a,b,c,d is the 3-controlled X up to qelib1's relative phases: on the target it applies
     * diag(i, -i) when a = b = 1 and c = 0, [[0, 1], [-1, 0]] when a = b = c = 1, and I otherwise.
     */
    @Test
    void rc3xIsTheThreeControlledXUpToQelib1sRelativePhases() {
        double[] i = Gate.ID.matrix(1);
        double[] phases = {0, 1, 0, 0, 0, 0, 0, -1};
        double[] flip = {0, 0, 1, 0, -1, 0, 0, 0};
        double[] expected = DenseReference.controlledByState(i, i, i, phases, i, i, i, flip);
        Circuit c = parse("qreg q[4];\nrc3x q[0],q[1],q[2],q[3];\n");
        assertSameUnitary(expected, DenseReference.unitary(c));
    }

    @Test
    void c3xAndC4xAreMultiControlledXWithTheTargetLast() {
        Circuit c = parse("qreg q[5];\nc3x q[4],q[0],q[1],q[2];\nc4x q[0],q[1],q[2],q[3],q[4];\n");
        assertEquals(List.of(new Operation(Gate.MCX, new int[] {4, 0, 1, 2}),
                new Operation(Gate.MCX, new int[] {0, 1, 2, 3, 4})), c.operations());
    }

    @Test
    void aCustomGateExpandsWithItsParametersAndQubitsSubstituted() {
        Circuit c = parse("""
                gate rot(theta, phi) a, b {
                  rx(theta/2) a;
                  cx a, b;
                  rz(-phi + theta) b;
                }
                qreg q[3];
                rot(pi, 0.5) q[2], q[0];
                """);
        Circuit expected = Circuit.builder(3)
                .add(Gate.RX, Math.PI / 2, 2)
                .add(Gate.CX, 2, 0)
                .add(Gate.RZ, -0.5 + Math.PI, 0)
                .build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void aGateBodyMayCallEarlierCustomGatesWhichExpandRecursively() {
        Circuit c = parse("""
                gate inner(a) x { U(a, 0, a/2) x; }
                gate middle(b) x, y { inner(2*b) y; CX x, y; inner(b) x; }
                gate outer x, y, z { middle(0.25) z, x; barrier x, y, z; middle(-1) y, z; }
                qreg q[3];
                outer q[0], q[1], q[2];
                """);
        Circuit expected = Circuit.builder(3)
                .add(Gate.U3, new double[] {0.5, 0, 0.25}, 0)
                .add(Gate.CX, 2, 0)
                .add(Gate.U3, new double[] {0.25, 0, 0.125}, 2)
                .add(Gate.U3, new double[] {-2, 0, -1}, 2)
                .add(Gate.CX, 1, 2)
                .add(Gate.U3, new double[] {-1, 0, -0.5}, 1)
                .build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void aCustomGateHasTheUnitaryOfItsDefinition() {
        // a Hadamard from U, and a CZ from it and CX
        Circuit c = parse("""
                gate myh a { U(pi/2, 0, pi) a; }
                gate mycz a, b { myh b; CX a, b; myh b; }
                qreg q[3];
                mycz q[2], q[0];
                myh q[1];
                """);
        Circuit expected = Circuit.builder(3).add(Gate.CZ, 2, 0).add(Gate.H, 1).build();
        assertSameUnitary(DenseReference.unitary(expected), DenseReference.unitary(c));
    }

    @Test
    void aGateWithAnEmptyBodyAddsNothing() {
        Circuit c = parse("gate nothing(a) x { }\nqreg q[1];\nnothing(1) q[0];\nnothing(2) q;\n");
        assertEquals(0, c.size());
    }

    @Test
    void emptyParenthesesMeanNoParameters() {
        Circuit c = parse("gate g() a { x a; }\nqreg q[1];\ng() q[0];\nh() q[0];\n");
        assertEquals(Circuit.builder(1).add(Gate.X, 0).add(Gate.H, 0).build().operations(), c.operations());
    }

    @Test
    void registersAreConcatenatedInDeclarationOrder() {
        Circuit c = parse("qreg a[2];\ncreg m[3];\nqreg b[3];\nx b[0];\nx a[1];\ncx b[2], a[0];\n");
        assertEquals(5, c.numQubits());
        Circuit expected = Circuit.builder(5).add(Gate.X, 2).add(Gate.X, 1).add(Gate.CX, 4, 0).build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void aGateOnAWholeRegisterAppliesToEachQubit() {
        Circuit c = parse("qreg a[1];\nqreg b[3];\nh b;\nrx(0.5) b;\n");
        Circuit expected = Circuit.builder(4)
                .add(Gate.H, 1).add(Gate.H, 2).add(Gate.H, 3)
                .add(Gate.RX, 0.5, 1).add(Gate.RX, 0.5, 2).add(Gate.RX, 0.5, 3)
                .build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void twoRegistersOfEqualSizeApplyPairwise() {
        Circuit c = parse("qreg a[3];\nqreg b[3];\ncx a, b;\n");
        Circuit expected = Circuit.builder(6).add(Gate.CX, 0, 3).add(Gate.CX, 1, 4).add(Gate.CX, 2, 5).build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void aSingleQubitIsRepeatedAgainstAWholeRegister() {
        Circuit c = parse("qreg a[2];\nqreg b[3];\ncx a[1], b;\nccx b, a[0], a[1];\n");
        Circuit expected = Circuit.builder(5)
                .add(Gate.CX, 1, 2).add(Gate.CX, 1, 3).add(Gate.CX, 1, 4)
                .add(Gate.CCX, 2, 0, 1).add(Gate.CCX, 3, 0, 1).add(Gate.CCX, 4, 0, 1)
                .build();
        assertEquals(expected.operations(), c.operations());
    }

    @Test
    void aCustomGateBroadcastsLikeABuiltInOne() {
        Circuit c = parse("gate bell a, b { h a; cx a, b; }\nqreg a[2];\nqreg b[2];\nbell a, b;\n");
        Circuit expected = Circuit.builder(4)
                .add(Gate.H, 0).add(Gate.CX, 0, 2)
                .add(Gate.H, 1).add(Gate.CX, 1, 3)
                .build();
        assertEquals(expected.operations(), c.operations());
        assertSameUnitary(DenseReference.unitary(expected), DenseReference.unitary(c));
    }

    @Test
    void barriersAreIgnoredAtTopLevelAndInGateBodies() {
        Circuit c = parse("gate g a, b { x a; barrier a, b; x b; }\nqreg q[2];\nbarrier q;\ng q[0], q[1];\n"
                + "barrier q[0], q[1];\n");
        assertEquals(Circuit.builder(2).add(Gate.X, 0).add(Gate.X, 1).build().operations(), c.operations());
    }

    @Test
    void measurementsAreRecordedWithConcatenatedBitIndices() {
        QasmProgram p = QasmReader.parseProgram(HEADER + """
                qreg q[3];
                creg a[1];
                creg c[3];
                h q;
                measure q[2] -> a[0];
                measure q -> c;
                """);
        assertEquals(4, p.numClbits());
        assertEquals(List.of(new QasmProgram.Measurement(2, 0), new QasmProgram.Measurement(0, 1),
                new QasmProgram.Measurement(1, 2), new QasmProgram.Measurement(2, 3)), p.measurements());
        assertEquals(3, p.circuit().size());
    }

    @Test
    void aGateOnAnotherQubitAfterAMeasurementIsAccepted() {
        Circuit c = parse("qreg q[2];\ncreg c[2];\nmeasure q[0] -> c[0];\nh q[1];\nmeasure q[1] -> c[1];\n"
                + "barrier q;\nmeasure q[0] -> c[0];\n");
        assertEquals(List.of(new Operation(Gate.H, new int[] {1})), c.operations());
    }

    @Test
    void ryyIsBuiltInAlthoughQelib1LacksIt() {
        Circuit c = parse("qreg q[2];\nryy(0.3) q[1], q[0];\n");
        assertEquals(Circuit.builder(2).add(Gate.RYY, 0.3, 1, 0).build().operations(), c.operations());
    }

    /** Qiskit writes ryy with a definition: the program's own definition is then the one used. */
    @Test
    void aProgramsOwnDefinitionOfRyyReplacesTheBuiltInOne() {
        Circuit c = parse("""
                gate ryy(param0) q0,q1 { rx(pi/2) q0; rx(pi/2) q1; cx q0,q1; rz(param0) q1; cx q0,q1;
                  rx(-pi/2) q0; rx(-pi/2) q1; }
                qreg q[2];
                ryy(0.3) q[1], q[0];
                """);
        assertEquals(7, c.size());
        assertSameUnitary(DenseReference.unitary(Circuit.builder(2).add(Gate.RYY, 0.3, 1, 0).build()),
                DenseReference.unitary(c));
    }

    @Test
    void ryyMayAlsoBeDefinedBeforeTheInclude() {
        Circuit c = QasmReader.parse("OPENQASM 2.0;\ngate ryy(t) a,b { U(t,0,0) a; }\ninclude \"qelib1.inc\";\n"
                + "qreg q[2];\nryy(0.3) q[0], q[1];\n");
        assertEquals(Circuit.builder(2).add(Gate.U3, new double[] {0.3, 0, 0}, 0).build().operations(),
                c.operations());
    }

    @Test
    void theHeaderMayFollowCommentsAndStatementsMaySpanLines() {
        Circuit c = QasmReader.parse("// a comment\n/* another */ OPENQASM\n2.0\n;\ninclude \"qelib1.inc\"; qreg q\n"
                + "[2]; cx\nq[0],\nq[1]\n;");
        assertEquals(Circuit.builder(2).add(Gate.CX, 0, 1).build().operations(), c.operations());
    }

    @Test
    void argumentsAreEvaluatedToDoubles() {
        Circuit c = parse("qreg q[1];\nu3(-pi^2, 2*sin(pi/6), ln(exp(1.5))) q[0];\nrz(sqrt(4)^3) q[0];\n");
        assertArrayEquals(new double[] {-(Math.PI * Math.PI), 2 * Math.sin(Math.PI / 6), Math.log(Math.exp(1.5))},
                params(c.operations().get(0)));
        assertEquals(ParameterExpression.constant(8.0), c.operations().get(1).param(0));
    }

    @Test
    void aFileIsReadAsUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bell.qasm");
        Files.writeString(file, HEADER + "// \u00e9t\u00e9 \u2014 comments may hold any text\nqreg q[2];\nh q[0];\n"
                + "cx q[0],q[1];\n");
        assertEquals(Circuit.builder(2).add(Gate.H, 0).add(Gate.CX, 0, 1).build().operations(),
                QasmReader.read(file).operations());
    }

    @Test
    void anErrorInAFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.qasm");
        Files.writeString(file, HEADER + "qreg q[2];\nh r[0];\n");
        QasmException e = assertThrows(QasmException.class, () -> QasmReader.read(file));
        assertEquals(file + ": line 4, column 3: undeclared register 'r'", e.getMessage());
        assertEquals(file.toString(), e.sourceName());
        assertEquals(4, e.line());
        assertEquals(3, e.column());
        assertEquals("undeclared register 'r'", e.reason());
    }

    @Test
    void aProgramWithoutAHeaderIsReadAsOpenQasm2LikeQiskitsDefaultLoader() {
        String body = "// no OPENQASM line, as in QASMBench's sat_n11.qasm\ninclude \"qelib1.inc\";\nqreg q[3];\n"
                + "creg c[3];\ngate g(a) x, y { cx x, y; rz(a/2) y; }\nh q;\ng(pi) q[0], q[2];\nccx q[0], q[1], q[2];\n"
                + "measure q -> c;\n";
        QasmProgram headerless = QasmReader.parseProgram(body);
        QasmProgram withHeader = QasmReader.parseProgram("OPENQASM 2.0;\n" + body);
        assertEquals(QasmVersion.V2, headerless.version());
        assertEquals(withHeader.circuit().numQubits(), headerless.circuit().numQubits());
        assertEquals(withHeader.circuit().operations(), headerless.circuit().operations());
        assertEquals(withHeader.measurements(), headerless.measurements());
        assertEquals(withHeader.numClbits(), headerless.numClbits());
        assertEquals(withHeader.circuit().operations(), QasmReader.parse(body, QasmReader.Options.defaults()).operations());
    }

    @Test
    void strictModeStillReadsAProgramWithItsHeader() {
        QasmProgram strict = QasmReader.parseProgram(HEADER + "qreg q[2];\nh q[0];\ncx q[0], q[1];\n",
                QasmReader.Options.strict());
        assertEquals(QasmVersion.V2, strict.version());
        assertEquals(parse("qreg q[2];\nh q[0];\ncx q[0], q[1];\n").operations(), strict.circuit().operations());
    }
}
