package org.qtune.sim.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.ParameterSplit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.ansatz.DataReuploading;

/**
 * The tiled QTHA circuit against the general batched program and its adjoint (a second code path:
 * gate by gate, no fusion of the encoding, one-qubit rotations un-applied one at a time), and its
 * gradients against central differences of its own forward.
 */
class QthaTilesTest {
    record Setup(Circuit circuit, List<String> weights, double[] w, double[][] x, double[][] up) {
    }

    static Setup setup(int n, int layers, boolean entangle, int batch, long seed) {
        Circuit c = DataReuploading.qtha(n, layers, entangle);
        List<String> names = ParameterSplit.of(c, DataReuploading.inputs(n)).weightNames();
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = r.doubles(names.size(), -3, 3).toArray();
        double[][] x = new double[batch][], up = new double[batch][];
        for (int b = 0; b < batch; b++) {
            x[b] = r.doubles(n, -2.5, 2.5).toArray();
            up[b] = r.doubles(n, -1, 1).toArray();
        }
        return new Setup(c, names, w, x, up);
    }

    @ParameterizedTest
    @CsvSource({"1, 2, true, 5", "2, 1, true, 9", "3, 3, true, 37", "5, 2, false, 70", "6, 2, true, 65",
                "8, 2, true, 33", "8, 1, true, 1", "4, 4, true, 129"})
    void equalsTheGeneralProgramAndAdjoint(int n, int layers, boolean entangle, int batch) {
        Setup s = setup(n, layers, entangle, batch, 7L * n + layers);
        List<String> inputs = DataReuploading.inputs(n);
        ParameterSplit split = ParameterSplit.of(s.circuit(), inputs);
        BatchParameters p = new BatchParameters(batch, s.circuit().numParameters());
        for (int q = 0; q < n; q++) {
            double[] col = new double[batch];
            for (int b = 0; b < batch; b++) {
                col[b] = s.x()[b][q];
            }
            p.perMember(split.inputIndex()[q], col);
        }
        for (int k = 0; k < s.w().length; k++) {
            p.shared(split.weightIndex()[k], s.w()[k]);
        }
        List<PauliString> z = new java.util.ArrayList<>();
        double[][] upT = new double[n][batch];
        for (int q = 0; q < n; q++) {
            z.add(new PauliString(0, 1L << q));
            for (int b = 0; b < batch; b++) {
                upT[q][b] = s.up()[b][q];
            }
        }
        try (BatchProgram program = BatchProgram.compile(s.circuit(), inputs);
             QthaTiles tiles = new QthaTiles(n, layers, entangle, s.weights(), 1)) {
            BatchState psi = program.run(p);
            tiles.setWeights(s.w());
            double[][] out = tiles.forward(s.x());
            for (int q = 0; q < n; q++) {
                double[] e = psi.expectation(z.get(q));
                for (int b = 0; b < batch; b++) {
                    assertEquals(e[b], out[b][q], 1e-13, "row " + b + " qubit " + q);
                }
            }
            BatchGradient g = new BatchAdjoint(program).computeFrom(p, psi, z, upT);
            QthaTiles.Gradients t = tiles.backward(s.up());
            for (int q = 0; q < n; q++) {
                double[] col = g.perMember()[split.inputIndex()[q]];
                for (int b = 0; b < batch; b++) {
                    assertEquals(col[b], t.inputs()[b][q], 1e-12, "d/dx row " + b + " qubit " + q);
                }
            }
            for (int k = 0; k < s.w().length; k++) {
                assertEquals(g.shared()[split.weightIndex()[k]], t.weights()[k], 1e-11, s.weights().get(k));
            }
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        int n = 3, layers = 2;
        Setup s = setup(n, layers, true, 4, 3);
        try (QthaTiles tiles = new QthaTiles(n, layers, true, s.weights(), 1)) {
            tiles.setWeights(s.w());
            tiles.forward(s.x());
            QthaTiles.Gradients g = tiles.backward(s.up());
            double h = 1e-5;
            for (int k = 0; k < s.w().length; k++) {
                double[] wp = s.w().clone(), wm = s.w().clone();
                wp[k] += h;
                wm[k] -= h;
                tiles.setWeights(wp);
                double fp = weighted(tiles.forward(s.x()), s.up());
                tiles.setWeights(wm);
                double fm = weighted(tiles.forward(s.x()), s.up());
                assertEquals((fp - fm) / (2 * h), g.weights()[k], 1e-8, s.weights().get(k));
            }
            tiles.setWeights(s.w());
            for (int b = 0; b < 4; b++) {
                for (int q = 0; q < n; q++) {
                    double[][] xp = copy(s.x()), xm = copy(s.x());
                    xp[b][q] += h;
                    xm[b][q] -= h;
                    double d = (weighted(tiles.forward(xp), s.up()) - weighted(tiles.forward(xm), s.up())) / (2 * h);
                    assertEquals(d, g.inputs()[b][q], 1e-8);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Setup s = setup(6, 2, true, 300, 11);
        try (QthaTiles one = new QthaTiles(6, 2, true, s.weights(), 1);
             QthaTiles three = new QthaTiles(6, 2, true, s.weights(), 3)) {
            one.setWeights(s.w());
            three.setWeights(s.w());
            double[][] a = one.forward(s.x()), b = three.forward(s.x());
            for (int r = 0; r < a.length; r++) {
                assertArrayEquals(a[r], b[r], 0);
            }
            QthaTiles.Gradients ga = one.backward(s.up()), gb = three.backward(s.up());
            assertArrayEquals(ga.weights(), gb.weights(), 0);
            for (int r = 0; r < a.length; r++) {
                assertArrayEquals(ga.inputs()[r], gb.inputs()[r], 0);
            }
        }
    }

    @Test
    void badCallsAreRefused() {
        Setup s = setup(3, 1, true, 2, 1);
        try (QthaTiles t = new QthaTiles(3, 1, true, s.weights(), 1)) {
            assertThrows(IllegalStateException.class, () -> t.backward(s.up()));
            assertThrows(IllegalArgumentException.class, () -> t.forward(new double[0][]));
            assertThrows(IllegalArgumentException.class, () -> t.forward(new double[][] {{1, 2}}));
            assertThrows(IllegalArgumentException.class, () -> t.setWeights(new double[3]));
            t.forward(s.x());
            assertThrows(IllegalArgumentException.class, () -> t.backward(new double[][] {{1, 2, 3}}));
        }
        assertThrows(IllegalArgumentException.class, () -> new QthaTiles(3, 2, true, s.weights(), 1));
        assertThrows(IllegalArgumentException.class, () -> new QthaTiles(13, 1, true, List.of(), 1));
    }

    static double weighted(double[][] out, double[][] up) {
        double sum = 0;
        for (int b = 0; b < out.length; b++) {
            for (int q = 0; q < out[b].length; q++) {
                sum += up[b][q] * out[b][q];
            }
        }
        return sum;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
