package org.qtune.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.testing.DenseReference;

/**
 * States stored in pages (see {@link StateVector}) against the same states in one pair of arrays and
 * against the naive reference: small states cut into small pages exercise every path a 26+ qubit state
 * takes (page-local passes, page-pair passes, tiles gathered across pages, measurements across pages).
 */
class PagedStateTest {

    /** The same amplitudes as {@code s}, stored in pages of 2^pageQubits. */
    static StateVector paged(StateVector s, int pageQubits) {
        StateVector p = StateVector.zero(s.numQubits(), pageQubits);
        for (int i = 0; i < s.dimension(); i++) {
            p.set(i, s.re(i), s.im(i));
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.qtune.sim.SimulatorTest#configurations")
    void pagedStatesMatchTheDenseReferenceOnRandomCircuits(String name, SimulatorOptions opt) {
        try (Simulator sim = new Simulator(opt)) {
            for (int n = 7; n <= 10; n++) {
                for (int pq : new int[] {1, 2, 4, n - 1}) {
                    long seed = 100L * n + pq;
                    Circuit c = DenseReference.randomCircuit(n, 60, seed, true);
                    double[] theta = DenseReference.randomTheta(c, seed + 7);
                    StateVector one = DenseReference.randomState(n, seed + 13);
                    double[][] ref = DenseReference.run(c, theta, one.re(), one.im());
                    StateVector s = paged(one, pq);
                    assertEquals(1 << (n - pq), s.numPages());
                    sim.apply(c, theta, s);
                    double err = s.maxDifference(StateVector.of(ref[0], ref[1]));
                    assertTrue(err < 1e-12, name + ": n=" + n + " pages of 2^" + pq + " error " + err);
                }
            }
        }
    }

    @Test
    void oneQubitGatesOnPageQubitsPairPagesLikeTheirMatrix() {
        int n = 9, pq = 5;
        for (boolean vector : new boolean[] {true, false}) {
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withVector(vector).withThreads(2))) {
                for (int q = pq; q < n; q++) {
                    Circuit c = Circuit.builder(n).add(Gate.U3, new double[] {0.3 + q, -0.7, 1.1}, q)
                            .add(Gate.H, q).add(Gate.RX, 0.4, q).build();
                    StateVector one = DenseReference.randomState(n, 31 + q);
                    double[][] ref = DenseReference.run(c, new double[0], one.re(), one.im());
                    StateVector s = paged(one, pq);
                    sim.apply(c, new double[0], s);
                    assertTrue(s.maxDifference(StateVector.of(ref[0], ref[1])) < 1e-13, "qubit " + q);
                }
            }
        }
    }

    @Test
    void controlledXWithItsTargetOnAPageQubitSwapsPagesLikeItsMatrix() {
        int n = 9, pq = 5;
        for (SimulatorOptions opt : new SimulatorOptions[] {SimulatorOptions.defaults(),
                SimulatorOptions.defaults().unoptimized().withThreads(1)}) {
            try (Simulator sim = new Simulator(opt)) {
                Circuit c = Circuit.builder(n).add(Gate.CX, 0, 7).add(Gate.CX, 6, 8).add(Gate.CCX, 1, 5, 6)
                        .add(Gate.CCX, 7, 8, 5).add(Gate.X, 8).add(Gate.MCX, 0, 2, 7, 6).add(Gate.CX, 3, 4).build();
                StateVector one = DenseReference.randomState(n, 41);
                double[][] ref = DenseReference.run(c, new double[0], one.re(), one.im());
                StateVector s = paged(one, pq);
                sim.apply(c, new double[0], s);
                assertEquals(0.0, s.maxDifference(StateVector.of(ref[0], ref[1])), 1e-15, opt.toString());
            }
        }
    }

