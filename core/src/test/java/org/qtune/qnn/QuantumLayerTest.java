package org.qtune.qnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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
