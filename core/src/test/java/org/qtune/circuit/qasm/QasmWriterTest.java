package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.testing.DenseReference;

class QasmWriterTest {

    private static Circuit roundTrip(Circuit c) {
        return QasmReader.parse(QasmWriter.write(c));
    }

    /** {@code k} distinct qubits out of {@code n}, in random order. */
    private static int[] randomQubits(int k, int n, SplittableRandom rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    private static double[] randomState(int numQubits, SplittableRandom rnd) {
        double[] psi = new double[2 << numQubits];
        for (int i = 0; i < psi.length; i++) {
            psi[i] = rnd.nextDouble(-1, 1);
        }
        return psi;
    }

    @Test
    void writesTheHeaderOneRegisterAndOneLinePerOperation() {
        Circuit c = Circuit.builder(3)
                .add(Gate.H, 0)
                .add(Gate.CX, 0, 2)
                .add(Gate.U3, new double[] {0.5, -1.25, 3.0}, 1)
                .add(Gate.P, -0.0, 2)
                .add(Gate.MCX, 2, 0, 1)
                .build();
        assertEquals("""
                OPENQASM 2.0;
                include "qelib1.inc";
                qreg q[3];
                h q[0];
                cx q[0],q[2];
                u3(0.5,-1.25,3.0) q[1];
                p(-0.0) q[2];
                ccx q[2],q[0],q[1];
                """, QasmWriter.write(c));
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void everyGateReadsBackAsTheSameOperation(Gate gate) {
        SplittableRandom rnd = new SplittableRandom(gate.ordinal());
        Circuit.Builder b = Circuit.builder(6);
        for (int repeat = 0; repeat < 5; repeat++) {
            // MCX round-trips as itself from 3 controls on (c3x, c4x, then mcx_k below)
            int numQubits = gate == Gate.MCX ? 4 + repeat % 2 : gate.arity();
            double[] params = new double[gate.numParams()];
            for (int k = 0; k < params.length; k++) {
                params[k] = rnd.nextDouble(-10, 10);
            }
            b.add(gate, params, randomQubits(numQubits, 6, rnd));
        }
        Circuit c = b.build();
        assertEquals(c.operations(), roundTrip(c).operations());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.0, 0.0, 0.1, -0.1, 1.0 / 3, Math.PI, -Math.E, 4.9e-324, 2.2250738585072014E-308,
        1e-300, 1.7976931348623157e308, -1e22, 123456789.123456789, 1.0000000000000002, 6.02214076e23})
    void everyNumberReadsBackBitForBit(double value) {
        Circuit c = Circuit.builder(1).add(Gate.RZ, value, 0).build();
        double back = roundTrip(c).operations().get(0).param(0).constantValue();
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back), value + " came back as " + back);
    }

    @Test
    void mcxWithFewerThanThreeControlsIsWrittenXCxOrCcxAndReadsBackAsThoseGates() {
        Circuit c = Circuit.builder(3).add(Gate.MCX, 1).add(Gate.MCX, 2, 0).add(Gate.MCX, 0, 1, 2).build();
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nx q[1];\ncx q[2],q[0];\nccx q[0],q[1],q[2];\n",
                QasmWriter.write(c));
        assertEquals(Circuit.builder(3).add(Gate.X, 1).add(Gate.CX, 2, 0).add(Gate.CCX, 0, 1, 2).build().operations(),
                roundTrip(c).operations());
    }

    @Test
    void mcxWithThreeOrFourControlsIsWrittenC3xOrC4x() {
        Circuit c = Circuit.builder(5).add(Gate.MCX, 3, 1, 0, 4).add(Gate.MCX, 4, 3, 2, 1, 0).build();
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[5];\nc3x q[3],q[1],q[0],q[4];\n"
                + "c4x q[4],q[3],q[2],q[1],q[0];\n", QasmWriter.write(c));
    }

    @Test
    void eachMcxDefinitionIsWrittenOnceBeforeTheRegisterInOrderOfSize() {
        Circuit c = Circuit.builder(8)
                .add(Gate.MCX, 0, 1, 2, 3, 4, 5, 6)
                .add(Gate.MCX, 7, 6, 5, 4, 3, 2)
                .add(Gate.MCX, 1, 2, 3, 4, 5, 6, 7)
                .build();
        String text = QasmWriter.write(c);
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("gate mcx_5 c0,c1,c2,c3,c4,t {")).count());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("gate mcx_6 c0,c1,c2,c3,c4,c5,t {")).count());
        assertTrue(text.indexOf("gate mcx_5") < text.indexOf("gate mcx_6"));
        assertTrue(text.indexOf("gate mcx_6") < text.indexOf("qreg q[8];"));
        assertTrue(text.endsWith("qreg q[8];\nmcx_6 q[0],q[1],q[2],q[3],q[4],q[5],q[6];\nmcx_5 q[7],q[6],q[5],q[4],q[3],q[2];\n"
                + "mcx_6 q[1],q[2],q[3],q[4],q[5],q[6],q[7];\n"), text);
    }

    /** The full unitary, phases included: the decomposition adds no phase to the controlled block. */
    @ParameterizedTest
    @ValueSource(ints = {5, 6})
    void mcxWithFiveOrSixControlsKeepsItsExactUnitaryThroughWritingAndReading(int numControls) {
        int n = numControls + 1;
        int[] qubits = randomQubits(n, n, new SplittableRandom(numControls));
        Circuit c = Circuit.builder(n).add(Gate.MCX, qubits).build();
        Circuit back = roundTrip(c);
        double difference = Matrices.maxDifference(DenseReference.unitary(c), DenseReference.unitary(back));
        assertTrue(difference < 1e-12, "unitaries differ by " + difference);
        assertTrue(back.operations().stream().noneMatch(op -> op.gate() == Gate.MCX && op.numQubits() > 5));
    }

    /** Larger counts exercise the Toffoli chains and the split with a borrowed qubit. */
    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7, 8, 9, 10})
    void mcxWithManyControlsActsLikeTheOriginalOnRandomStates(int numControls) {
        int n = numControls + 2; // one qubit the gate does not touch
        SplittableRandom rnd = new SplittableRandom(100 + numControls);
        Circuit c = Circuit.builder(n).add(Gate.MCX, randomQubits(numControls + 1, n, rnd)).build();
        Circuit back = roundTrip(c);
        for (int trial = 0; trial < 2; trial++) {
            double[] psi = randomState(n, rnd);
            double difference = Matrices.maxDifference(DenseReference.apply(c, psi), DenseReference.apply(back, psi));
            assertTrue(difference < 1e-12, "states differ by " + difference);
        }
    }

    @Test
    void theMcxDefinitionGrowsQuadraticallyWithTheControls() {
        for (int numControls : new int[] {10, 20, 40, 61}) {
            int[] qubits = new int[numControls + 1];
            for (int i = 0; i < qubits.length; i++) {
                qubits[i] = i;
            }
            Circuit back = roundTrip(Circuit.builder(qubits.length).add(Gate.MCX, qubits).build());
            assertTrue(back.size() <= 8 * numControls * numControls,
                    numControls + " controls took " + back.size() + " operations");
        }
    }

    @Test
    void anUnboundParameterIsRejectedBecauseOpenQasm2HasNoFreeParameters() {
        Circuit c = Circuit.builder(2).add(Gate.H, 0).add(Gate.RY, Parameter.of("theta"), 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmWriter.write(c));
        assertEquals("operation 1 (ry(theta) q[1]) depends on the unbound parameter 'theta', and OpenQASM 2.0 has no"
                + " free parameters: bind it first (Circuit.bind), or write OpenQASM 3 (QasmVersion.V3)", e.getMessage());
    }

    @Test
    void aBoundCircuitIsWrittenWithItsValues() {
        Circuit c = Circuit.builder(1)
                .add(Gate.RY, new ParameterExpression[] {ParameterExpression.affine(2, Parameter.of("theta"), 0.5)}, 0)
                .build();
        assertEquals(Circuit.builder(1).add(Gate.RY, 2 * 0.25 + 0.5, 0).build().operations(),
                roundTrip(c.bind(new double[] {0.25})).operations());
    }

    @Test
    void aParameterThatIsNotAFiniteNumberIsRejected() {
        Circuit c = Circuit.builder(1).add(Gate.RX, Double.NaN, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QasmWriter.write(c));
        assertEquals("operation 0 (rx(NaN) q[0]) has the parameter NaN, which OpenQASM 2.0 cannot write", e.getMessage());
    }

    @Test
    void aCircuitWithoutOperationsIsJustTheHeaderAndTheRegister() {
        assertEquals("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\n", QasmWriter.write(Circuit.builder(4).build()));
        Circuit back = roundTrip(Circuit.builder(4).build());
        assertEquals(4, back.numQubits());
        assertEquals(List.<Operation>of(), back.operations());
    }
}
