package org.qtune.spark.statevector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.AdjointTape;
import org.qtune.sim.BoundGate;
import org.qtune.sim.PlanCounter;
import org.qtune.sim.Simulator;
import org.qtune.spark.testing.SparkTestContext;

class DistributedAdjointTest {
    static final JavaSparkContext SC = SparkTestContext.get();

    static Circuit parametrizedCircuit(int n, int gates, long seed) {
        return org.qtune.spark.testing.RandomCircuits.parametrized(n, gates, seed);
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

    @Test
    void theBackwardSweepPlansEachEpochOnceNotEachGate() {
        Circuit c = parametrizedCircuit(6, 80, 21);
        double[] theta = new SplittableRandom(6).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        double[] w = new SplittableRandom(7).doubles(64, -1, 1).toArray();
        int partitions = 2;
        // the stages the forward and the backward run: plans are made per epoch, for the executors'
        // chunks (one executor here: the test's JVM)
        QubitLayout start = QubitLayout.identity(6, 1);
        Schedule forward = ScheduleCompiler.compile(Simulator.bind(c, theta), start);
        java.util.List<BoundGate> inverses = AdjointTape.of(c, theta).inverses();
        java.util.Collections.reverse(inverses);
        Schedule backward = ScheduleCompiler.compile(inverses, forward.result());
        long epochs = forward.count(Schedule.Epoch.class), backwardEpochs = backward.count(Schedule.Epoch.class);
        long before = PlanCounter.planned();
        Gradient g = DistributedAdjoint.diagonal(SC, c, theta, w, partitions);
        long planned = PlanCounter.planned() - before;
        try (Simulator sim = new Simulator()) {
            assertSame(new AdjointGradient(sim).diagonal(c, theta, w), g);
        }
        // one plan per forward epoch, two (inverses, derivatives) per backward epoch; room for a
        // rebuild if the executor cache starts again during the job. Planning per gate and chunk would
        // make at least 2 x 80 x 2.
        assertTrue(planned <= 2 * (epochs + 2 * backwardEpochs), planned + " plans for " + epochs
                + " forward and " + backwardEpochs + " backward epochs");
        assertTrue(planned < c.size(), planned + " plans for " + c.size() + " gates");
    }
}
