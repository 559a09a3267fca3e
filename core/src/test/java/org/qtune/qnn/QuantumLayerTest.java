package org.qtune.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;

class QuantumLayerTest {
    static double[][] randomInputs(int batch, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[batch][];
        for (int b = 0; b < batch; b++) {
            x[b] = rnd.doubles(k, -Math.PI, Math.PI).toArray();
        }
        return x;
    }

    static double loss(QuantumLayer layer, double[][] x, double[][] up) {
        double[][] y = layer.forward(x);
        double l = 0;
        for (int b = 0; b < y.length; b++) {
            for (int j = 0; j < y[b].length; j++) {
                l += up[b][j] * y[b][j];
            }
        }
        return l;
    }

    static void finiteDifferenceCheck(QuantumLayer layer, int batch, long seed) {
        double[] w = new SplittableRandom(seed).doubles(layer.weightNames().size(), -1, 1).toArray();
        layer.setWeights(w);
        double[][] x = randomInputs(batch, layer.inputSize(), seed + 1);
        double[][] up = randomInputs(batch, layer.outputSize(), seed + 2);
        layer.forward(x);
        QuantumLayer.Gradients g = layer.backward(up);
        double h = 1e-5;
        for (int j = 0; j < w.length; j++) {
            double[] p = w.clone(), m = w.clone();
            p[j] += h;
            m[j] -= h;
            layer.setWeights(p);
            double lp = loss(layer, x, up);
            layer.setWeights(m);
            double lm = loss(layer, x, up);
            assertEquals((lp - lm) / (2 * h), g.weights()[j], 1e-7, "weight " + layer.weightNames().get(j));
        }
        layer.setWeights(w);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < layer.inputSize(); i++) {
                double[][] xp = copy(x), xm = copy(x);
                xp[b][i] += h;
                xm[b][i] -= h;
                assertEquals((loss(layer, xp, up) - loss(layer, xm, up)) / (2 * h), g.inputs()[b][i], 1e-7,
                        "row " + b + " input " + i);
            }
        }
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    @Test
    void qthaAndHardwareEfficientGradientsPassAFiniteDifferenceCheck() {
        for (int n : new int[] {1, 2, 4}) {
            try (QuantumLayer qtha = QuantumLayer.qtha(n, 2, 1); QuantumLayer hea = QuantumLayer.hardwareEfficient(n, 2, 2)) {
                assertEquals(n == 1 ? 4 : 8 * n, qtha.weightNames().size()); // one qubit: no ring
                assertEquals(4 * n, hea.weightNames().size());
                finiteDifferenceCheck(qtha, 5, n);
                finiteDifferenceCheck(hea, 6, 10 + n);
            }
        }
    }

    @Test
    void forwardEqualsTheSingleStateSimulatorRowByRow() {
        try (QuantumLayer layer = QuantumLayer.qtha(4, 2, 2); Simulator sim = new Simulator(SimulatorOptions.defaults())) {
            double[] w = new SplittableRandom(3).doubles(layer.weightNames().size(), -1, 1).toArray();
            layer.setWeights(w);
            double[][] x = randomInputs(40, 4, 4);
            double[][] y = layer.forward(x);
            for (int b = 0; b < x.length; b++) {
                double[] theta = new double[layer.circuit().numParameters()];
                for (int q = 0; q < 4; q++) {
                    theta[layer.circuit().parameterIndex(org.qtune.circuit.Parameter.of("x" + q))] = x[b][q];
                }
                for (int j = 0; j < w.length; j++) {
                    theta[layer.circuit().parameterIndex(org.qtune.circuit.Parameter.of(layer.weightNames().get(j)))] = w[j];
                }
                double[] z = Measurements.expectationZAll(sim.run(layer.circuit(), theta));
                for (int q = 0; q < 4; q++) {
                    assertEquals(z[q], y[b][q], 1e-12, "row " + b + " <Z" + q + ">");
                }
            }
        }
    }

    @Test
    void parameterShiftGivesTheAdjointsGradientsForEveryRowAndWeight() {
        for (int n : new int[] {1, 3}) {
            try (QuantumLayer layer = QuantumLayer.qtha(n, 2, 2)) {
                layer.setWeights(new SplittableRandom(5).doubles(layer.weightNames().size(), -1, 1).toArray());
                double[][] x = randomInputs(9, n, 6), up = randomInputs(9, n, 7);
                layer.forward(x);
                QuantumLayer.Gradients adjoint = layer.backward(up);
                QuantumLayer.Gradients shift = layer.parameterShiftBackward(up, 0, 0);
                for (int b = 0; b < x.length; b++) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(adjoint.inputs()[b][i], shift.inputs()[b][i], 1e-11, "row " + b + " input " + i);
                    }
                }
                for (int j = 0; j < adjoint.weights().length; j++) {
                    assertEquals(adjoint.weights()[j], shift.weights()[j], 1e-10, layer.weightNames().get(j));
                }
            }
        }
    }

    /**
     * Shot estimates: each row's <Z_q> from s shots has standard error sqrt((1 - <Z>^2) / s); over 200
     * rows x 3 qubits the mean of the standardized errors is ~N(0, 1/600) and their mean square ~1.
     * The same seed draws the same shots; the parameter-shift gradient from shots averages to the exact one.
     */
    @Test
    void shotEstimatesScatterAsSamplingPredictsAndRepeatWithTheSeed() {
        try (QuantumLayer layer = QuantumLayer.qtha(3, 1, 1)) {
            layer.setWeights(new SplittableRandom(8).doubles(layer.weightNames().size(), -1, 1).toArray());
            double[][] x = randomInputs(200, 3, 9);
            double[][] exact = layer.forward(x);
            int shots = 1000;
            double[][] sampled = layer.forward(x, shots, 42);
            double sum = 0, squares = 0;
            int n = 0;
            for (int b = 0; b < x.length; b++) {
                for (int q = 0; q < 3; q++) {
                    double se = Math.sqrt(Math.max(1e-9, 1 - exact[b][q] * exact[b][q]) / shots);
                    double z = (sampled[b][q] - exact[b][q]) / se;
                    sum += z;
                    squares += z * z;
                    n++;
                }
            }
            assertEquals(0, sum / n, 5 / Math.sqrt(n), "mean standardized error");
            assertEquals(1, squares / n, 0.25, "mean squared standardized error");
            assertTrue(java.util.Arrays.deepEquals(sampled, layer.forward(x, shots, 42)), "same seed, same shots");
            assertTrue(!java.util.Arrays.deepEquals(sampled, layer.forward(x, shots, 43)), "another seed, other shots");

            double[][] up = randomInputs(200, 3, 10);
            layer.forward(x);
            double[] exactW = layer.backward(up).weights();
            int repeats = 20;
            double[][] w = new double[repeats][];
            for (int r = 0; r < repeats; r++) {
                w[r] = layer.parameterShiftBackward(up, 500, 100 + r).weights();
            }
            for (int j = 0; j < exactW.length; j++) {
                // unbiased: the repeats' mean within 5 standard errors (from their own scatter) of the exact value
                double mean = 0, var = 0;
                for (double[] g : w) {
                    mean += g[j] / repeats;
                }
                for (double[] g : w) {
                    var += (g[j] - mean) * (g[j] - mean) / (repeats - 1);
                }
                assertTrue(var > 0 && var < 25, layer.weightNames().get(j) + " variance " + var);
                assertEquals(exactW[j], mean, 5 * Math.sqrt(var / repeats), layer.weightNames().get(j));
            }
        }
    }

    /**
     * Without its rings QTHA's circuit is n separate qubits, each turned by RY only: <Z_q> =
     * cos(t_q) with t_q the sum of its angles (L x_q plus every theta and phi of qubit q), so the
     * outputs and every gradient have closed forms.
     */
    @Test
    void withoutEntanglementEachQubitIsTheCosineOfItsAnglesSum() {
        int n = 3, layers = 2, batch = 4;
        try (QuantumLayer layer = QuantumLayer.qthaWithoutEntanglement(n, layers, 1)) {
            List<String> names = layer.weightNames();
            assertEquals(2 * n * layers, names.size());
            double[] w = new double[names.size()];
            for (int j = 0; j < w.length; j++) {
                w[j] = 0.3 * j - 1.1;
            }
            layer.setWeights(w);
            double[][] x = new double[batch][n], up = new double[batch][n];
            for (int b = 0; b < batch; b++) {
                for (int q = 0; q < n; q++) {
                    x[b][q] = 0.7 * b - 0.4 * q + 0.2;
                    up[b][q] = 1.0 + 0.5 * b - q;
                }
            }
            double[][] y = layer.forward(x);
            QuantumLayer.Gradients g = layer.backward(up);
            double[] dw = new double[w.length];
            for (int b = 0; b < batch; b++) {
                for (int q = 0; q < n; q++) {
                    double t = layers * x[b][q];
                    for (int j = 0; j < w.length; j++) {
                        if (names.get(j).endsWith("_" + q)) {
                            t += w[j];
                        }
                    }
                    assertEquals(Math.cos(t), y[b][q], 1e-12, "<Z" + q + "> of row " + b);
                    assertEquals(-Math.sin(t) * layers * up[b][q], g.inputs()[b][q], 1e-12, "d/dx");
                    for (int j = 0; j < w.length; j++) {
                        if (names.get(j).endsWith("_" + q)) {
                            dw[j] += -Math.sin(t) * up[b][q];
                        }
                    }
                }
            }
            for (int j = 0; j < w.length; j++) {
                assertEquals(dw[j], g.weights()[j], 1e-11, names.get(j));
            }
        }
    }

    @Test
    void misuseIsAClearError() {
        try (QuantumLayer layer = QuantumLayer.qtha(3, 1, 1)) {
            assertThrows(IllegalStateException.class, () -> layer.backward(new double[2][3]));
            assertThrows(IllegalArgumentException.class, () -> layer.forward(new double[][] {{1, 2}}));
            layer.forward(new double[][] {{1, 2, 3}, {0, 0, 0}});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> layer.backward(new double[3][3]));
            assertTrue(e.getMessage().contains("3 rows for a batch of 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> layer.setWeights(new double[1]));
        }
    }
}
