package org.qtune.sim;

import org.qtune.testing.DenseReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A state cut into chunks (index bits below L the offset, the rest the chunk number): the chunks'
 * partial marginals, Z strings and Z's, added up, are the whole state's, computed here index by index.
 */
class ChunkMeasurementsTest {
    static final int N = 9;

    static double probability(StateVector s, int i) {
        return s.re(i) * s.re(i) + s.im(i) * s.im(i);
    }

    static double[][] chunk(StateVector s, int local, int c) {
        return new double[][] {Arrays.copyOfRange(s.re(), c << local, (c + 1) << local),
                Arrays.copyOfRange(s.im(), c << local, (c + 1) << local)};
    }

    @Test
    void chunksAddUpToTheWholeStatesMarginalOverQubitsInsideAndOutsideTheChunk() {
        StateVector s = DenseReference.randomState(N, 3);
        int[] qubits = {7, 0, 4, 8, 2};
        double[] expected = new double[1 << qubits.length];
        for (int i = 0; i < s.dimension(); i++) {
            int v = 0;
            for (int j = 0; j < qubits.length; j++) {
                v |= ((i >>> qubits[j]) & 1) << j;
            }
            expected[v] += probability(s, i);
        }
        for (int local : new int[] {3, 5, N}) {
            double[] m = new double[expected.length];
            for (int c = 0; c < 1 << (N - local); c++) {
                double[][] a = chunk(s, local, c);
                ChunkMeasurements.addMarginal(a[0], a[1], c, qubits, m);
            }
            assertArrayEquals(expected, m, 1e-14, "chunks of 2^" + local);
        }
    }

    @Test
    void chunksAddUpToTheWholeStatesZStringsAndEveryZ() {
        StateVector s = DenseReference.randomState(N, 4);
        long zMask = (1L << 1) | (1L << 5) | (1L << 8);
        double zString = 0, mass = 0;
        double[] z = new double[N];
        for (int i = 0; i < s.dimension(); i++) {
            double p = probability(s, i);
            zString += (Long.bitCount(i & zMask) & 1) == 0 ? p : -p;
            mass += p;
            for (int q = 0; q < N; q++) {
                z[q] += (i >>> q & 1) == 0 ? p : -p;
            }
        }
        for (int local : new int[] {2, 6, N}) {
            double zs = 0;
            double[] all = new double[N + 1];
            for (int c = 0; c < 1 << (N - local); c++) {
                double[][] a = chunk(s, local, c);
                zs += ChunkMeasurements.zString(a[0], a[1], c, zMask);
                ChunkMeasurements.addZAll(a[0], a[1], c, N, all);
            }
            assertEquals(zString, zs, 1e-14, "chunks of 2^" + local);
            assertArrayEquals(z, Arrays.copyOf(all, N), 1e-14);
            assertEquals(mass, all[N], 1e-14);
        }
    }
}
