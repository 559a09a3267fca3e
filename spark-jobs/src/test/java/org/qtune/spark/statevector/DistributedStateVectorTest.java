package org.qtune.spark.statevector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.testing.SparkTestContext;

class DistributedStateVectorTest {
    static final JavaSparkContext SC = SparkTestContext.get();

    static Circuit randomCircuit(int n, int gates, long seed) {
        return org.qtune.spark.testing.RandomCircuits.of(n, gates, seed);
    }

    static StateVector local(Circuit c) {
        try (Simulator sim = new Simulator()) {
            return sim.run(c);
        }
    }

    @Test
    void randomCircuitsEqualTheLocalSimulatorForAnyPartitionCount() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            int n = 4 + rnd.nextInt(9);
            int maxG = Math.min(5, n - 3);
            int partitions = 1 << (1 + rnd.nextInt(maxG));
            Circuit c = randomCircuit(n, 60, 100 + trial);
            try (DistributedStateVector d = DistributedStateVector.zero(SC, n, partitions).maxPiece(4)) {
                DistributedStateVector.RunStats stats = d.apply(c, new double[0]);
                double err = d.collect().maxDifference(local(c));
                assertTrue(err < 1e-10, "n=" + n + " partitions=" + partitions + " error " + err + " " + stats);
            }
        }
    }

    @Test
    void randomCircuitsUpTo22QubitsEqualTheLocalSimulator() {
        for (int[] c : new int[][] {{20, 32}, {22, 4}}) {
            int n = c[0], partitions = c[1];
            Circuit circuit = randomCircuit(n, 80, 900 + n);
            try (DistributedStateVector d = DistributedStateVector.zero(SC, n, partitions)) {
                d.apply(circuit, new double[0]);
                double err = d.collect().maxDifference(local(circuit));
                assertTrue(err < 1e-10, "n=" + n + " on " + partitions + " partitions: error " + err);
            }
        }
    }

    @Test
    void aLargerStateAgreesAndItsMeasurementsNeedNoCollect() {
        int n = 16;
        Circuit c = randomCircuit(n, 150, 77);
        StateVector ref = local(c);
        try (DistributedStateVector d = DistributedStateVector.zero(SC, n, 8)) {
            d.apply(c, new double[0]);
            assertTrue(d.collect().maxDifference(ref) < 1e-10);
            assertEquals(1.0, d.normSquared(), 1e-12);
            double[] z = d.expectationZAll(), zr = Measurements.expectationZAll(ref);
            for (int q = 0; q < n; q++) {
                assertEquals(zr[q], z[q], 1e-12, "Z" + q);
            }
            PauliSum h = PauliSum.parse("0.5*Z0 Z15 - 1.2*X3 + 0.7*Y2 X14 Z9 + 0.1");
            assertEquals(Measurements.expectation(ref, h), d.expectation(h), 1e-12);
            // the measurement on a rotated copy left the state itself untouched
            assertTrue(d.collect().maxDifference(ref) < 1e-10);
        }
    }

    @Test
    void remapsAreBatchedAndMoveExactlyTheBound() {
        int n = 14;
        Circuit hea = HardwareEfficient.builder(n).layers(4).entangler(HardwareEfficient.Entangler.CX)
                .finalRotations(true).build();
        double[] theta = new SplittableRandom(3).doubles(hea.numParameters(), -1, 1).toArray();
        try (DistributedStateVector d = DistributedStateVector.zero(SC, n, 8)) {
            DistributedStateVector.RunStats s = d.apply(hea, theta);
            try (Simulator sim = new Simulator()) {
                assertTrue(d.collect().maxDifference(sim.run(hea, theta)) < 1e-10);
            }
            assertTrue(s.gatesNeedingGlobalQubits() >= 24, s.toString());
            assertTrue(s.remaps() * 3 <= s.gatesNeedingGlobalQubits(), "remaps not batched: " + s);
            assertEquals(s.remapBoundBytes(), s.shuffledBytes(), s.toString());
        }
    }

    @Test
    void anXOnAGlobalQubitMovesNoData() {
        int n = 8;
        Circuit c = Circuit.builder(n).add(Gate.H, 0).add(Gate.X, 7).add(Gate.X, 6).add(Gate.CZ, 7, 0).add(Gate.RZ, 0.3, 6).build();
        try (DistributedStateVector d = DistributedStateVector.zero(SC, n, 4)) {
            DistributedStateVector.RunStats s = d.apply(c, new double[0]);
            assertEquals(0, s.remaps());
            assertEquals(2, s.flips());
            assertTrue(d.collect().maxDifference(local(c)) < 1e-12);
        }
    }

    @Test
    void everyUnitaryQasmBenchCircuitEqualsTheLocalSimulator() throws java.io.IOException {
        var circuits = org.qtune.spark.testing.QasmBenchFiles.loadableCircuits();
        assertTrue(circuits.size() >= 30);
        for (Circuit c : circuits) {
            int n = c.numQubits();
            int partitions = 1 << Math.min(3, n - 2 < 1 ? 0 : n - 2);
            if (partitions < 2) {
                continue;
            }
            try (DistributedStateVector d = DistributedStateVector.zero(SC, n, partitions)) {
                d.apply(c, new double[0]);
                double err = d.collect().maxDifference(local(c));
                assertTrue(err < 1e-10, c + " on " + partitions + " partitions: error " + err);
            }
        }
    }

    @Test
    void topProbabilitiesMatchTheLocalOnes() {
        Circuit c = randomCircuit(10, 80, 12);
        StateVector ref = local(c);
        try (DistributedStateVector d = DistributedStateVector.zero(SC, 10, 8)) {
            d.apply(c, new double[0]);
            var top = d.topProbabilities(5);
            double[] p = Measurements.probabilities(ref);
            Integer[] idx = new Integer[p.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
            for (int i = 0; i < 5; i++) {
                assertEquals((long) idx[i], top.get(i).index());
                assertEquals(p[idx[i]], top.get(i).probability(), 1e-14);
            }
        }
    }

    @Test
    void marginalsProbabilitiesAndSamplesMatchTheLocalState() {
        int n = 11;
        Circuit c = randomCircuit(n, 90, 31);
        StateVector ref = local(c);
        try (DistributedStateVector d = DistributedStateVector.zero(SC, n, 8)) {
            d.apply(c, new double[0]);
            int[] qs = {10, 0, 7};
            double[] m = d.marginal(qs), mr = Measurements.marginal(ref, qs);
            for (int v = 0; v < m.length; v++) {
                assertEquals(mr[v], m[v], 1e-13);
            }
            long[] idx = {0, 5, 1023, 2047, 1500};
            double[] p = d.probabilities(idx);
            for (int i = 0; i < idx.length; i++) {
                assertEquals(Measurements.probability(ref, (int) idx[i]), p[i], 1e-15);
            }
            var a = d.sample(20_000, 9);
            assertEquals(a, d.sample(20_000, 9), "same seed, same samples");
            assertEquals(20_000, a.values().stream().mapToInt(Integer::intValue).sum());
            // chi-square-like check of the sample against the exact distribution
            double[] probs = Measurements.probabilities(ref);
            double worst = 0;
            for (var e : a.entrySet()) {
                double expected = 20_000 * probs[(int) (long) e.getKey()];
                worst = Math.max(worst, Math.abs(e.getValue() - expected) / Math.sqrt(expected + 1));
            }
            assertTrue(worst < 5.5, "a count is " + worst + " standard deviations off");
        }
    }

    @Test
    void checkpointsCutTheLineageWithoutChangingTheResult(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        SC.setCheckpointDir(dir.toUri().toString());
        Circuit c = randomCircuit(10, 120, 41);
        try (DistributedStateVector d = DistributedStateVector.zero(SC, 10, 8).checkpointEvery(2)) {
            DistributedStateVector.RunStats s = d.apply(c, new double[0]);
            assertTrue(s.epochs() >= 3, s.toString());
            assertTrue(d.collect().maxDifference(local(c)) < 1e-10);
            try (var files = java.nio.file.Files.walk(dir)) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("part-")),
                        "no checkpoint files under " + dir);
            }
        }
    }

    @Test
    void badPartitionCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DistributedStateVector.zero(SC, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> DistributedStateVector.zero(SC, 4, 16));
    }
}