    @Test
    void measurementsOfPagedStatesEqualThoseOfOneArray() {
        int n = 9;
        StateVector one = DenseReference.randomState(n, 5);
        PauliSum h = PauliSum.parse("0.5*X8 Y1 Z6 - 1.2*Z8 Z7 X0 + 0.3*Y7 Y8 + 0.9*X2 Z3 - 0.4*Y6");
        for (int pq : new int[] {1, 3, 6, 8}) {
            StateVector s = paged(one, pq);
            assertEquals(Measurements.norm(one), Measurements.norm(s), 1e-13);
            assertArrayEquals(Measurements.probabilities(one), Measurements.probabilities(s), 1e-15);
            assertArrayEquals(Measurements.marginal(one, 8, 0, 5), Measurements.marginal(s, 8, 0, 5), 1e-14);
            assertArrayEquals(Measurements.expectationZAll(one), Measurements.expectationZAll(s), 1e-13);
            assertEquals(Measurements.expectation(one, h), Measurements.expectation(s, h), 1e-13, "pages 2^" + pq);
            StateVector other = DenseReference.randomState(n, 6);
            assertArrayEquals(Measurements.innerProduct(one, other), Measurements.innerProduct(s, paged(other, pq)), 1e-13);
            assertArrayEquals(Measurements.innerProduct(one, other), Measurements.innerProduct(s, other), 1e-13);
            assertEquals(Measurements.sample(one, 2000, 77), Measurements.sample(s, 2000, 77));
        }
    }

    @Test
    void adjointGradientsOnPagedStatesEqualThoseOnOneArray() {
        int n = 8;
        Circuit c = DenseReference.randomCircuit(n, 50, 17, true);
        double[] theta = DenseReference.randomTheta(c, 19);
        PauliSum h = PauliSum.parse("Z7 Z0 + 0.7*X7 X6 - 0.2*Y5 Z7 + 0.4*X1");
        double[] weights = new double[1 << n];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = rnd.nextDouble() - 0.5;
        }
        Gradient refH, refW;
        try (Simulator sim = new Simulator(SimulatorOptions.defaults())) {
            refH = new AdjointGradient(sim).compute(c, theta, h);
            refW = new AdjointGradient(sim).diagonal(c, theta, weights);
        }
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withPageQubits(3))) {
            assertEquals(32, sim.run(c, theta).numPages());
            Gradient g = new AdjointGradient(sim).compute(c, theta, h);
            assertEquals(refH.value(), g.value(), 1e-12);
            assertArrayEquals(refH.gradient(), g.gradient(), 1e-11);
            Gradient w = new AdjointGradient(sim).diagonal(c, theta, weights);
            assertEquals(refW.value(), w.value(), 1e-12);
            assertArrayEquals(refW.gradient(), w.gradient(), 1e-11);
        }
    }

    @Test
    void pagedResultsAreBitIdenticalForAnyThreadCount() {
        int n = 12;
        Circuit c = DenseReference.randomCircuit(n, 80, 8, true);
        double[] theta = DenseReference.randomTheta(c, 9);
        StateVector first = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(threads).withTileQubits(6)
                    .withPageQubits(8))) {
                StateVector s = sim.run(c, theta);
                if (first == null) {
                    first = s;
                } else {
                    assertEquals(0.0, s.maxDifference(first), threads + " threads");
                }
            }
        }
    }

    @Test
    void wholeArrayAccessToAPagedStateIsAClearError() {
        StateVector s = StateVector.zero(6, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::re);
        assertTrue(e.getMessage().contains("4 pages of 2^4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StateVector.zero(6, 7));
        assertThrows(IllegalArgumentException.class, () -> StateVector.zero(6, 0));
        assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.defaults().withPageQubits(31));
        assertEquals(1.0, s.re(0));
        assertEquals(StateVector.DEFAULT_PAGE_QUBITS, StateVector.defaultPageQubits(27));
        assertEquals(20, StateVector.defaultPageQubits(20));
    }

    @Test
    void aStateLargerThanTheWholeHeapIsRefusedBeforeAnythingIsAllocated() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 16L << 30, "a 16 GiB heap");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StateVector.zero(30));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("16.0 GiB (a state vector of 30 qubits: "
                + "16.0 GiB) is more than this JVM's whole heap"), e.getMessage());
    }
}
