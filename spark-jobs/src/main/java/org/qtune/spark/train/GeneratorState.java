package org.qtune.spark.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.adapter.QuantumWeightGenerator;
import org.qtune.circuit.Circuit;
import org.qtune.grad.Gradient;
import org.qtune.spark.statevector.DistributedAdjoint;
import org.qtune.spark.statevector.DistributedStateVector;

/**
 * Where Quantum-Train's generator state lives: on the driver's simulator while it is small, on the
 * distributed state vector when it is not (or when asked). The distributed side gives the same
 * answers as the driver's up to rounding: the probabilities are the state's full marginal (summed
 * per partition, in partition order), the gradient the distributed adjoint with the weights of
 * diag(dL/dp) broadcast.
 */
public final class GeneratorState implements QuantumWeightGenerator.StateBackend {
    /** From this many qubits on, an automatic choice puts the state on the executors. */
    public static final int AUTO_DISTRIBUTED_QUBITS = 20;
    /** The driver takes all 2^n probabilities back (the mapping network needs each), so at most this many qubits. */
    public static final int MAX_DISTRIBUTED_QUBITS = 24;

    private final JavaSparkContext sc;
    private final Integer partitions;
    private final int fallbackPartitions;
    private final QuantumWeightGenerator.StateBackend local = QuantumWeightGenerator.local();

    /**
     * @param partitions         the distributed state's partitions (a power of two), 0 for the driver, or
     *                           null to choose by size: the driver below {@link #AUTO_DISTRIBUTED_QUBITS}
     *                           qubits, else the distributed state on {@code fallbackPartitions}
     * @param fallbackPartitions the job's partitions, rounded down to a power of two for an automatic choice
     */
    public GeneratorState(JavaSparkContext sc, Integer partitions, int fallbackPartitions) {
        if (partitions != null && (partitions < 0 || partitions > 0 && Integer.bitCount(partitions) != 1)) {
            throw new IllegalArgumentException("--generator-partitions must be 0 (the driver) or a power of two, got "
                    + partitions);
        }
        this.sc = sc;
        this.partitions = partitions;
        this.fallbackPartitions = Integer.highestOneBit(Math.max(1, fallbackPartitions));
    }

    /** The partitions an n-qubit generator state uses here; 0 means the driver's simulator. */
    public int partitionsFor(int qubits) {
        int p = partitions != null ? partitions
                : qubits >= AUTO_DISTRIBUTED_QUBITS ? Math.min(fallbackPartitions, 1 << (qubits - 1)) : 0;
        if (p > 0 && (qubits > MAX_DISTRIBUTED_QUBITS || p > 1 << (qubits - 1))) {
            throw new IllegalArgumentException("a distributed generator state of " + qubits + " qubits needs at most "
                    + MAX_DISTRIBUTED_QUBITS + " qubits and at most 2^(n-1) partitions, got " + p
                    + " partitions: pass --generator-partitions 0 (the driver) or fewer partitions");
        }
        return p;
    }

    /** In words, for the progress line. */
    public String describe(int qubits) {
        int p = partitionsFor(qubits);
        return p == 0 ? "on the driver" : "distributed over " + p + " partition" + (p == 1 ? "" : "s");
    }

    @Override
    public double[] probabilities(Circuit circuit, double[] theta) {
        int n = circuit.numQubits();
        int p = partitionsFor(n);
        if (p == 0) {
            return local.probabilities(circuit, theta);
        }
        int[] all = new int[n];
        for (int q = 0; q < n; q++) {
            all[q] = q;
        }
        try (DistributedStateVector state = DistributedStateVector.zero(sc, n, p)) {
            state.apply(circuit, theta);
            // entry v of the marginal over qubits 0..n-1 is the probability of logical basis state v
            return state.marginal(all);
        }
    }

    @Override
    public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
        int p = partitionsFor(circuit.numQubits());
        return p == 0 ? local.diagonal(circuit, theta, weights)
                : DistributedAdjoint.diagonal(sc, circuit, theta, weights, p);
    }
}
