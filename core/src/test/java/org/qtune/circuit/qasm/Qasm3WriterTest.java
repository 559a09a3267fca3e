package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.circuit.ansatz.StronglyEntangling;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.testing.DenseReference;

/** {@link QasmWriter} in OpenQASM 3: Qiskit's form, and back through {@link QasmReader} to the same states. */
class Qasm3WriterTest {
    /** Gates written with a {@code gate} definition, which read back as the definition's gates. */
    private static final Set<Gate> DEFINED = EnumSet.of(Gate.SXDG, Gate.RXX, Gate.RYY, Gate.RZZ);

    private static String write(Circuit c) {
        return QasmWriter.write(c, QasmVersion.V3);
    }

    private static Circuit roundTrip(Circuit c) {
        return QasmReader.parse(write(c));
    }

    /** {@code k} distinct qubits out of {@code n}, seeded. */
    private static int[] distinctQubits(int n, int k, SplittableRandom rnd) {
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, k);
    }

    private static ParameterExpression affine(double a, String name, double b) {
        return ParameterExpression.affine(a, Parameter.of(name), b);
    }

    @Test
    void writesInputsDefinitionsTheRegisterAndOneLinePerOperationAsQiskitDoes() {
        Parameter theta = Parameter.of("theta"), gamma = Parameter.of("gamma");
        Circuit c = Circuit.builder(3)
                .add(Gate.H, 0)
                .add(Gate.RY, theta, 1)
                .add(Gate.RZZ, new ParameterExpression[] {ParameterExpression.affine(2, gamma, 0)}, 0, 2)
                .add(Gate.RX, new ParameterExpression[] {ParameterExpression.affine(-0.5, theta, -1.25)}, 2)
                .add(Gate.CU3, new ParameterExpression[] {ParameterExpression.of(theta), ParameterExpression.constant(0.5),
                    ParameterExpression.affine(-1, gamma, 0)}, 1, 0)
                .add(Gate.RZZ, 0.25, 1, 2)
                .add(Gate.MCX, 2, 0, 1)
                .build();
        assertEquals("""
                OPENQASM 3.0;
                include "stdgates.inc";
                input float[64] theta;
                input float[64] gamma;
                gate rzz(p0) _gate_q_0, _gate_q_1 {
                  cx _gate_q_0, _gate_q_1;
                  rz(p0) _gate_q_1;
                  cx _gate_q_0, _gate_q_1;
                }
                qubit[3] q;
                h q[0];
                ry(theta) q[1];
                rzz(2.0*gamma) q[0], q[2];
                rx(-0.5*theta - 1.25) q[2];
                cu(theta, 0.5, -gamma, 0) q[1], q[0];
                rzz(0.25) q[1], q[2];
                ccx q[2], q[0], q[1];
                """, write(c));
    }

    /** A gate in stdgates.inc reads back as the same operation, arguments affine in parameters included. */
    @ParameterizedTest
    @EnumSource(Gate.class)
    void everyGateReadsBackAsTheSameOperationOrTheSameUnitary(Gate gate) {
        SplittableRandom rnd = new SplittableRandom(gate.ordinal());
        Circuit.Builder b = Circuit.builder(6);
        for (int repeat = 0; repeat < 5; repeat++) {
            int numQubits = gate == Gate.MCX ? 1 + repeat : gate.arity();
            ParameterExpression[] params = new ParameterExpression[gate.numParams()];
            for (int k = 0; k < params.length; k++) {
                params[k] = switch ((repeat + k) % 3) {
                    case 0 -> ParameterExpression.constant(rnd.nextDouble(-10, 10));
                    case 1 -> ParameterExpression.of(Parameter.of("a" + k));
                    default -> affine(rnd.nextDouble(-3, 3), "b" + repeat, rnd.nextDouble(-1, 1));
                };
            }
            int[] qubits = distinctQubits(6, numQubits, rnd);
            b.add(gate, params, qubits);
        }
        Circuit c = b.build();
        Circuit back = roundTrip(c);
        if (DEFINED.contains(gate) || gate == Gate.MCX) {
            Qasm3ReaderTest.assertSameStates(c, back);
        } else {
            assertEquals(c.operations(), back.operations());
        }
    }

    /** Random circuits over every gate, with symbolic parameters, give the same states read back. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomCircuitsWithSymbolicParametersGiveTheSameStatesReadBack(long seed) {
        Circuit c = DenseReference.randomCircuit(5, 60, seed, true);
        Circuit back = roundTrip(c);
        assertEquals(c.parameters(), back.parameters(), "p0, p1, ... are identifiers, kept in their order");
        Qasm3ReaderTest.assertSameStates(c, back);
    }

    @Test
    void theRandomCircuitsCoverEveryGate() {
        Set<Gate> seen = EnumSet.noneOf(Gate.class);
        for (long seed = 1; seed <= 8; seed++) {
            DenseReference.randomCircuit(5, 60, seed, true).operations().forEach(op -> seen.add(op.gate()));
        }
        assertEquals(EnumSet.allOf(Gate.class), seen);
    }

    @Test
    void affineArgumentsReadBackBitForBit() {
        SplittableRandom rnd = new SplittableRandom(7);
        Circuit.Builder b = Circuit.builder(1);
        double[] specials = {1, -1, 0.5, -0.5, 1e-300, 6.02214076e23, 1.0 / 3};
        for (double a : specials) {
            for (double offset : new double[] {0, 0.25, -0.25, rnd.nextDouble(-5, 5), 1e-17, -Math.PI}) {
                b.add(Gate.RZ, new ParameterExpression[] {affine(a, "alpha", offset)}, 0);
            }
        }
        Circuit c = b.build();
        assertEquals(c.operations(), roundTrip(c).operations());
    }

    @Test
    void parameterNamesThatAreNotIdentifiersAreEscapedAsQiskitDoesAndKeepTheirOrder() {
        List<String> names = List.of("theta[3]", "w[0][1][2]", "_theta_3_", "pi", "rx", "q", "input", "rzz", "\u03b8",
                "\u03b8[0]", "in");
        Circuit.Builder b = Circuit.builder(2);
        names.forEach(n -> b.add(Gate.RZZ, Parameter.of(n), 0, 1));
        String text = write(b.build());
        List<String> inputs = text.lines().filter(l -> l.startsWith("input ")).toList();
        assertEquals(List.of("input float[64] _theta_3_;", "input float[64] _w_0__1__2_;",
                "input float[64] _theta_3__0;", "input float[64] pi_0;", "input float[64] rx_0;",
                "input float[64] q_0;", "input float[64] input_0;", "input float[64] rzz_0;",
                "input float[64] \u03b8;", "input float[64] _\u03b8_0_;", "input float[64] in_0;"), inputs);
        assertEquals(names.size(), QasmReader.parse(text).numParameters());
    }

    @Test
    void ansatzCircuitsWithIndexedParametersGiveTheSameStatesByPosition() {
        for (Circuit c : List.of(StronglyEntangling.build(3, 2),
                HardwareEfficient.builder(4).layers(2).rotations(HardwareEfficient.Rotations.RY_RZ).build())) {
            Circuit back = roundTrip(c);
            assertEquals(c.numParameters(), back.numParameters());
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1))) {
                double[] theta = DenseReference.randomTheta(c, 11);
                double difference = sim.run(c, theta).maxDifference(sim.run(back, theta));
                assertTrue(difference < 1e-12, "states differ by " + difference);
            }
        }
    }

    /** stdgates.inc stops at ccx: X with 3 or more controls is a definition, each after those it calls. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6})
    void mcxWithThreeOrMoreControlsKeepsItsExactUnitary(int numControls) {
        int n = numControls + 1;
        int[] qubits = distinctQubits(n, n, new SplittableRandom(numControls));
        Circuit c = Circuit.builder(n).add(Gate.MCX, qubits).build();
        String text = write(c);
        List<String> defined = text.lines().filter(l -> l.startsWith("gate ")).map(l -> l.split(" ")[1]).toList();
        List<String> expected = IntStream.rangeClosed(3, numControls)
                .filter(k -> k == numControls || k <= 4).mapToObj(McxDefinition::gateName).toList();
        assertEquals(expected, defined);
        double difference =
                Matrices.maxDifference(DenseReference.unitary(c), DenseReference.unitary(QasmReader.parse(text)));
        assertTrue(difference < 1e-12, "unitaries differ by " + difference);
    }

    @Test
    void aParameterThatIsNotFiniteIsRejected() {
        Circuit c = Circuit.builder(1).add(Gate.RX, new ParameterExpression[] {affine(Double.NaN, "x", 0)}, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(c));
        assertEquals("operation 0 (rx(NaN*x) q[0]) has the parameter NaN*x, which OpenQASM 3 cannot write", e.getMessage());
    }

    @Test
    void versionTwoIsStillTheDefaultAndUnchanged() {
        Circuit c = Circuit.builder(2).add(Gate.H, 0).add(Gate.CU3, new double[] {0.5, 0.25, 0.125}, 0, 1).build();
        assertEquals(QasmWriter.write(c), QasmWriter.write(c, QasmVersion.V2));
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncu3(0.5,0.25,0.125) q[0],q[1];\n",
                QasmWriter.write(c));
    }
}
