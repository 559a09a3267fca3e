package org.qtune.spark.statevector;

/**
 * One partition's share of an adjoint backward sweep: its chunk of psi and of lambda after an epoch,
 * and its partial sums of the gradient. Cached between jobs (Kryo-serialized if spilled).
 */
public final class AdjointPair {
    final Chunk psi;
    final Chunk lambda;
    final double[] partial;

    public AdjointPair(Chunk psi, Chunk lambda, double[] partial) {
        this.psi = psi;
        this.lambda = lambda;
        this.partial = partial;
    }

    public Chunk psi() {
        return psi;
    }

    public Chunk lambda() {
        return lambda;
    }

    public double[] partial() {
        return partial;
    }
}
