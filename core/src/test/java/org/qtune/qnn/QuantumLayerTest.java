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
