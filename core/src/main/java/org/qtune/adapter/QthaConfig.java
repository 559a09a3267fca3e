package org.qtune.adapter;

import java.util.List;
import org.qtune.model.Linear;
import org.qtune.model.lora.LoraConfig;

/**
 * The shape of a QTHA-family adapter: the architecture, r (the qubits of the per-token circuit and
 * the width of the r-dimensional part), the circuit's layers, the MPO bottleneck width and TT bond
 * rank, the MPO's number of modes, alpha (the update is scaled by s = alpha / r, as the public code
 * does), dropout on the adapter's input, and the linear layers it adapts (matched as LoRA's targets
 * are), and how the circuits are evaluated ({@link CircuitMode}: exact and adjoint by default).
 */
public record QthaConfig(QthaArchitecture architecture, int qubits, int circuitLayers, int bottleneck, int mpoBond,
                         int mpoModes, double alpha, double dropout, List<String> targets, CircuitMode circuitMode) {
    /** The most qubits a per-token circuit may have: 2^12 amplitudes per token is already slow. */
    public static final int MAX_QUBITS = 12;

    public QthaConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("a QTHA adapter needs an architecture");
        }
        if (qubits < 1 || qubits > MAX_QUBITS) {
            throw new IllegalArgumentException("--qubits must be in 1.." + MAX_QUBITS + ", got " + qubits);
        }
        if (circuitLayers < 1 || circuitLayers > 64) {
            throw new IllegalArgumentException("--circuit-layers must be in 1..64, got " + circuitLayers);
        }
        if (bottleneck < 1) {
            throw new IllegalArgumentException("--bottleneck must be at least 1, got " + bottleneck);
        }
        if (mpoBond < 1 || mpoBond > 256) {
            throw new IllegalArgumentException("--mpo-bond must be in 1..256, got " + mpoBond);
        }
        if (mpoModes < 1 || mpoModes > 8) {
            throw new IllegalArgumentException("MPO modes must be in 1..8, got " + mpoModes);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a positive number, not " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), not " + dropout);
        }
        targets = List.copyOf(targets);
        targetMatcher(targets);
        if (circuitMode == null) {
            throw new IllegalArgumentException("a QTHA adapter needs a circuit mode (CircuitMode.EXACT by default)");
        }
    }

    /** Exact circuits with adjoint gradients. */
    public QthaConfig(QthaArchitecture architecture, int qubits, int circuitLayers, int bottleneck, int mpoBond,
                      int mpoModes, double alpha, double dropout, List<String> targets) {
        this(architecture, qubits, circuitLayers, bottleneck, mpoBond, mpoModes, alpha, dropout, targets,
                CircuitMode.EXACT);
    }

    private static LoraConfig targetMatcher(List<String> targets) {
        return new LoraConfig(1, 1, 0, false, targets);
    }

    /** s = alpha / r. */
    public double scaling() {
        return alpha / qubits;
    }

    /** The targeted layers among {@code shapes}, in order; a target matching none is an error naming the layers. */
    public List<Linear.Shape> select(List<Linear.Shape> shapes) {
        return targetMatcher(targets).select(shapes);
    }

    /** Trainable parameters of the adapters on these layers. */
    public long trainableParameters(List<Linear.Shape> shapes) {
        long n = 0;
        for (Linear.Shape s : select(shapes)) {
            n += QthaLinear.parameterCount(this, s.in(), s.out());
        }
        return n;
    }
}
