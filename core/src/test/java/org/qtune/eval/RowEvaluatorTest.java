package org.qtune.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.testing.DenseReference;

class RowEvaluatorTest {
    static final PauliSum H = PauliSum.parse("0.5*Z0 Z1 - 1.2*X2 + 0.7*Y0 X3 + 0.3*Z3 + 0.25");

    static double[][] rows(Circuit c, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] t = new double[count][];
        for (int i = 0; i < count; i++) {
            t[i] = rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        }
        return t;
    }

    @Test
    void readoutsValuesAndGradientsEqualTheSingleStatePath() {
        Circuit c = DenseReference.randomCircuit(5, 40, 12, true);
        double[][] thetas = rows(c, 23, 1);
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1));
             RowEvaluator z = new RowEvaluator(c, null, RowEvaluator.GradientKind.NONE, 8);
             RowEvaluator adj = new RowEvaluator(c, H, RowEvaluator.GradientKind.ADJOINT, 8);
             RowEvaluator shift = new RowEvaluator(c, H, RowEvaluator.GradientKind.PARAMETER_SHIFT, 64)) {
            assertEquals(List.of("z0", "z1", "z2", "z3", "z4"), z.columns());
            assertEquals("value", adj.columns().get(0));
            assertEquals("d_" + c.parameters().get(0).name(), adj.columns().get(1));
            double[][] zs = z.evaluate(thetas), a = adj.evaluate(thetas), s = shift.evaluate(thetas);
            for (int r = 0; r < thetas.length; r++) {
                assertArrayEquals(Measurements.expectationZAll(sim.run(c, thetas[r])), zs[r], 1e-12, "row " + r);
                Gradient ref = new AdjointGradient(sim).compute(c, thetas[r], H);
                assertEquals(ref.value(), a[r][0], 1e-12);
                assertEquals(ref.value(), s[r][0], 1e-12);
                for (int p = 0; p < c.numParameters(); p++) {
                    assertEquals(ref.gradient()[p], a[r][1 + p], 1e-10, "adjoint row " + r + " d" + p);
                    assertEquals(ref.gradient()[p], s[r][1 + p], 1e-10, "shift row " + r + " d" + p);
                }
            }
        }
    }

    @Test
    void aRowsNumbersDoNotDependOnTheBatchItSitsIn() {
        Circuit c = DenseReference.randomCircuit(4, 30, 5, true);
        double[][] thetas = rows(c, 37, 2);
        double[][] reference;
        try (RowEvaluator one = new RowEvaluator(c, H, RowEvaluator.GradientKind.ADJOINT, 1)) {
            reference = one.evaluate(thetas);
        }
        for (int batch : new int[] {3, 8, 37, 1024}) {
            try (RowEvaluator ev = new RowEvaluator(c, H, RowEvaluator.GradientKind.ADJOINT, batch)) {
                double[][] got = ev.evaluate(thetas);
                for (int r = 0; r < thetas.length; r++) {
                    assertArrayEquals(reference[r], got[r], 0.0, "batch " + batch + ", row " + r);
                }
            }
        }
    }

    @Test
    void aGradientWithoutAnObservableOrAShortRowIsRejected() {
        Circuit c = DenseReference.randomCircuit(3, 10, 5, true);
        assertThrows(IllegalArgumentException.class, () -> new RowEvaluator(c, null, RowEvaluator.GradientKind.ADJOINT, 4));
        assertThrows(IllegalArgumentException.class, () -> new RowEvaluator(c, PauliSum.parse("Z7"),
                RowEvaluator.GradientKind.NONE, 4));
        try (RowEvaluator ev = new RowEvaluator(c, null, RowEvaluator.GradientKind.NONE, 4)) {
            assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new double[][] {new double[c.numParameters() + 1]}));
        }
    }
}
