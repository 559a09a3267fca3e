package org.qtune.sim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.StateVector;
import org.qtune.testing.DenseReference;

class BatchProgramTest {
    static final Simulator SIM = new Simulator(SimulatorOptions.defaults().withThreads(1));

    @AfterAll
    static void close() {
        SIM.close();
    }

    /** Which parameters are per-member: mode 0 none, 1 all, 2 a seeded half. */
    static List<String> perMemberNames(Circuit c, int mode, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (Parameter p : c.parameters()) {
            if (mode == 1 || (mode == 2 && rnd.nextBoolean())) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** Random values: shared parameters one value, per-member ones B values; and each member's full vector. */
    static double[][] memberThetas(BatchProgram prog, BatchParameters params, long seed) {
        Circuit c = prog.circuit();
        int batch = params.batch();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] theta = new double[batch][c.numParameters()];
        for (int j = 0; j < c.numParameters(); j++) {
            if (prog.isPerMember(j)) {
                double[] v = rnd.doubles(batch, -Math.PI, Math.PI).toArray();
                params.perMember(j, v);
                for (int b = 0; b < batch; b++) {
                    theta[b][j] = v[b];
                }
            } else {
                double v = rnd.nextDouble(-Math.PI, Math.PI);
                params.shared(j, v);
                for (int b = 0; b < batch; b++) {
                    theta[b][j] = v;
                }
            }
        }
        return theta;
    }

    static double maxDifference(StateVector a, StateVector b) {
        double m = 0;
        for (int i = 0; i < a.dimension(); i++) {
            m = Math.max(m, Math.abs(a.re()[i] - b.re()[i]));
            m = Math.max(m, Math.abs(a.im()[i] - b.im()[i]));
        }
        return m;
    }

    static void assertEqualsSingleState(Circuit c, int mode, int batch, int threads, long seed) {
        try (BatchProgram prog = BatchProgram.compile(c, perMemberNames(c, mode, seed), 4, threads)) {
            BatchParameters params = new BatchParameters(batch, c.numParameters());
            double[][] theta = memberThetas(prog, params, seed + 1);
            BatchState s = prog.run(params);
            double[][] z = s.expectationZAll();
            for (int b = 0; b < batch; b++) {
                StateVector ref = SIM.run(c, theta[b]);
                String what = c.numQubits() + " qubits, mode " + mode + ", B " + batch + ", member " + b;
                assertTrue(maxDifference(ref, s.member(b)) <= 1e-12, what + ": " + maxDifference(ref, s.member(b)));
                double[] zr = Measurements.expectationZAll(ref);
                for (int q = 0; q < c.numQubits(); q++) {
                    assertEquals(zr[q], z[q][b], 1e-12, what + " <Z" + q + ">");
                }
            }
        }
    }

    @Test
    void randomCircuitsOfEveryGateKindEqualTheSingleStateSimulator() {
        int[] batches = {1, 7, 64};
        for (int n = 1; n <= 10; n++) {
            for (int mode = 0; mode < 3; mode++) {
                for (int batch : batches) {
                    long seed = 1000L * n + 10L * mode + batch;
                    Circuit c = DenseReference.randomCircuit(n, 12 + 6 * n, seed, true);
                    assertEqualsSingleState(c, mode, batch, 1, seed);
                }
            }
        }
    }

    @Test
    void aBatchOfAThousandWithThreadsEqualsTheSingleStateSimulator() {
        for (int n : new int[] {3, 8}) {
            Circuit c = DenseReference.randomCircuit(n, 60, 77 + n, true);
            assertEqualsSingleState(c, 2, 1000, 3, 5 + n);
        }
    }

    @Test
    void everyParametrizedGateWithAPerMemberAngleEqualsTheSingleStateSimulator() {
        for (Gate g : Gate.values()) {
            if (g.numParams() == 0) {
                continue;
            }
            Circuit.Builder b = Circuit.builder(3).add(Gate.H, 0).add(Gate.RY, 0.7, 1).add(Gate.H, 2).add(Gate.CX, 0, 2);
            org.qtune.circuit.ParameterExpression[] ps = new org.qtune.circuit.ParameterExpression[g.numParams()];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = org.qtune.circuit.ParameterExpression.affine(1.5 - k, Parameter.of("a" + k), 0.1 * k);
            }
            b.add(g, ps, g.arity() == 1 ? new int[] {1} : new int[] {1, 2}).add(Gate.RX, Parameter.of("w"), 0);
            Circuit c = b.build();
            for (int mode = 0; mode < 3; mode++) {
                assertEqualsSingleState(c, mode, 9, 1, g.ordinal() * 7L + mode);
            }
        }
    }

