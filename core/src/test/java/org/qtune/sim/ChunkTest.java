package org.qtune.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.testing.DenseReference;

class ChunkTest {
    /**
     * Gates whose non-diagonal targets are all below L, run chunk by chunk, equal the whole-state run:
     * diagonal gates and X/SWAP controls on the chunk-index qubits read their bits from the index.
     */
    @Test
    void chunkByChunkEqualsTheWholeStateWhenDenseTargetsAreLocal() {
        int n = 12, local = 8;
        for (long seed = 0; seed < 5; seed++) {
            Circuit random = DenseReference.randomCircuit(n, 150, 300 + seed, false);
            List<BoundGate> keep = new ArrayList<>();
            for (BoundGate g : Simulator.bind(random, new double[0])) {
                int[] q = g.qubits();
                boolean ok = g.isDiagonal();
                if (!ok) {
                    ok = true;
                    int from = g.isControlledPermutation() ? g.numControls() : 0;
                    for (int j = from; j < q.length; j++) {
                        ok &= q[j] < local;
                    }
                }
                if (ok) {
                    keep.add(g);
                }
            }
            StateVector whole = DenseReference.randomState(n, seed);
            StateVector chunks = whole.copy();
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withTileQubits(6))) {
                double[][] ref = {whole.re().clone(), whole.im().clone()};
                for (BoundGate g : keep) {
                    ref = DenseReference.applyMatrix(ref[0], ref[1], g.qubits(), g.matrix());
                }
                for (int c = 0; c < 1 << (n - local); c++) {
                    double[] re = java.util.Arrays.copyOfRange(chunks.re(), c << local, (c + 1) << local);
                    double[] im = java.util.Arrays.copyOfRange(chunks.im(), c << local, (c + 1) << local);
                    sim.applyToChunk(keep, re, im, n, c);
                    for (int i = 0; i < re.length; i++) {
                        double dr = Math.abs(re[i] - ref[0][(c << local) + i]), di = Math.abs(im[i] - ref[1][(c << local) + i]);
                        assertTrue(dr < 1e-12 && di < 1e-12, "seed " + seed + " chunk " + c + " index " + i);
                    }
                }
            }
        }
    }

    @Test
    void aDenseGateOnAChunkIndexQubitIsRejected() {
        try (Simulator sim = new Simulator()) {
            List<BoundGate> g = Simulator.bind(Circuit.builder(4).add(Gate.H, 3).build(), new double[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sim.applyToChunk(g, new double[4], new double[4], 4, 1));
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
    }
}
