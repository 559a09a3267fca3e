package org.qtune.sim;

import org.qtune.testing.DenseReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;

/**
 * Gates compiled once run like gates compiled where used: all at once on chunks, one by one on chunks
 * or on whole (paged) states; and one compiled object serves several threads at once.
 */
class CompiledGatesTest {
    static final int N = 11;
    static final int LOCAL = 8;

    /** A random circuit's gates that keep their dense targets below LOCAL (see ChunkTest). */
    static List<BoundGate> chunkLocalGates(long seed) {
        List<BoundGate> keep = new ArrayList<>();
        for (BoundGate g : Simulator.bind(DenseReference.randomCircuit(N, 120, 900 + seed, false), new double[0])) {
            boolean ok = g.isDiagonal();
            if (!ok) {
                ok = true;
                int[] q = g.qubits();
                for (int j = g.isControlledPermutation() ? g.numControls() : 0; j < q.length; j++) {
                    ok &= q[j] < LOCAL;
                }
            }
            if (ok) {
                keep.add(g);
            }
        }
        return keep;
    }

    static double[][] chunk(StateVector s, int c) {
        return new double[][] {Arrays.copyOfRange(s.re(), c << LOCAL, (c + 1) << LOCAL),
                Arrays.copyOfRange(s.im(), c << LOCAL, (c + 1) << LOCAL)};
    }

    @Test
    void gatesCompiledOnceForChunksRunAsGatesCompiledPerChunkWhetherAllAtOnceOrOneByOne() {
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withTileQubits(6))) {
            for (long seed = 0; seed < 3; seed++) {
                List<BoundGate> gates = chunkLocalGates(seed);
                StateVector s = DenseReference.randomState(N, seed);
                CompiledGates all = sim.compileForChunks(gates, LOCAL, N, false);
                CompiledGates each = sim.compileForChunks(gates, LOCAL, N, true);
                assertEquals(gates.size(), each.size());
                for (int c = 0; c < 1 << (N - LOCAL); c++) {
                    double[][] perCall = chunk(s, c), once = chunk(s, c), byGate = chunk(s, c);
                    sim.applyToChunk(gates, perCall[0], perCall[1], N, c);
                    sim.applyToChunk(all, once[0], once[1], c);
                    for (int i = 0; i < each.size(); i++) {
                        sim.applyGate(each, i, byGate[0], byGate[1], c);
                    }
                    assertArrayEquals(perCall[0], once[0], 0, "seed " + seed + " chunk " + c);
                    assertArrayEquals(perCall[1], once[1], 0);
                    for (int i = 0; i < byGate[0].length; i++) {
                        assertEquals(perCall[0][i], byGate[0][i], 1e-12);
                        assertEquals(perCall[1][i], byGate[1][i], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void gatesCompiledOneByOneForPagedStatesRunAsEachMatrixAppliedAlone() {
        Circuit c = DenseReference.randomCircuit(7, 80, 17, false);
        List<BoundGate> gates = Simulator.bind(c, new double[0]);
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withPageQubits(4).withTileQubits(6))) {
            StateVector byMatrix = sim.run(Circuit.builder(7).build());
            StateVector byCompiled = byMatrix.copy();
            CompiledGates each = sim.compileEach(gates, 7, 4);
            for (int i = 0; i < gates.size(); i++) {
                sim.applyMatrix(byMatrix, gates.get(i).qubits(), gates.get(i).matrix());
                sim.applyGate(each, i, byCompiled);
            }
            assertEquals(0, byMatrix.maxDifference(byCompiled));
            assertThrows(IllegalArgumentException.class, () -> sim.applyGate(each, 0, StateVector.zero(7, 3)));
        }
    }

    @Test
    void oneCompiledObjectRunsOnTwoThreadsAtOnceAsOnOne() throws Exception {
        List<BoundGate> gates = chunkLocalGates(7);
        StateVector s = DenseReference.randomState(N, 7);
        try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1).withTileQubits(6))) {
            CompiledGates all = sim.compileForChunks(gates, LOCAL, N, false);
            int chunks = 1 << (N - LOCAL);
            double[][][] alone = new double[chunks][][];
            for (int c = 0; c < chunks; c++) {
                alone[c] = chunk(s, c);
                sim.applyToChunk(all, alone[c][0], alone[c][1], c);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    List<Future<double[][]>> fs = new ArrayList<>();
                    for (int c = 0; c < chunks; c++) {
                        int chunk = c;
                        fs.add(pool.submit(() -> {
                            double[][] x = chunk(s, chunk);
                            sim.applyToChunk(all, x[0], x[1], chunk);
                            return x;
                        }));
                    }
                    for (int c = 0; c < chunks; c++) {
                        double[][] x = fs.get(c).get();
                        assertArrayEquals(alone[c][0], x[0], 0);
                        assertArrayEquals(alone[c][1], x[1], 0);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
