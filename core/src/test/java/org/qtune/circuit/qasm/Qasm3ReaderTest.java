package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.StateVector;
import org.qtune.testing.DenseReference;

/**
 * The OpenQASM 3 subset that Qiskit's exporter writes: the files under {@code qasm3/} (see its
 * README) give the state of the same circuits built directly, and each construct reads as documented.
 */
class Qasm3ReaderTest {
    private static final String HEADER = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static QasmProgram readResource(String name) throws IOException, URISyntaxException {
        return QasmReader.readProgram(Path.of(Qasm3ReaderTest.class.getResource("/qasm3/" + name).toURI()));
    }

    private static Circuit parse(String body) {
        return QasmReader.parse(HEADER + body);
    }

    /** Random values in [-pi, pi) for the named parameters, seeded. */
    private static Map<String, Double> randomValues(List<Parameter> parameters, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), rnd.nextDouble(-Math.PI, Math.PI));
        }
        return values;
    }

    /**
     * Both circuits use the same parameter names; bound by name to the same random values (three
     * draws), the simulator gives the same state from |0...0> to 1e-12, global phase included.
     */
    static void assertSameStates(Circuit expected, Circuit actual) {
        assertEquals(expected.parameters().stream().map(Parameter::name).sorted().toList(),
                actual.parameters().stream().map(Parameter::name).sorted().toList());
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1))) {
            for (long seed = 1; seed <= 3; seed++) {
                Map<String, Double> values = randomValues(expected.parameters(), seed);
                StateVector want = sim.run(expected.bind(values));
                StateVector got = sim.run(actual.bind(values));
                double difference = want.maxDifference(got);
                assertTrue(difference < 1e-12, "states differ by " + difference + " at " + values);
            }
        }
    }

    private static ParameterExpression[] args(ParameterExpression... args) {
        return args;
    }

    private static ParameterExpression times(double a, Parameter p) {
        return ParameterExpression.affine(a, p, 0);
    }

    @Test
    void qiskitsEfficientSu2WithAParameterVectorGivesTheStateOfTheSameCircuitBuiltDirectly() throws Exception {
        QasmProgram program = readResource("efficient_su2_4q.qasm");
        List<Parameter> theta = IntStream.range(0, 16).mapToObj(i -> Parameter.of("_\u03b8_" + i + "_")).toList();
        assertEquals(QasmVersion.V3, program.version());
        assertEquals(theta, program.inputs());
        assertEquals(theta, program.circuit().parameters(), "used in declaration order, so listed in it");
        Circuit.Builder b = Circuit.builder(4);
        for (int layer = 0; layer < 2; layer++) {
            for (int q = 0; q < 4; q++) {
                b.add(Gate.RY, theta.get(8 * layer + q), q);
            }
            for (int q = 0; q < 4; q++) {
                b.add(Gate.RZ, theta.get(8 * layer + 4 + q), q);
            }
            if (layer == 0) {
                b.add(Gate.CX, 2, 3).add(Gate.CX, 1, 2).add(Gate.CX, 0, 1);
            }
        }
        Circuit expected = b.build();
        assertEquals(expected.operations(), program.circuit().operations());
        assertSameStates(expected, program.circuit());
        assertEquals(4, program.numClbits());
        assertEquals(IntStream.range(0, 4).mapToObj(i -> new QasmProgram.Measurement(i, i)).toList(),
                program.measurements());
    }

    @Test
    void rxxAndRzzDefinedInTheFileGiveTheStateOfTheNativeGates() throws Exception {
        QasmProgram program = readResource("rxx_rzz_gates.qasm");
        Parameter theta = Parameter.of("\u03b8"), phi = Parameter.of("\u03c6");
        assertEquals(List.of(theta, phi), program.inputs());
        Circuit expected = Circuit.builder(3)
                .add(Gate.H, 0)
                .add(Gate.RY, theta, 2)
                .add(Gate.RXX, theta, 0, 1)
                .add(Gate.RZZ, args(times(2, phi)), 1, 2)
                .add(Gate.RXX, Math.PI / 4, 2, 0)
                .add(Gate.RZZ, theta, 0, 2)
                .build();
        assertSameStates(expected, program.circuit());
        // the definitions are expanded: rz carries the argument, the rest is h and cx
        assertEquals(List.of(ParameterExpression.of(theta), times(2, phi), ParameterExpression.constant(Math.PI / 4),
                ParameterExpression.of(theta)), program.circuit().operations().stream()
                        .filter(op -> op.gate() == Gate.RZ).map(op -> op.param(0)).toList());
    }

    @Test
    void aQaoaCircuitWithTwiceGammaArgumentsGivesTheStateOfTheSameCircuitBuiltDirectly() throws Exception {
        QasmProgram program = readResource("qaoa_ring_4q.qasm");
        Parameter beta = Parameter.of("beta"), gamma = Parameter.of("gamma");
        assertEquals(List.of(beta, gamma), program.inputs(), "declared as Qiskit sorts them");
        assertEquals(List.of(gamma, beta), program.circuit().parameters(), "listed in order of first use");
        Circuit.Builder b = Circuit.builder(4);
        for (int q = 0; q < 4; q++) {
            b.add(Gate.H, q);
        }
        for (int q = 0; q < 4; q++) {
            b.add(Gate.RZZ, args(times(2, gamma)), q, (q + 1) % 4);
        }
        for (int q = 0; q < 4; q++) {
            b.add(Gate.RX, args(times(2, beta)), q);
        }
        assertSameStates(b.build(), program.circuit());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "p(0.1)           | P",
        "x                | X",
        "y                | Y",
        "z                | Z",
        "h                | H",
        "s                | S",
        "sdg              | SDG",
        "t                | T",
        "tdg              | TDG",
        "sx               | SX",
        "rx(0.1)          | RX",
        "ry(0.1)          | RY",
        "rz(0.1)          | RZ",
        "cx               | CX",
        "cy               | CY",
        "cz               | CZ",
        "cp(0.1)          | CP",
        "crx(0.1)         | CRX",
        "cry(0.1)         | CRY",
        "crz(0.1)         | CRZ",
        "ch               | CH",
        "swap             | SWAP",
        "ccx              | CCX",
        "cswap            | CSWAP",
        "CX               | CX",
        "phase(0.1)       | P",
        "cphase(0.1)      | CP",
        "id               | ID",
        "u1(0.1)          | P",
        "u2(0.1, 0.2)     | U2",
        "u3(0.1, 0.2, 0.3) | U3",
        "U(0.1, 0.2, 0.3) | U3",
    })
    void aStdgatesNameBecomesItsQtuneGate(String call, Gate expected) {
        int n = expected.arity();
        String qubits = String.join(", ", IntStream.range(0, n).mapToObj(j -> "q[" + (n - 1 - j) + "]").toList());
        Circuit c = parse("qubit[3] q;\n" + call + " " + qubits + ";\n");
        assertEquals(1, c.size());
        Operation op = c.operations().get(0);
        assertEquals(expected, op.gate());
        assertArrayEquals(IntStream.range(0, n).map(j -> n - 1 - j).toArray(), op.qubits());
        assertArrayEquals(Arrays.copyOf(new double[] {0.1, 0.2, 0.3}, expected.numParams()), op.constantParamValues());
    }

    @Test
    void uNeedsNoInclude() {
        Circuit c = QasmReader.parse("OPENQASM 3;\nqubit q;\nU(0.1, 0.2, 0.3) q;\n");
        assertEquals(List.of(new Operation(Gate.U3, new int[] {0}, ParameterExpression.constant(0.1),
                ParameterExpression.constant(0.2), ParameterExpression.constant(0.3))), c.operations());
    }

    @Test
    void cuIsCu3ThenThePhaseGammaOnTheControl() {
        Parameter gamma = Parameter.of("gamma");
        Circuit c = parse("input float[64] gamma;\nqubit[2] q;\ncu(0.7, -1.3, 2.1, gamma) q[0], q[1];\n");
        assertEquals(Circuit.builder(2)
                .add(Gate.CU3, new double[] {0.7, -1.3, 2.1}, 0, 1)
                .add(Gate.P, gamma, 0)
                .build().operations(), c.operations());
        // the unitary: e^{i gamma} u3 on the block where the control (qubit 0, the low bit) is 1
        Circuit bound = c.bind(Map.of("gamma", 0.4));
        double[] u = DenseReference.timesPhase(Gate.U3.matrix(1, 0.7, -1.3, 2.1), 0.4);
        double difference = Matrices.maxDifference(Matrices.controlled(u, 1), DenseReference.unitary(bound));
        assertTrue(difference < 1e-12, "unitaries differ by " + difference);
    }

    @Test
    void cuWithGammaZeroIsOneCu3() {
        Circuit c = parse("qubit[2] q;\ncu(0.7, -1.3, 2.1, 0) q[0], q[1];\n");
        assertEquals(Circuit.builder(2).add(Gate.CU3, new double[] {0.7, -1.3, 2.1}, 0, 1).build().operations(),
                c.operations());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "theta                | 1    | 0",
        "2*theta              | 2    | 0",
        "theta*2              | 2    | 0",
        "-theta               | -1   | 0",
        "theta + pi/2         | 1    | 1.5707963267948966",
        "pi/2 - theta         | -1   | 1.5707963267948966",
        "theta/4 - 1          | 0.25 | -1",
        "(theta + 1)*3        | 3    | 3",
        "2**-1*theta          | 0.5  | 0",
        "-(2*theta - tau)/2   | -1   | 3.141592653589793",
        "\u03c0*theta            | 3.141592653589793 | 0",
        "theta - theta + euler | 0   | 2.718281828459045",
        "1.0*theta + 0.0      | 1    | 0",
    })
    void anArgumentAffineInAnInputIsAParameterExpression(String argument, double coefficient, double offset) {
        Circuit c = parse("input float[64] theta;\nqubit q;\nrz(" + argument + ") q;\n");
        assertEquals(ParameterExpression.affine(coefficient, Parameter.of("theta"), offset), c.operations().get(0).param(0));
    }

    @Test
    void constantArgumentsMayUseTheFunctionsAndConstantsOfOpenQasm3() {
        Circuit c = parse("qubit q;\nu3(arcsin(1), log(euler**2), sqrt(2)*cos(\u03c4/8)) q;\n");
        assertArrayEquals(new double[] {Math.asin(1), Math.log(Math.pow(Math.E, 2)), Math.sqrt(2) * Math.cos(Math.PI / 4)},
                c.operations().get(0).constantParamValues());
    }

    @Test
    void aCustomGateBodyReceivesAffineArguments() {
        Parameter theta = Parameter.of("theta");
        Circuit c = parse("""
                input float[64] theta;
                gate g(a, b) x, y { rz(2*a + 1) x; cx x, y; rx(-b) y; crz(a/2) y, x; }
                qubit[2] q;
                g(theta/2, 0.3) q[1], q[0];
                """);
        assertEquals(Circuit.builder(2)
                .add(Gate.RZ, args(ParameterExpression.affine(1, theta, 1)), 1)
                .add(Gate.CX, 1, 0)
                .add(Gate.RX, -0.3, 0)
                .add(Gate.CRZ, args(ParameterExpression.affine(0.25, theta, 0)), 0, 1)
                .build().operations(), c.operations());
    }

    @Test
    void inputsAreListedInDeclarationOrderAndUnusedOnesToo() {
        QasmProgram p = QasmReader.parseProgram(HEADER + """
                input float[64] a;
                input angle[32] b;
                input float c;
                input angle d;
                qubit q;
                rx(d) q;
                ry(b) q;
                """);
        assertEquals(List.of(Parameter.of("a"), Parameter.of("b"), Parameter.of("c"), Parameter.of("d")), p.inputs());
        assertEquals(List.of(Parameter.of("d"), Parameter.of("b")), p.circuit().parameters());
    }

    @Test
    void singleQubitsAndRegistersAreConcatenatedInDeclarationOrder() {
        // Qiskit declares qubits outside any register as 'qubit _qubit0;'
        Circuit c = parse("qubit _qubit0;\nqubit[2] qr;\nqubit _qubit1;\nh _qubit1;\ncx _qubit0, qr;\nx qr[1];\n");
        assertEquals(4, c.numQubits());
        assertEquals(Circuit.builder(4).add(Gate.H, 3).add(Gate.CX, 0, 1).add(Gate.CX, 0, 2).add(Gate.X, 2).build()
                .operations(), c.operations());
    }

    @Test
    void everyFormOfMeasurementIsRecorded() {
        QasmProgram p = QasmReader.parseProgram(HEADER + """
                qubit[2] q;
                qubit r;
                bit[2] c;
                bit b;
                bit[2] d = measure q;
                c = measure q;
                c[1] = measure q[0];
                b = measure r;
                measure q -> c;
                measure q[1] -> c[0];
                """);
        assertEquals(5, p.numClbits());
        assertEquals(List.of(new QasmProgram.Measurement(0, 3), new QasmProgram.Measurement(1, 4),
                new QasmProgram.Measurement(0, 0), new QasmProgram.Measurement(1, 1),
                new QasmProgram.Measurement(0, 1),
                new QasmProgram.Measurement(2, 2),
                new QasmProgram.Measurement(0, 0), new QasmProgram.Measurement(1, 1),
                new QasmProgram.Measurement(1, 0)), p.measurements());
    }

    @Test
    void qregCregBarriersAndCommentsAreReadAsInOpenQasm2() {
        Circuit c = QasmReader.parse("""
                OPENQASM 3.0; // a comment
                include "stdgates.inc";
                /* a block
                   comment */
                qreg q[2];
                creg c[2];
                barrier;
                h q[0];
                barrier q[0], q;
                cx q[0], q[1];
                measure q -> c;
                """);
        assertEquals(Circuit.builder(2).add(Gate.H, 0).add(Gate.CX, 0, 1).build().operations(), c.operations());
    }

    @Test
    void openQasm31IsReadTheSame() {
        assertEquals(1, QasmReader.parse("OPENQASM 3.1;\ninclude \"stdgates.inc\";\nqubit q;\nx q;\n").size());
    }

    /**
     * Qiskit defines ryy through sxdg, and sxdg as {@code s; h; s}, dropping that definition's global
     * phase e^{-i pi/4}: so the file's ryy is qtune's RYY times i, which no measurement sees.
     */
    @Test
    void ryyAsQiskitDefinesItIsTheNativeRyyUpToTheGlobalPhaseQiskitDrops() {
        Circuit c = parse("""
                input float[64] theta;
                gate sxdg _gate_q_0 {
                  s _gate_q_0;
                  h _gate_q_0;
                  s _gate_q_0;
                }
                gate ryy(p0) _gate_q_0, _gate_q_1 {
                  sxdg _gate_q_0;
                  sxdg _gate_q_1;
                  cx _gate_q_0, _gate_q_1;
                  rz(p0) _gate_q_1;
                  cx _gate_q_0, _gate_q_1;
                  sx _gate_q_0;
                  sx _gate_q_1;
                }
                qubit[2] q;
                ryy(2*theta) q[1], q[0];
                """);
        double[] iTimesRyy = DenseReference.timesPhase(Gate.RYY.matrix(2, 0.7), Math.PI / 2); // symmetric in its qubits
        double difference = Matrices.maxDifference(iTimesRyy, DenseReference.unitary(c.bind(Map.of("theta", 0.35))));
        assertTrue(difference < 1e-12, "unitaries differ by " + difference);
    }
}