    @Test
    void pauliSumsPerMemberEqualTheSingleStateValues() {
        Circuit c = DenseReference.randomCircuit(5, 40, 3, true);
        PauliSum h = PauliSum.parse("0.5*Z0 Z1 - 1.2*X3 + 0.7*Y0 X4 + 0.3*Z4 - 0.4*Y1 Y2 Z0 + 0.25");
        try (BatchProgram prog = BatchProgram.compile(c, perMemberNames(c, 2, 4))) {
            BatchParameters params = new BatchParameters(11, c.numParameters());
            double[][] theta = memberThetas(prog, params, 6);
            double[] e = prog.run(params).expectation(h);
            for (int b = 0; b < 11; b++) {
                assertEquals(Measurements.expectation(SIM.run(c, theta[b]), h), e[b], 1e-12, "member " + b);
            }
        }
    }

    @Test
    void fusionCutsPassesAndSharedAnglesFuseIntoOneMatrix() {
        // three rotations on each of 4 qubits, then a CX chain, four times: 60 gates
        Circuit.Builder b = Circuit.builder(4);
        int p = 0;
        for (int layer = 0; layer < 4; layer++) {
            for (int q = 0; q < 4; q++) {
                b.add(Gate.RZ, Parameter.of("t" + p++), q).add(Gate.RX, Parameter.of("t" + p++), q)
                        .add(Gate.RZ, Parameter.of("t" + p++), q);
            }
            for (int q = 0; q < 3; q++) {
                b.add(Gate.CX, q, q + 1);
            }
        }
        Circuit c = b.build();
        try (BatchProgram shared = BatchProgram.compile(c, List.of());
             BatchProgram member = BatchProgram.compile(c, perMemberNames(c, 1, 0))) {
            assertTrue(shared.numSteps() <= 20, "shared: " + shared.numSteps() + " passes for 60 gates");
            // each qubit's three rotations become one per-member 2x2: 4 + 3 swaps per layer
            assertTrue(member.numSteps() <= 28, "per-member: " + member.numSteps() + " passes for 60 gates");
        }
    }

    @Test
    void badParametersAreRejected() {
        Circuit c = Circuit.builder(2).add(Gate.RX, Parameter.of("x"), 0).add(Gate.RY, Parameter.of("w"), 1).build();
        assertThrows(IllegalArgumentException.class, () -> BatchProgram.compile(c, List.of("nope")));
        try (BatchProgram prog = BatchProgram.compile(c, List.of("x"))) {
            BatchParameters missing = new BatchParameters(4, 2).perMember(0, new double[4]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prog.run(missing));
            assertTrue(e.getMessage().contains("'w' has no value"), e.getMessage());
            BatchParameters swapped = new BatchParameters(4, 2).shared(0, 1).perMember(1, new double[4]);
            assertThrows(IllegalArgumentException.class, () -> prog.run(swapped));
            assertThrows(IllegalArgumentException.class, () -> new BatchParameters(4, 2).perMember(0, new double[3]));
            assertThrows(IllegalArgumentException.class, () -> prog.run(new BatchParameters(4, 3)));
        }
    }

    @Test
    void aBatchLargerThanTheWholeHeapIsRefusedBeforeAnythingIsAllocated() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 32L << 30, "a 32 GiB heap");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BatchState.zero(20, 2047));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("is more than this JVM's whole heap"),
                e.getMessage());
    }
}
