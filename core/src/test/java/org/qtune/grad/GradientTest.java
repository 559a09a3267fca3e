package org.qtune.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.testing.DenseReference;

class GradientTest {
    static final Simulator SIM = new Simulator();

    @AfterAll
    static void close() {
        SIM.close();
    }

    static final PauliSum H = PauliSum.parse("0.5*Z0 Z1 - 1.2*X2 + 0.7*Y0 X3 + 0.3*Z3 - 0.4*Y1 Y2 Z0 + 0.25");

    private static void assertGradientsEqual(Gradient expected, Gradient actual, double tol, String what) {
        assertEquals(expected.value(), actual.value(), tol, what + " value");
        double[] e = expected.gradient(), a = actual.gradient();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol, what + " d/dtheta_" + i);
        }
    }

    @Test
    void adjointAndParameterShiftMatchFiniteDifferencesOnRandomCircuitsWithEveryParametrizedGate() {
        for (long seed = 0; seed < 6; seed++) {
            Circuit c = DenseReference.randomCircuit(4, 30, 100 + seed, true);
            double[] theta = DenseReference.randomTheta(c, seed);
            Gradient fd = new FiniteDifferenceGradient(SIM, 1e-5).compute(c, theta, H);
            Gradient adj = new AdjointGradient(SIM).compute(c, theta, H);
            Gradient ps = new ParameterShiftGradient(SIM).compute(c, theta, H);
            assertGradientsEqual(fd, adj, 1e-7, "adjoint, seed " + seed);
            assertGradientsEqual(fd, ps, 1e-7, "parameter shift, seed " + seed);
            assertGradientsEqual(adj, ps, 1e-11, "adjoint vs parameter shift, seed " + seed);
        }
    }

    @Test
    void everyParametrizedGateKindIsCovered() {
        // one circuit per parametrized gate, so a wrong rule for any one gate cannot hide in a sum
        for (Gate g : Gate.values()) {
            if (g.numParams() == 0) {
                continue;
            }
            Circuit.Builder b = Circuit.builder(4).add(Gate.H, 0).add(Gate.H, 1).add(Gate.RY, 0.4, 2).add(Gate.RX, 1.1, 3);
            org.qtune.circuit.ParameterExpression[] ps = new org.qtune.circuit.ParameterExpression[g.numParams()];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = org.qtune.circuit.ParameterExpression.affine(1.5 - k, Parameter.of("a" + k), 0.1 * k);
            }
            int[] qs = g.arity() == 1 ? new int[] {1} : new int[] {1, 2};
            b.add(g, ps, qs).add(Gate.CX, 2, 3).add(Gate.RY, 0.3, 1);
            Circuit c = b.build();
            double[] theta = DenseReference.randomTheta(c, g.ordinal());
            Gradient fd = new FiniteDifferenceGradient(SIM, 1e-5).compute(c, theta, H);
            assertGradientsEqual(fd, new AdjointGradient(SIM).compute(c, theta, H), 1e-7, g + " adjoint");
            assertGradientsEqual(fd, new ParameterShiftGradient(SIM).compute(c, theta, H), 1e-7, g + " shift");
        }
    }

    @Test
    void aShiftPlanLaidOutAsPlainVectorsEqualsTheAdjointGradient() {
        for (long seed = 0; seed < 4; seed++) {
            Circuit c = DenseReference.randomCircuit(4, 30, 300 + seed, true);
            double[] theta = DenseReference.randomTheta(c, seed);
            ShiftPlan plan = ShiftPlan.of(c);
            double[][] points = plan.points(theta);
            assertEquals(plan.pointsPerGradient(), points.length);
            // the first point is the circuit itself: the expanded circuit there prepares the same state
            assertEquals(Measurements.expectation(SIM.run(c, theta), H),
                    Measurements.expectation(SIM.run(plan.expanded(), plan.angles(theta)), H), 1e-13);
            double[] values = new double[points.length + 3];
            for (int i = 0; i < points.length; i++) {
                values[3 + i] = Measurements.expectation(SIM.run(plan.expanded(), points[i]), H);
            }
            assertGradientsEqual(new AdjointGradient(SIM).compute(c, theta, H), plan.combine(values, 3), 1e-11,
                    "shift plan, seed " + seed);
        }
        Circuit c = DenseReference.randomCircuit(3, 8, 5, true);
        ShiftPlan plan = ShiftPlan.of(c);
        assertThrows(IllegalArgumentException.class, () -> plan.combine(new double[plan.pointsPerGradient() - 1], 0));
        assertThrows(IllegalArgumentException.class, () -> plan.angles(new double[c.numParameters() + 1]));
    }

    @Test
    void adjointOfADiagonalObservableGivenAsWeightsMatchesFiniteDifferences() {
        Circuit c = HardwareEfficient.builder(6).layers(3).rotations(HardwareEfficient.Rotations.RY_RZ)
                .finalRotations(true).build();
        double[] theta = DenseReference.randomTheta(c, 3);
        double[] w = new SplittableRandom(9).doubles(64, -1, 1).toArray();
        Gradient fd = new FiniteDifferenceGradient(SIM, 1e-5).diagonal(c, theta, w);
        Gradient adj = new AdjointGradient(SIM).diagonal(c, theta, w);
        assertGradientsEqual(fd, adj, 1e-8, "diagonal weights");
    }

    @Test
    void shotBasedParameterShiftConvergesAndIsReproducible() {
        Circuit c = DenseReference.randomCircuit(3, 12, 77, true);
        double[] theta = DenseReference.randomTheta(c, 2);
        PauliSum h = PauliSum.parse("Z0 - 0.5*X1 Y2 + 0.2*Z2");
        Gradient exact = new ParameterShiftGradient(SIM).compute(c, theta, h);
        Gradient a = new ParameterShiftGradient(SIM, 200_000, 42).compute(c, theta, h);
        Gradient b = new ParameterShiftGradient(SIM, 200_000, 42).compute(c, theta, h);
        assertGradientsEqual(a, b, 0.0, "same seed");
        // standard error ~ |coeffs| / sqrt(shots) per evaluation: 0.02 is about six of them
        assertGradientsEqual(exact, a, 0.02, "shots vs exact");
    }

    @Test
    void observableOnMissingQubitIsRejected() {
        Circuit c = Circuit.builder(2).add(Gate.RX, Parameter.of("t"), 0).build();
        assertThrows(IllegalArgumentException.class,
                () -> new AdjointGradient(SIM).compute(c, new double[] {0.1}, PauliSum.parse("Z5")));
    }
}
