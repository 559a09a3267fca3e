package org.qtune.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.grad.Gradient;
import org.qtune.grad.ParameterShiftGradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;

/**
 * The generated-weight chain (circuit -> probabilities -> mapping -> weights -> a loss) against
 * central differences in double; the adjoint backend against the parameter-shift rule; the start
 * with a zero-scaled group; the sizes of the direct and chunked forms; the clamp at zero probability.
 */
class QuantumWeightGeneratorTest {
    static double loss(QuantumWeightGenerator g, double[] params, double[] c) {
        double[] w = g.generate(params);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += c[i] * w[i] + 0.5 * w[i] * w[i];
        }
        return s;
    }

    static double[] dLoss(QuantumWeightGenerator g, double[] params, double[] c) {
        double[] w = g.generate(params), d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = c[i] + w[i];
        }
        return d;
    }

    static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * r.nextDouble() - 1;
        }
        return x;
    }

    @Test
    void theWholeChainMatchesCentralDifferences() {
        for (int chunk : new int[] {1, 4}) {
            // 37 weights in two groups: 6 qubits for chunk 1, 4 for chunk 4 (10 chunks)
            QuantumWeightGenerator g = new QuantumWeightGenerator(37, chunk, 2, 5, new int[] {20, 37},
                    QuantumWeightGenerator.local());
            assertEquals(chunk == 1 ? 6 : 4, g.qubits());
            double[] params = g.initialParameters(new SplittableRandom(3), new double[] {0.7, -0.4});
            double[] c = random(37, 4);
            double[] grad = g.backward(params, dLoss(g, params, c));
            double worst = 0;
            for (int i = 0; i < params.length; i++) {
                double keep = params[i], eps = 1e-5;
                params[i] = keep + eps;
                double plus = loss(g, params, c);
                params[i] = keep - eps;
                double minus = loss(g, params, c);
                params[i] = keep;
                double fd = (plus - minus) / (2 * eps);
                worst = Math.max(worst, Math.abs(fd - grad[i]) / (1e-6 + Math.abs(fd)));
            }
            assertTrue(worst < 1e-5, "chunk " + chunk + ": relative error " + worst);
        }
    }

    @Test
    void theAdjointBackendAgreesWithTheParameterShiftRule() {
        Simulator sim = new Simulator();
        QuantumWeightGenerator.StateBackend shift = new QuantumWeightGenerator.StateBackend() {
            @Override
            public double[] probabilities(Circuit circuit, double[] theta) {
                return Measurements.probabilities(sim.run(circuit, theta));
            }

            @Override
            public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
                return new ParameterShiftGradient(sim).diagonal(circuit, theta, weights);
            }
        };
        QuantumWeightGenerator a = new QuantumWeightGenerator(50, 2, 2, 4, new int[] {50}, QuantumWeightGenerator.local());
        QuantumWeightGenerator b = new QuantumWeightGenerator(50, 2, 2, 4, new int[] {50}, shift);
        double[] params = a.initialParameters(new SplittableRandom(8), new double[] {1});
        double[] dw = random(50, 9);
        double[] ga = a.backward(params, dw), gb = b.backward(params, dw);
        for (int i = 0; i < ga.length; i++) {
            assertEquals(gb[i], ga[i], 1e-10, "parameter " + i);
        }
        // and with 20,000 shots per shifted circuit, within sampling error of the exact rule
        double[] weights = random(1 << a.qubits(), 10);
        double[] theta = java.util.Arrays.copyOf(params, a.circuitParameterCount());
        double[] exact = new ParameterShiftGradient(sim).diagonal(a.circuit(), theta, weights).gradient();
        double[] sampled = new ParameterShiftGradient(sim, 20_000, 1).diagonal(a.circuit(), theta, weights).gradient();
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], sampled[i], 0.05, "angle " + i);
        }
    }

    @Test
    void aZeroScaledGroupStartsAtZeroAndTheIndexBitsAreFixed() {
        QuantumWeightGenerator g = new QuantumWeightGenerator(64, 8, 1, 6, new int[] {32, 64},
                QuantumWeightGenerator.local());
        double[] params = g.initialParameters(new SplittableRandom(1), new double[] {1, 0});
        double[] w = g.generate(params);
        for (int i = 32; i < 64; i++) {
            assertEquals(0.0, w[i], 0.0);
        }
        assertTrue(java.util.Arrays.stream(w, 0, 32).allMatch(v -> v != 0));
        assertArrayEquals(w, g.generate(params), "the same weights every call");
        // the zero-scaled group still has a gradient through its scale
        double[] grad = g.backward(params, random(64, 2));
        assertTrue(grad[grad.length - 1] != 0);
    }

    @Test
    void sizesFollowTheChunking() {
        // LoRA r = 8 on MiniLM's query and value: 73,728 weights; direct needs 17 qubits, chunks of 64 need 11
        assertEquals(17, new QuantumWeightGenerator(73_728, 1, 1, 4, new int[] {73_728},
                QuantumWeightGenerator.local()).qubits());
        QuantumWeightGenerator chunked = new QuantumWeightGenerator(73_728, 64, 8, 32, new int[] {73_728},
                QuantumWeightGenerator.local());
        assertEquals(11, chunked.qubits());
        // angles 2n per layer + 2n closing, W1 32 x 12 + 32, W2 64 x 32 + 64, one scale
        assertEquals(2 * 11 * 9 + 32 * 12 + 32 + 64 * 32 + 64 + 1, chunked.parameterCount());
    }

    @Test
    void aBasisStateWithNoWeightKeepsTheGradientFinite() {
        QuantumWeightGenerator g = new QuantumWeightGenerator(16, 1, 1, 3, new int[] {16}, QuantumWeightGenerator.local());
        double[] params = g.initialParameters(new SplittableRandom(2), new double[] {1});
        java.util.Arrays.fill(params, 0, g.circuitParameterCount(), 0.0);  // |0000>: p_0 = 1, every other p = 0
        double[] grad = g.backward(params, random(16, 3));
        assertTrue(java.util.Arrays.stream(grad).allMatch(Double::isFinite));
    }

    @Test
    void badShapesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new QuantumWeightGenerator(10, 0, 1, 4, new int[] {10},
                QuantumWeightGenerator.local()));
        assertThrows(IllegalArgumentException.class, () -> new QuantumWeightGenerator(10, 2, 1, 4, new int[] {9},
                QuantumWeightGenerator.local()));
        assertThrows(IllegalArgumentException.class, () -> new QuantumWeightGenerator(10, 2, 0, 4, new int[] {10},
                QuantumWeightGenerator.local()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new QuantumWeightGenerator(Integer.MAX_VALUE, 1, 1,
                4, new int[] {Integer.MAX_VALUE}, QuantumWeightGenerator.local())).getMessage().contains("larger chunks"));
    }
}
