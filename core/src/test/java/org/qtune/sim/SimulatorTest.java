package org.qtune.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.testing.DenseReference;

class SimulatorTest {

    static Stream<Arguments> configurations() {
        SimulatorOptions d = SimulatorOptions.defaults();
        return Stream.of(
                Arguments.of("unoptimized scalar 1 thread", d.unoptimized().withVector(false).withThreads(1)),
                Arguments.of("unoptimized vector", d.unoptimized()),
                Arguments.of("fusion only", d.withBlocking(false)),
                Arguments.of("fusion up to 5 qubits", d.withBlocking(false).withMaxFusedQubits(5)),
                Arguments.of("blocking with 6-qubit tiles", d.withTileQubits(6)),
                Arguments.of("blocking, no fusion, 7-qubit tiles", d.withTileQubits(7).withFusion(false)),
                Arguments.of("blocking 6-qubit tiles scalar 3 threads", d.withTileQubits(6).withVector(false).withThreads(3)),
                Arguments.of("defaults", d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyConfigurationMatchesTheDenseReferenceOnRandomCircuits(String name, SimulatorOptions opt) {
        try (Simulator sim = new Simulator(opt)) {
            for (int n = 1; n <= 11; n++) {
                for (int trial = 0; trial < 3; trial++) {
                    long seed = 1000L * n + trial;
                    Circuit c = DenseReference.randomCircuit(n, 40, seed, true);
                    double[] theta = DenseReference.randomTheta(c, seed + 7);
                    StateVector s = DenseReference.randomState(n, seed + 13);
                    double[][] ref = DenseReference.run(c, theta, s.re(), s.im());
                    sim.apply(c, theta, s);
                    double err = s.maxDifference(StateVector.of(ref[0], ref[1]));
                    assertTrue(err < 1e-12, name + ": n=" + n + " trial " + trial + " error " + err);
                }
            }
        }
    }

    @Test
    void largeStatesGiveTheSameAmplitudesFusedBlockedThreadedOrNot() {
        int n = 17;
        Circuit c = DenseReference.randomCircuit(n, 120, 99, true);
        double[] theta = DenseReference.randomTheta(c, 5);
        SimulatorOptions d = SimulatorOptions.defaults();
        StateVector ref;
        try (Simulator sim = new Simulator(d.unoptimized().withThreads(1))) {
            ref = DenseReference.randomState(n, 3);
            sim.apply(c, theta, ref);
        }
        for (SimulatorOptions opt : List.of(d.withThreads(1), d.withThreads(2), d.withThreads(4),
                d.withTileQubits(10).withThreads(3), d.unoptimized().withThreads(4), d.withBlocking(false))) {
            try (Simulator sim = new Simulator(opt)) {
                StateVector s = DenseReference.randomState(n, 3);
                sim.apply(c, theta, s);
                assertTrue(s.maxDifference(ref) < 1e-12, opt + " differs by " + s.maxDifference(ref));
            }
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        int n = 16;
        Circuit c = DenseReference.randomCircuit(n, 80, 4, true);
        double[] theta = DenseReference.randomTheta(c, 6);
        StateVector one = null;
        for (int threads : new int[] {1, 2, 3, 5}) {
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(threads).withTileQubits(12))) {
                StateVector s = sim.run(c, theta);
                if (one == null) {
                    one = s;
                } else {
                    assertEquals(0.0, s.maxDifference(one), "threads=" + threads);
                }
            }
        }
    }

    @Test
    void normIsPreserved() {
        try (Simulator sim = new Simulator()) {
            for (int n = 2; n <= 18; n += 4) {
                Circuit c = DenseReference.randomCircuit(n, 100, n, false);
                StateVector s = sim.run(c);
                assertEquals(1.0, Measurements.norm(s), 1e-12, "n=" + n);
            }
        }
    }

    @Test
    void ghzStateHasTwoEqualAmplitudes() {
        int n = 20;
        Circuit.Builder b = Circuit.builder(n).add(Gate.H, 0);
        for (int q = 1; q < n; q++) {
            b.add(Gate.CX, q - 1, q);
        }
        try (Simulator sim = new Simulator()) {
            StateVector s = sim.run(b.build());
            double h = 1 / Math.sqrt(2);
            assertEquals(h, s.re(0), 1e-14);
            assertEquals(h, s.re((1 << n) - 1), 1e-14);
            assertEquals(1.0, Measurements.probability(s, 0) + Measurements.probability(s, (1 << n) - 1), 1e-14);
        }
    }

    @Test
    void bernsteinVaziraniRevealsTheHiddenString() {
        int n = 12; // n data qubits + 1 ancilla
        int secret = 0b101101110011;
        Circuit.Builder b = Circuit.builder(n + 1).add(Gate.X, n).add(Gate.H, n);
        for (int q = 0; q < n; q++) {
            b.add(Gate.H, q);
        }
        for (int q = 0; q < n; q++) {
            if ((secret >>> q & 1) != 0) {
                b.add(Gate.CX, q, n);
            }
        }
        for (int q = 0; q < n; q++) {
            b.add(Gate.H, q);
        }
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withTileQubits(8))) {
            StateVector s = sim.run(b.build());
            double[] m = Measurements.marginal(s, java.util.stream.IntStream.range(0, n).toArray());
            assertEquals(1.0, m[secret], 1e-12);
        }
    }

