package org.qtune.adapter;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;

/**
 * Quantum-Train / QPA weight generation: m classical weights made by a circuit of n qubits and a
 * small mapping network. The weights are cut into K = ceil(m / chunk) chunks (chunk 1 is
 * Quantum-Train's one weight per basis state), n = ceil(log2 K). With U(theta) a hardware-efficient
 * circuit (RY and RZ on every qubit, a CX ring, per layer, and a closing rotation layer) and
 * p_i = |&lt;i|U|0&gt;|^2, chunk i is
 * <pre>
 *   f_i = (bits of i as +-1, least significant first; 2^n max(p_i, eps) - 1)
 *   g_i = W2 tanh(W1 f_i + b1) + b2          (chunk values)
 *   w[i chunk + j] = s_group(i chunk + j) g_i[j]
 * </pre>
 * The index bits are the index's own, the same on every call (not drawn at random, a flaw of one
 * public implementation), and p is clamped at eps before it is used, so the gradient stays finite
 * where a state has no weight. The weights fall into groups (a module's LoRA A, its B, ...), each
 * with a trainable scale: a group whose scale starts at zero (LoRA's B) starts the model unchanged
 * while the others give it a gradient.
 *
 * <p>Parameters, one flat vector: the circuit's angles, W1 [hidden, n + 1], b1, W2 [chunk, hidden],
 * b2, the group scales. {@link #backward} takes dL/dw and returns dL/d(parameters): back through
 * the scales and the network (summing over chunks) to dL/dp, then ONE adjoint pass of the circuit
 * with the diagonal observable diag(dL/dp) ({@link StateBackend#diagonal}), on this machine or on a
 * distributed state vector. Everything in double; the generation is deterministic.
 */
public final class QuantumWeightGenerator {
    /** p is clamped at this before the mapping (and its gradient is zero below it). */
    public static final double EPSILON = 1e-12;
    /** Beyond this many qubits the state is left to a distributed backend. */
    public static final int MAX_QUBITS = 30;

    /** Where the circuit's state lives: its probabilities, and the adjoint of a diagonal observable. */
    public interface StateBackend {
        double[] probabilities(Circuit circuit, double[] theta);

        /** Value and gradient of sum_i weights[i] p_i(theta). */
        Gradient diagonal(Circuit circuit, double[] theta, double[] weights);
    }

