package org.qtune.sim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.testing.DenseReference;

class BatchAdjointTest {
    static final Simulator SIM = new Simulator(SimulatorOptions.defaults().withThreads(1));

    @AfterAll
    static void close() {
        SIM.close();
    }

    static List<PauliString> readouts(int n) {
        List<PauliString> r = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            r.add(PauliSum.parse("Z" + q).terms().get(0).pauli());
        }
        if (n >= 2) {
            r.add(PauliSum.parse("X0 Y" + (n - 1)).terms().get(0).pauli());
        }
        return r;
    }

    /** Member b's objective as a Pauli sum: sum_j upstream[j][b] O_j. */
    static PauliSum memberObjective(List<PauliString> readouts, double[][] upstream, int b) {
        List<PauliSum.Term> terms = new ArrayList<>();
        for (int j = 0; j < readouts.size(); j++) {
            terms.add(new PauliSum.Term(upstream[j][b], readouts.get(j)));
        }
        return PauliSum.of(terms);
    }

    static void check(Circuit c, int mode, int batch, int threads, long seed, boolean finiteDifferences) {
        int n = c.numQubits();
        try (BatchProgram prog = BatchProgram.compile(c, BatchProgramTest.perMemberNames(c, mode, seed), 4, threads)) {
            BatchParameters params = new BatchParameters(batch, c.numParameters());
            double[][] theta = BatchProgramTest.memberThetas(prog, params, seed + 1);
            List<PauliString> ro = readouts(n);
            double[][] up = new double[ro.size()][];
            SplittableRandom rnd = new SplittableRandom(seed + 2);
            for (int j = 0; j < up.length; j++) {
                up[j] = rnd.doubles(batch, -1, 1).toArray();
            }
            BatchGradient g = new BatchAdjoint(prog).compute(params, ro, up);
            double[] sharedRef = new double[c.numParameters()];
            for (int b = 0; b < batch; b++) {
                PauliSum h = memberObjective(ro, up, b);
                Gradient ref = new AdjointGradient(SIM).compute(c, theta[b], h);
                for (int j = 0; j < ro.size(); j++) {
                    assertEquals(Measurements.expectation(SIM.run(c, theta[b]), PauliSum.of(List.of(
                            new PauliSum.Term(1, ro.get(j))))), g.readouts()[j][b], 1e-12);
                }
                for (int p = 0; p < c.numParameters(); p++) {
                    if (prog.isPerMember(p)) {
                        assertEquals(ref.gradient()[p], g.perMember()[p][b], 1e-10,
                                n + " qubits, mode " + mode + ", member " + b + ", parameter " + p);
                    } else {
                        sharedRef[p] += ref.gradient()[p];
                    }
                }
            }
            for (int p = 0; p < c.numParameters(); p++) {
                if (!prog.isPerMember(p)) {
                    assertNull(g.perMember()[p]);
                    assertEquals(sharedRef[p], g.shared()[p], 1e-10 * batch, "shared parameter " + p);
                }
            }
            if (finiteDifferences) {
                // the batched objective itself, differentiated by central differences of batched runs
                double h = 1e-5;
                for (int p = 0; p < c.numParameters(); p++) {
                    double[] plus = objective(prog, params, p, h, ro, up), minus = objective(prog, params, p, -h, ro, up);
                    for (int b = 0; b < batch; b++) {
                        double fd = (plus[b] - minus[b]) / (2 * h);
                        if (prog.isPerMember(p)) {
                            assertEquals(fd, g.perMember()[p][b], 1e-7, "finite difference, parameter " + p);
                        }
                    }
                    if (!prog.isPerMember(p)) {
                        double sum = 0;
                        for (int b = 0; b < batch; b++) {
                            sum += (plus[b] - minus[b]) / (2 * h);
                        }
                        assertEquals(sum, g.shared()[p], 1e-7 * batch, "finite difference, shared parameter " + p);
                    }
                }
            }
        }
    }

    /** Each member's objective with parameter p moved by delta (for every member). */
    static double[] objective(BatchProgram prog, BatchParameters params, int p, double delta, List<PauliString> ro,
                              double[][] up) {
        int batch = params.batch();
        BatchParameters moved = new BatchParameters(batch, params.numParameters());
        for (int q = 0; q < params.numParameters(); q++) {
            double[] v = params.raw(q).clone();
            if (q == p) {
                for (int i = 0; i < v.length; i++) {
                    v[i] += delta;
                }
            }
            if (prog.isPerMember(q)) {
                moved.perMember(q, v);
            } else {
                moved.shared(q, v[0]);
            }
        }
        BatchState s = prog.run(moved);
        double[] out = new double[batch];
        for (int j = 0; j < ro.size(); j++) {
            double[] e = s.expectation(ro.get(j));
            for (int b = 0; b < batch; b++) {
                out[b] += up[j][b] * e[b];
            }
        }
        return out;
    }

    @Test
    void randomCircuitsMatchTheSingleStateAdjointAndFiniteDifferences() {
        for (int n = 1; n <= 10; n++) {
            for (int mode = 0; mode < 3; mode++) {
                long seed = 500L * n + mode;
                Circuit c = DenseReference.randomCircuit(n, 10 + 4 * n, seed, true);
                check(c, mode, n <= 6 ? 7 : 3, 1, seed, n <= 5);
            }
        }
    }

    @Test
    void everyParametrizedGateKindWithPerMemberAndSharedAngles() {
        for (Gate g : Gate.values()) {
            if (g.numParams() == 0) {
                continue;
            }
            Circuit.Builder b = Circuit.builder(3).add(Gate.H, 0).add(Gate.RY, Parameter.of("w0"), 1).add(Gate.H, 2)
                    .add(Gate.CX, 0, 2);
            org.qtune.circuit.ParameterExpression[] ps = new org.qtune.circuit.ParameterExpression[g.numParams()];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = org.qtune.circuit.ParameterExpression.affine(1.5 - k, Parameter.of("a" + k), 0.1 * k);
            }
            b.add(g, ps, g.arity() == 1 ? new int[] {1} : new int[] {1, 2}).add(Gate.RX, Parameter.of("w1"), 0)
                    .add(Gate.CZ, 1, 0);
            Circuit c = b.build();
            for (int mode = 0; mode < 3; mode++) {
                check(c, mode, 5, 1, g.ordinal() * 3L + mode, true);
            }
        }
    }

    @Test
    void threadsAndLargeBatchesGiveTheSameGradient() {
        Circuit c = DenseReference.randomCircuit(6, 50, 9, true);
        check(c, 2, 1000, 3, 21, false);
        try (BatchProgram one = BatchProgram.compile(c, BatchProgramTest.perMemberNames(c, 2, 4), 4, 1);
             BatchProgram three = BatchProgram.compile(c, BatchProgramTest.perMemberNames(c, 2, 4), 4, 3)) {
            BatchParameters params = new BatchParameters(200, c.numParameters());
            BatchProgramTest.memberThetas(one, params, 8);
            List<PauliString> ro = readouts(6);
            double[][] up = new double[ro.size()][200];
            for (double[] row : up) {
                java.util.Arrays.fill(row, 0.5);
            }
            BatchGradient a = new BatchAdjoint(one).compute(params, ro, up), b = new BatchAdjoint(three).compute(params, ro, up);
            for (int p = 0; p < c.numParameters(); p++) {
                assertEquals(a.shared()[p], b.shared()[p], 0.0, "shared sums do not depend on threads");
            }
        }
    }

    @Test
    void badUpstreamIsRejected() {
        Circuit c = Circuit.builder(2).add(Gate.RX, Parameter.of("x"), 0).build();
        try (BatchProgram prog = BatchProgram.compile(c, List.of("x"))) {
            BatchParameters p = new BatchParameters(3, 1).perMember(0, new double[3]);
            List<PauliString> ro = readouts(2);
            assertThrows(IllegalArgumentException.class, () -> new BatchAdjoint(prog).compute(p, ro, new double[1][3]));
            assertThrows(IllegalArgumentException.class,
                    () -> new BatchAdjoint(prog).compute(p, ro, new double[ro.size()][2]));
        }
    }
}