    @Test
    void qftOfABasisStateHasFourierPhases() {
        int n = 9;
        for (int x : new int[] {0, 1, 5, 300, 511}) {
            Circuit.Builder b = Circuit.builder(n);
            for (int q = 0; q < n; q++) {
                if ((x >>> q & 1) != 0) {
                    b.add(Gate.X, q);
                }
            }
            // textbook QFT on little-endian qubits: process the most significant qubit first, then reverse
            for (int j = n - 1; j >= 0; j--) {
                b.add(Gate.H, j);
                for (int k = j - 1; k >= 0; k--) {
                    b.add(Gate.CP, Math.PI / (1 << (j - k)), k, j);
                }
            }
            for (int q = 0; q < n / 2; q++) {
                b.add(Gate.SWAP, q, n - 1 - q);
            }
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withTileQubits(6))) {
                StateVector s = sim.run(b.build());
                double norm = 1 / Math.sqrt(1 << n);
                for (int y = 0; y < (1 << n); y++) {
                    double phase = 2 * Math.PI * x * y / (1 << n);
                    assertEquals(norm * Math.cos(phase), s.re(y), 1e-12, "x=" + x + " y=" + y);
                    assertEquals(norm * Math.sin(phase), s.im(y), 1e-12, "x=" + x + " y=" + y);
                }
            }
        }
    }

    @Test
    void aCircuitWiderThanTheStateIsRejected() {
        try (Simulator sim = new Simulator()) {
            Circuit c = Circuit.builder(3).add(Gate.H, 2).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.apply(c, new double[0], StateVector.zero(2)));
            assertTrue(e.getMessage().contains("does not fit"));
        }
    }

    @Test
    void wrongNumberOfParameterValuesIsRejected() {
        Circuit c = Circuit.builder(1).add(Gate.RX, org.qtune.circuit.Parameter.of("a"), 0).build();
        try (Simulator sim = new Simulator()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.run(c, new double[2]));
            assertTrue(e.getMessage().contains("1 parameter"));
        }
    }

    @Test
    void blockingCutsTheNumberOfPassesOverMemory() {
        int n = 20;
        Circuit c = org.qtune.circuit.ansatz.HardwareEfficient.builder(n).layers(4).build();
        double[] theta = DenseReference.randomTheta(c, 1);
        try (Simulator blocked = new Simulator(SimulatorOptions.defaults());
             Simulator plain = new Simulator(SimulatorOptions.defaults().unoptimized())) {
            int passes = blocked.countPasses(c, theta, n);
            int unfused = plain.countPasses(c, theta, n);
            assertTrue(passes <= 12, "passes: " + passes);
            assertTrue(unfused >= c.size(), "unfused passes: " + unfused);
        }
    }
}