    /** The single-machine simulator. */
    public static StateBackend local() {
        Simulator sim = new Simulator();
        return new StateBackend() {
            @Override
            public double[] probabilities(Circuit circuit, double[] theta) {
                return Measurements.probabilities(sim.run(circuit, theta));
            }

            @Override
            public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
                return new AdjointGradient(sim).diagonal(circuit, theta, weights);
            }
        };
    }

    private final int m, chunk, chunks, qubits, hidden;
    private final int[] groupEnds;
    private final Circuit circuit;
    private final int angles;
    private final StateBackend backend;

    /**
     * @param weights       m, the number of weights made
     * @param chunk         weights per basis state (1: Quantum-Train's direct form)
     * @param circuitLayers layers of the hardware-efficient circuit
     * @param hidden        the mapping network's hidden width
     * @param groupEnds     the end (exclusive) of each group of weights, increasing, the last = m
     */
    public QuantumWeightGenerator(int weights, int chunk, int circuitLayers, int hidden, int[] groupEnds,
                                  StateBackend backend) {
        if (weights < 1 || chunk < 1 || chunk > weights) {
            throw new IllegalArgumentException("a generator needs 1 <= chunk <= weights, got chunk " + chunk + " for "
                    + weights + " weights");
        }
        if (circuitLayers < 1 || circuitLayers > 64 || hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("--circuit-layers must be in 1..64 and the hidden width in 1..4096, got "
                    + circuitLayers + " and " + hidden);
        }
        if (groupEnds.length == 0 || groupEnds[groupEnds.length - 1] != weights) {
            throw new IllegalArgumentException("the weight groups must end at the weight count " + weights);
        }
        for (int g = 0; g < groupEnds.length; g++) {
            if (groupEnds[g] <= (g == 0 ? 0 : groupEnds[g - 1])) {
                throw new IllegalArgumentException("weight groups must be non-empty and in order");
            }
        }
        this.m = weights;
        this.chunk = chunk;
        this.chunks = (weights + chunk - 1) / chunk;
        this.qubits = Math.max(1, 32 - Integer.numberOfLeadingZeros(chunks - 1));
        if (qubits > MAX_QUBITS) {
            throw new IllegalArgumentException(weights + " weights in chunks of " + chunk + " need " + qubits
                    + " qubits, more than " + MAX_QUBITS + ": use larger chunks");
        }
        this.hidden = hidden;
        this.groupEnds = groupEnds.clone();
        this.circuit = HardwareEfficient.builder(qubits).layers(circuitLayers)
                .rotations(HardwareEfficient.Rotations.RY_RZ).entangler(HardwareEfficient.Entangler.CX)
                .finalRotations(true).build();
        this.angles = circuit.numParameters();
        this.backend = backend;
    }

    public int qubits() {
        return qubits;
    }

    public int weights() {
        return m;
    }

    public Circuit circuit() {
        return circuit;
    }

    /** The circuit's angles among the parameters. */
    public int circuitParameterCount() {
        return angles;
    }

    public int parameterCount() {
        return angles + hidden * (qubits + 1) + hidden + chunk * hidden + chunk + groupEnds.length;
    }

    /**
     * Initial parameters: angles uniform in +-pi, W1 and W2 Kaiming-uniform (+-1/sqrt(fan in)), biases
     * zero, and the given scale per group (0 for a group that must start at zero).
     */
    public double[] initialParameters(SplittableRandom random, double[] groupScales) {
        if (groupScales.length != groupEnds.length) {
            throw new IllegalArgumentException(groupEnds.length + " groups, " + groupScales.length + " scales");
        }
        double[] x = new double[parameterCount()];
        int at = 0;
        for (int i = 0; i < angles; i++) {
            x[at++] = (2 * random.nextDouble() - 1) * Math.PI;
        }
        double b1 = 1 / Math.sqrt(qubits + 1), b2 = 1 / Math.sqrt(hidden);
        for (int i = 0; i < hidden * (qubits + 1); i++) {
            x[at++] = (2 * random.nextDouble() - 1) * b1;
        }
        at += hidden;
        for (int i = 0; i < chunk * hidden; i++) {
            x[at++] = (2 * random.nextDouble() - 1) * b2;
        }
        at += chunk;
        System.arraycopy(groupScales, 0, x, at, groupScales.length);
        return x;
    }

    /** The features of chunk i: its index bits as +-1, then 2^n max(p_i, eps) - 1. */
    private void features(int i, double p, double[] f) {
        for (int k = 0; k < qubits; k++) {
            f[k] = ((i >>> k) & 1) == 1 ? 1 : -1;
        }
        f[qubits] = Math.scalb(Math.max(p, EPSILON), qubits) - 1;
    }

    /** The m weights at {@code params}. */
    public double[] generate(double[] params) {
        check(params);
        double[] p = backend.probabilities(circuit, Arrays.copyOf(params, angles));
        double[] w = new double[m];
        double[] f = new double[qubits + 1], h = new double[hidden];
        int w1 = angles, bias1 = w1 + hidden * (qubits + 1), w2 = bias1 + hidden, bias2 = w2 + chunk * hidden;
        int scales = bias2 + chunk;
        int group = 0;
        for (int i = 0; i < chunks; i++) {
            features(i, p[i], f);
            hiddenLayer(params, w1, bias1, f, h);
            for (int j = 0; j < chunk && i * chunk + j < m; j++) {
                int at = i * chunk + j;
                while (at >= groupEnds[group]) {
                    group++;
                }
                double g = params[bias2 + j];
                for (int t = 0; t < hidden; t++) {
                    g += params[w2 + j * hidden + t] * h[t];
                }
                w[at] = params[scales + group] * g;
            }
        }
        return w;
    }

    private void hiddenLayer(double[] params, int w1, int bias1, double[] f, double[] h) {
        for (int t = 0; t < hidden; t++) {
            double a = params[bias1 + t];
            for (int k = 0; k <= qubits; k++) {
                a += params[w1 + t * (qubits + 1) + k] * f[k];
            }
            h[t] = Math.tanh(a);
        }
    }

    /** dL/d(params) given dL/dw at {@code params} (the forward recomputed; one adjoint pass of the circuit). */
    public double[] backward(double[] params, double[] dw) {
        check(params);
        if (dw.length < m) {
            throw new IllegalArgumentException(dw.length + " weight gradients for " + m + " weights");
        }
        double[] theta = Arrays.copyOf(params, angles);
        double[] p = backend.probabilities(circuit, theta);
        double[] grad = new double[params.length];
        double[] dp = new double[1 << qubits];
        double[] f = new double[qubits + 1], h = new double[hidden], dh = new double[hidden];
        int w1 = angles, bias1 = w1 + hidden * (qubits + 1), w2 = bias1 + hidden, bias2 = w2 + chunk * hidden;
        int scales = bias2 + chunk;
        int group = 0;
        for (int i = 0; i < chunks; i++) {
            features(i, p[i], f);
            hiddenLayer(params, w1, bias1, f, h);
            Arrays.fill(dh, 0);
            for (int j = 0; j < chunk && i * chunk + j < m; j++) {
                int at = i * chunk + j;
                while (at >= groupEnds[group]) {
                    group++;
                }
                double g = params[bias2 + j];
                for (int t = 0; t < hidden; t++) {
                    g += params[w2 + j * hidden + t] * h[t];
                }
                double s = params[scales + group];
                grad[scales + group] += g * dw[at];
                double dg = s * dw[at];
                grad[bias2 + j] += dg;
                for (int t = 0; t < hidden; t++) {
                    grad[w2 + j * hidden + t] += dg * h[t];
                    dh[t] += dg * params[w2 + j * hidden + t];
                }
            }
            double df = 0;
            for (int t = 0; t < hidden; t++) {
                double da = dh[t] * (1 - h[t] * h[t]);
                grad[bias1 + t] += da;
                for (int k = 0; k <= qubits; k++) {
                    grad[w1 + t * (qubits + 1) + k] += da * f[k];
                }
                df += da * params[w1 + t * (qubits + 1) + qubits];
            }
            dp[i] = p[i] > EPSILON ? Math.scalb(df, qubits) : 0;
        }
        double[] dTheta = backend.diagonal(circuit, theta, dp).gradient();
        System.arraycopy(dTheta, 0, grad, 0, angles);
        return grad;
    }

    private void check(double[] params) {
        if (params.length != parameterCount()) {
            throw new IllegalArgumentException(params.length + " parameters for a generator of " + parameterCount());
        }
    }
}
