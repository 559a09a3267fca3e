package org.qtune.spark.statevector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Simulator;
import org.qtune.spark.testing.SparkTestContext;

class DistributedAdjointTest {
    static final JavaSparkContext SC = SparkTestContext.get();

    /** Every gate kind; parametrized ones take affine expressions of shared symbolic parameters. */
    static Circuit parametrizedCircuit(int n, int gates, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Circuit.Builder b = Circuit.builder(n);
        Gate[] all = Gate.values();
        int made = 0;
        while (made < gates) {
            Gate g = all[rnd.nextInt(all.length)];
            int k = g.arity() > 0 ? g.arity() : 1 + rnd.nextInt(Math.min(n, 4));
            if (k > n) {
                continue;
            }
            int[] qs = rnd.ints(0, n).distinct().limit(k).toArray();
            ParameterExpression[] ps = new ParameterExpression[g.numParams()];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = ParameterExpression.affine(rnd.nextDouble(-2, 2), Parameter.of("t" + rnd.nextInt(12)),
                        rnd.nextDouble(-1, 1));
            }
            b.add(g, ps, qs);
            made++;
        }
        return b.build();
    }

    private static void assertSame(Gradient expected, Gradient actual) {
        assertEquals(expected.value(), actual.value(), 1e-10);
        double[] e = expected.gradient(), a = actual.gradient();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-10, "parameter " + i);
        }
    }

    @Test
    void theDistributedAdjointEqualsTheCoreAdjointForPauliSums() {
        PauliSum h = PauliSum.parse("0.5*Z0 Z7 - 1.2*X3 + 0.7*Y6 X1 + 0.3*Z5 - 0.4*Y2 Y7 Z0 + 0.2");
        try (Simulator sim = new Simulator()) {
            for (long seed = 0; seed < 1; seed++) {
                Circuit c = parametrizedCircuit(8, 30, 50 + seed);
                double[] theta = new SplittableRandom(seed).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
                Gradient local = new AdjointGradient(sim).compute(c, theta, h);
                assertSame(local, DistributedAdjoint.compute(SC, c, theta, h, 8));
            }
        }
    }

    @Test
    void theDiagonalWeightFormEqualsTheCore() {
        Circuit c = parametrizedCircuit(7, 30, 9);
        double[] theta = new SplittableRandom(4).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        double[] w = new SplittableRandom(5).doubles(128, -1, 1).toArray();
        try (Simulator sim = new Simulator()) {
            assertSame(new AdjointGradient(sim).diagonal(c, theta, w), DistributedAdjoint.diagonal(SC, c, theta, w, 4));
        }
    }
}
