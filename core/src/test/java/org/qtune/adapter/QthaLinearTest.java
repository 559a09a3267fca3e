package org.qtune.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qtune.model.Linear;

/**
 * Every member of the QTHA family: the whole chain's gradients (MPOs, linears, circuit or SiLU,
 * fusion, with and without dropout) against central differences of the forward; the start as the
 * base layer; the linear members against the dense product of their parts; the parameter counts
 * against counts done by hand.
 */
class QthaLinearTest {
    static QthaConfig config(QthaArchitecture arch, double dropout) {
        return new QthaConfig(arch, 3, 2, 8, 2, 4, 6, dropout, List.of("q"));
    }

    static double[] randomParameters(QthaLinear m, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[m.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (2 * r.nextDouble() - 1) * scale;
        }
        m.setParameters(p, 0);
        return p;
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    /** sum(c . (y0 + delta(x))) with the adapter's dropout reseeded, so each call draws the same mask. */
    static double objective(QthaLinear m, float[] x, int rows, float[] c, boolean training) {
        float[] y = new float[rows * m.out()];
        m.seedDropout(7);
        m.forward(x, rows, y, training);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (double) c[i] * y[i];
        }
        return s;
    }

    static void checkGradients(QthaArchitecture arch, double dropout) {
        int in = 24, out = 12, rows = 5;
        QthaLinear m = new QthaLinear("layer", in, out, config(arch, dropout));
        double[] p = randomParameters(m, 11, 0.6);
        float[] x = random(rows * in, 12), c = random(rows * out, 13);
        boolean training = dropout > 0;
        m.zeroGradients();
        objective(m, x, rows, c, training);
        float[] dx = random(rows * in, 14);
        float[] dx0 = dx.clone();
        m.backward(x, c, rows, dx);
        double[] g = new double[p.length];
        m.gradients(g, 0);
        double eps = 1e-2;
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + eps;
            m.setParameters(p, 0);
            double plus = objective(m, x, rows, c, training);
            p[i] = keep - eps;
            m.setParameters(p, 0);
            double minus = objective(m, x, rows, c, training);
            p[i] = keep;
            double fd = (plus - minus) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - g[i]) / (1e-2 + Math.abs(fd)));
        }
        m.setParameters(p, 0);
        assertTrue(worst < 5e-3, arch + ": parameter gradient off by " + worst);
        worst = 0;
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            x[i] = (float) (keep + eps);
            double plus = objective(m, x, rows, c, training);
            x[i] = (float) (keep - eps);
            double minus = objective(m, x, rows, c, training);
            x[i] = keep;
            double fd = (plus - minus) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - (dx[i] - dx0[i])) / (1e-2 + Math.abs(fd)));
        }
        assertTrue(worst < 5e-3, arch + ": input gradient off by " + worst);
    }

    @ParameterizedTest
    @EnumSource(QthaArchitecture.class)
    void everyMembersChainMatchesCentralDifferences(QthaArchitecture arch) {
        checkGradients(arch, 0);
    }

    @ParameterizedTest
    @EnumSource(value = QthaArchitecture.class, names = {"ABC", "BC"})
    void withDropoutTheChainStillMatches(QthaArchitecture arch) {
        checkGradients(arch, 0.3);
    }

    @ParameterizedTest
    @EnumSource(QthaArchitecture.class)
    void anAdaptedLayerStartsAsTheBaseLayer(QthaArchitecture arch) {
        float[] w = random(12 * 24, 1);
        Linear lin = new Linear("encoder.layer.0.attention.self.query", 24, 12, w, null);
        QthaAdapters a = QthaAdapters.create(List.of(lin), new QthaConfig(arch, 3, 2, 8, 2, 4, 6, 0,
                List.of("query")), 5);
        float[] x = random(4 * 24, 2), y = new float[4 * 12];
        a.modules().values().iterator().next().forward(x, 4, y, true);
        assertArrayEquals(new float[4 * 12], y, arch + " changed the layer at start");
        // but not inert: the gradient of the zero-initialized part is not zero
        QthaLinear m = a.modules().values().iterator().next();
        m.backward(x, random(4 * 12, 3), 4, new float[4 * 24]);
        double[] g = new double[a.parameterCount()];
        a.gradients(g);
        assertTrue(java.util.Arrays.stream(g).anyMatch(v -> v != 0), arch + ": no gradient at start");
    }

    @ParameterizedTest
    @EnumSource(QthaArchitecture.class)
    void theLinearArchitecturesExportTheirUpdateAsALoraPairAndTheOthersRefuse(QthaArchitecture arch) throws Exception {
        float[] w = random(12 * 24, 1);
        Linear lin = new Linear("encoder.layer.0.attention.self.query", 24, 12, w, null);
        QthaAdapters a = QthaAdapters.create(List.of(lin), new QthaConfig(arch, 3, 2, 8, 2, 4, 6, 0,
                List.of("query")), 5);
        QthaLinear m = a.modules().values().iterator().next();
        randomParameters(m, 11, 0.5);
        boolean linear = arch == QthaArchitecture.A || arch == QthaArchitecture.AB;
        assertEquals(linear, m.isLinear(), arch.toString());
        if (!linear) {
            assertThrows(IllegalStateException.class, () -> a.asLora(List.of(lin)));
            return;
        }
        org.qtune.model.lora.LoraAdapters lora = a.asLora(List.of(lin));
        assertEquals(arch == QthaArchitecture.A ? 8 : 3, lora.config().rank());
        assertEquals(1.0, lora.config().scaling(), 0.0);
        org.qtune.model.lora.LoraLinear pair = lora.modules().get(lin.path());
        // the adapter's own forward on random rows against x A^T B^T in double
        int rows = 5;
        float[] x = random(rows * 24, 4), y = new float[rows * 12];
        m.forward(x, rows, y, false);
        int rank = pair.rank();
        for (int row = 0; row < rows; row++) {
            double[] t = new double[rank];
            for (int j = 0; j < rank; j++) {
                for (int i = 0; i < 24; i++) {
                    t[j] += (double) pair.a()[j * 24 + i] * x[row * 24 + i];
                }
            }
            for (int o = 0; o < 12; o++) {
                double e = 0;
                for (int j = 0; j < rank; j++) {
                    e += pair.b()[o * rank + j] * t[j];
                }
                assertEquals(e, y[row * 12 + o], 1e-5 * (1 + Math.abs(e)), arch + " row " + row + " output " + o);
            }
        }
        // and PEFT reads it back as written
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("qtha-peft");
        org.qtune.model.lora.PeftAdapter.write(dir, lora, "base", null);
        org.qtune.model.lora.LoraAdapters back = org.qtune.model.lora.PeftAdapter.read(dir, List.of(lin));
        assertArrayEquals(pair.b(), back.modules().get(lin.path()).b());
    }

    /** Dense [rows x cols] product helper in double: a [m x k] times b [k x n]. */
    static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int t = 0; t < b.length; t++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][t] * b[t][j];
                }
            }
        }
        return c;
    }

    static double[][] matrix(double[] p, int at, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = p[at + i * cols + j];
            }
        }
        return m;
    }

    static double[][] mpoDense(int[] in, int[] out, int bond, double[] p, int at) {
        int[] inner = new int[in.length - 1];
        java.util.Arrays.fill(inner, bond);
        Mpo mpo = new Mpo(in, out, inner);
        double[] cores = java.util.Arrays.copyOfRange(p, at, at + mpo.parameterCount());
        return MpoTest.bruteDense(mpo, cores);
    }

    @Test
    void theLinearMembersAreTheProductOfTheirParts() {
        int in = 24, out = 12, bn = 8, r = 3, rows = 3;
        for (QthaArchitecture arch : new QthaArchitecture[] {QthaArchitecture.A, QthaArchitecture.AB}) {
            QthaLinear m = new QthaLinear("l", in, out, config(arch, 0));
            double[] p = randomParameters(m, 21, 0.5);
            int[] inModes = MpoModes.of(in, 4), bnModes = MpoModes.of(bn, 4), outModes = MpoModes.of(out, 4);
            double[][] wa = mpoDense(inModes, bnModes, 2, p, 0);
            int at = new Mpo(inModes, bnModes, new int[] {2, 2, 2}).parameterCount();
            double[][] w = wa;
            if (arch == QthaArchitecture.AB) {
                double[][] mlpA = matrix(p, at, r, bn);
                at += r * bn;
                double[][] cw = matrix(p, at, r, r);
                at += r * r;
                double[][] mlpB = matrix(p, at, bn, r);
                at += bn * r;
                w = times(mlpB, times(cw, times(mlpA, wa)));
            }
            double[][] wb = mpoDense(bnModes, outModes, 2, p, at);
            assertEquals(p.length, at + new Mpo(bnModes, outModes, new int[] {2, 2, 2}).parameterCount());
            w = times(wb, w);
            float[] x = random(rows * in, 22), y = new float[rows * out];
            m.forward(x, rows, y, false);
            for (int row = 0; row < rows; row++) {
                for (int o = 0; o < out; o++) {
                    double want = 0;
                    for (int i = 0; i < in; i++) {
                        want += w[o][i] * x[row * in + i];
                    }
                    want *= 6.0 / 3;
                    assertEquals(want, y[row * out + o], 1e-4 * (1 + Math.abs(want)), arch + " row " + row + " out " + o);
                }
            }
        }
    }

    /** The gradients (parameters, then the input's) of sum(c . y) for a member in the given circuit mode. */
    private static double[][] gradients(QthaArchitecture arch, CircuitMode mode, long seed) {
        int in = 24, out = 12, rows = 5;
        QthaLinear m = new QthaLinear("layer", in, out, new QthaConfig(arch, 3, 2, 8, 2, 4, 6, 0, List.of("q"), mode));
        double[] p = randomParameters(m, 11, 0.6);
        float[] x = random(rows * in, 12), c = random(rows * out, 13);
        m.zeroGradients();
        m.seedDropout(seed);
        m.forward(x, rows, new float[rows * out], true);
        float[] dx = new float[rows * in];
        m.backward(x, c, rows, dx);
        double[] g = new double[p.length];
        m.gradients(g, 0);
        double[] dxd = new double[dx.length];
        for (int i = 0; i < dx.length; i++) {
            dxd[i] = dx[i];
        }
        return new double[][] {g, dxd};
    }

    @ParameterizedTest
    @EnumSource(value = QthaArchitecture.class, names = {"ABC", "ABC_NOENT", "BC"})
    void theParameterShiftRuleGivesTheAdjointsGradients(QthaArchitecture arch) {
        double[][] adjoint = gradients(arch, CircuitMode.EXACT, 1), shift = gradients(arch, new CircuitMode(true, 0), 1);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < adjoint[k].length; i++) {
                // the circuit's gradient is rounded to float either way; the rest is the same arithmetic
                assertEquals(adjoint[k][i], shift[k][i], 1e-5 * (1 + Math.abs(adjoint[k][i])), arch + " " + k + "/" + i);
            }
        }
        double[][] sampled = gradients(arch, new CircuitMode(true, 200), 1);
        assertArrayEquals(sampled[0], gradients(arch, new CircuitMode(true, 200), 1)[0], "the same seed, the same shots");
        double distance = 0, norm = 0;
        for (int i = 0; i < adjoint[0].length; i++) {
            distance += (sampled[0][i] - adjoint[0][i]) * (sampled[0][i] - adjoint[0][i]);
            norm += adjoint[0][i] * adjoint[0][i];
        }
        assertTrue(distance > 0 && distance < 0.25 * norm, arch + ": 200 shots move the gradient by "
                + Math.sqrt(distance / norm) + " of its norm");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gradients(arch, new CircuitMode(false, 200), 1));
        assertTrue(e.getMessage().contains("parameter-shift"), e.getMessage());
    }

    @Test
    void parameterCountsAreTheSumsOfTheParts() {
        // MiniLM's 384 -> 384 with the research brief's settings: 64 = [4, 4, 2, 2], 384 = [6, 4, 4, 4], bond 4
        // MPO 384 -> 64: 6*1*4*4 + 4*4*4*4 + 4*4*2*4 + 4*4*2*1 = 512, and the same back
        QthaConfig abc = new QthaConfig(QthaArchitecture.ABC, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(512 + 64 * 4 + 4 * 4 * 2 + 16 + 16 + 4 * 64 + 512, QthaLinear.parameterCount(abc, 384, 384));
        QthaConfig ab = new QthaConfig(QthaArchitecture.AB, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(512 + 256 + 16 + 256 + 512, QthaLinear.parameterCount(ab, 384, 384));
        QthaConfig abd = new QthaConfig(QthaArchitecture.ABD, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(512 + 256 + 16 + 16 + 16 + 256 + 512, QthaLinear.parameterCount(abd, 384, 384));
        QthaConfig noent = new QthaConfig(QthaArchitecture.ABC_NOENT, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(512 + 256 + 2 * 4 * 2 + 16 + 16 + 256 + 512, QthaLinear.parameterCount(noent, 384, 384));
        QthaConfig a = new QthaConfig(QthaArchitecture.A, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(1024, QthaLinear.parameterCount(a, 384, 384));
        QthaConfig bc = new QthaConfig(QthaArchitecture.BC, 4, 2, 64, 4, 4, 8, 0, List.of("q"));
        assertEquals(384 * 4 + 32 + 16 + 16 + 4 * 384, QthaLinear.parameterCount(bc, 384, 384));
    }

    @Test
    void badConfigsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 0, 2, 64, 4, 4, 8, 0,
                List.of("q")));
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 13, 2, 64, 4, 4, 8, 0,
                List.of("q")));
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 4, 0, 64, 4, 4, 8, 0,
                List.of("q")));
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 4, 2, 0, 4, 4, 8, 0,
                List.of("q")));
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 4, 2, 64, 4, 4, 8, 1,
                List.of("q")));
        assertThrows(IllegalArgumentException.class, () -> new QthaConfig(QthaArchitecture.ABC, 4, 2, 64, 4, 4, 8, 0,
                List.of()));
        Linear lin = new Linear("encoder.layer.0.attention.self.query", 24, 12, new float[288], null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QthaAdapters.create(List.of(lin),
                new QthaConfig(QthaArchitecture.ABC, 3, 1, 8, 2, 4, 6, 0, List.of("gate")), 0));
        assertTrue(e.getMessage().contains("query"), e.getMessage());
    }
}
