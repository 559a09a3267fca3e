package org.qtune.spark.bench;

import org.qtune.bench.SimulatorBenchmark;
import org.qtune.bench.SmallCircuitBenchmark;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.StateVector;
import org.qtune.spark.launch.CircuitMemory;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.launch.SimulationPlan;
import org.qtune.spark.launch.SparkMemory;

/**
 * The benchmarks behind {@code qtune bench}, each with the qubit range it runs by default (the sizes
 * of its table in docs/BENCHMARKS.md, which fit the launcher's 4g heap) and the memory check of a
 * range, made before anything is measured: {@code --small} at 20 qubits in batches of 256 holds
 * 4 GiB of amplitudes, and is refused with what to change rather than dying of OutOfMemoryError.
 */
public enum BenchMode {
    /** {@link SimulatorBenchmark}: single-node gates and the ansatz. */
    SIMULATOR(20, 26),
    /** {@link SmallCircuitBenchmark}: the batched simulator of small circuits. */
    SMALL(SmallCircuitBenchmark.DEFAULT_MIN_QUBITS, SmallCircuitBenchmark.DEFAULT_MAX_QUBITS),
    /** {@link BatchBenchmark}: batched circuit evaluation on Spark. */
    BATCHED(10, 20),
    /** {@link DistributedBenchmark}: the distributed state vector. */
    DISTRIBUTED(20, 24),
    /** {@link SelectBenchmark}: QAOA block size and annealing against N, on Spark. */
    SELECT(12, 20);

    private final int defaultMinQubits;
    private final int defaultMaxQubits;

    BenchMode(int defaultMinQubits, int defaultMaxQubits) {
        this.defaultMinQubits = defaultMinQubits;
        this.defaultMaxQubits = defaultMaxQubits;
    }

    public int defaultMinQubits() {
        return defaultMinQubits;
    }

    public int defaultMaxQubits() {
        return defaultMaxQubits;
    }

    /**
     * Refuses a run of this benchmark up to {@code maxQubits} that cannot fit (an
     * IllegalArgumentException saying what it needs and what to change); {@code batch},
     * {@code partitions} and {@code master} (null: spark-submit's, else local[*]) as the mode uses them.
     */
    public void checkFits(int minQubits, int maxQubits, int batch, int partitions, String master) {
        if (minQubits < 1 || minQubits > maxQubits) {
            throw new IllegalArgumentException("need 1 <= --min-qubits <= --max-qubits, got " + minQubits + " and "
                    + maxQubits);
        }
        switch (this) {
            // the single-node benchmarks check their own memory first thing (SimulatorBenchmark.memory,
            // SmallCircuitBenchmark.memory), before they measure anything; the range is checked here
            case SIMULATOR -> SimulatorBenchmark.Config.of(minQubits, maxQubits, 1, 1);
            case SMALL -> {
            }
            case BATCHED -> CircuitMemory.require("bench --batched at n = " + maxQubits, maxQubits,
                    HardwareEfficient.builder(maxQubits).layers(2).gateCount(), 1, true, master, "a smaller --max-qubits");
            case DISTRIBUTED -> {
                if (partitions < 1 || Integer.bitCount(partitions) != 1 || maxQubits > StateVector.MAX_QUBITS
                        || partitions > 1 << (minQubits - 1)) {
                    throw new IllegalArgumentException("bench --distributed runs 1.." + StateVector.MAX_QUBITS
                            + " qubits on a power of two of at most 2^(n-1) partitions, got n = " + minQubits + ".."
                            + maxQubits + " on " + partitions);
                }
                SparkMemory memory = SparkMemory.of(MasterUrl.resolve(master));
                MemoryEstimate task = SimulationPlan.perTask(maxQubits, partitions, 0, 0);
                memory.perTask().require("bench --distributed at n = " + maxQubits, task,
                        memory.advice(task, "more --partitions"));
            }
            case SELECT -> {
                if (maxQubits > org.qtune.select.QuboQaoa.MAX_QUBITS) {
                    throw new IllegalArgumentException("bench --select runs QAOA blocks of up to "
                            + org.qtune.select.QuboQaoa.MAX_QUBITS + " qubits, got --max-qubits " + maxQubits);
                }
            }
            default -> throw new AssertionError(this);
        }
    }
}
