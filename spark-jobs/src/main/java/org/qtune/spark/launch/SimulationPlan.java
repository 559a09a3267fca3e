package org.qtune.spark.launch;

import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.Measurements;
import org.qtune.sim.StateVector;

/**
 * Where one state-vector simulation runs, decided from memory estimates before anything is allocated
 * or started: in this JVM, or as a distributed state vector on Spark, and on how many partitions. A
 * run that fits nowhere is refused with what it needs, what there is and what to change.
 *
 * <p>With no qubit limit given, the simulation stays in this JVM when it fits the heap. Otherwise it
 * goes to Spark if the master is a cluster; in local mode Spark's tasks share this same heap and need
 * more of it than the single-node simulator, so the run is refused instead, naming the heap to set.
 * Distributed, each concurrent task holds its chunk of 2^n / P amplitudes three times (the chunk, the
 * chunk a step makes from it, and the pieces of a remap), plus its share of the outcomes asked for.
 *
 * @param distributed whether the state is distributed
 * @param partitions  the partitions of a distributed state (1 in this JVM)
 */
public record SimulationPlan(boolean distributed, int partitions) {
    /** Chunks of one partition a task holds at once: its input, its output, a remap's pieces. */
    public static final int CHUNKS_PER_TASK = 3;

    /**
     * The plan for simulating {@code qubits} qubits and reading {@code shots} samples and the
     * {@code top} most probable states.
     *
     * @param partitions the --partitions asked for: > 1 forces the distributed path with that many;
     *                   1 leaves the choice to the limit or the memory estimate
     * @param localLimit the largest qubit count run in this JVM, or null to decide by memory
     * @param master     the --master given, or null (spark-submit's, else local[*]); checked here
     */
    public static SimulationPlan choose(int qubits, int shots, int top, int partitions, Integer localLimit,
                                        String master) {
        if (qubits > StateVector.MAX_QUBITS) {
            throw new IllegalArgumentException(qubits + " qubits: a state vector holds at most " + StateVector.MAX_QUBITS
                    + " qubits (2^" + StateVector.MAX_QUBITS + " amplitudes, 16 GiB)");
        }
        MemoryEstimate local = local(qubits, shots, top);
        MemoryBudget heap = MemoryBudget.heap();
        boolean inThisJvm = partitions == 1 && (localLimit != null ? qubits <= localLimit : heap.fits(local));
        MasterUrl url = inThisJvm && master == null ? null : MasterUrl.resolve(master);
        if (inThisJvm) {
            heap.require("simulating " + qubits + " qubits in this JVM", local, "set QTUNE_HEAP="
                    + MemoryBudget.heapOptionFor(local) + (localLimit != null ? ", or a --local-limit below " + qubits
                    + " to run distributed" : "") + (top > 0 || shots > 0 ? ", or ask for fewer --shots or --top" : ""));
            return new SimulationPlan(false, 1);
        }
        if (partitions == 1 && localLimit == null && url.inThisJvm()) {
            throw new IllegalArgumentException("simulating " + qubits + " qubits needs about " + local.describe()
                    + " but this JVM's heap (-Xmx " + MemoryEstimate.format(Runtime.getRuntime().maxMemory())
                    + ") has room for " + MemoryEstimate.format(heap.bytes()) + "; set QTUNE_HEAP="
                    + MemoryBudget.heapOptionFor(local) + ", or give --master of a Spark cluster to spread the state "
                    + "over its executors (local mode keeps every partition in this JVM)");
        }
        SparkMemory memory = SparkMemory.of(url);
        int p = partitions;
        if (p == 1) {
            // the limit's partitions (2^(n - limit), at least 2), or more until a task's share fits
            p = Math.max(2, 1 << Math.min(qubits - 1, Math.max(1, qubits - (localLimit == null ? qubits : localLimit))));
            while (p < 1 << (qubits - 1) && !memory.perTask().fits(perTask(qubits, p, shots, top))) {
                p <<= 1;
            }
        }
        if (p > 1 << (qubits - 1)) {
            throw new IllegalArgumentException("--partitions " + p + " is more than a " + qubits + "-qubit state has: "
                    + "at most 2^(n-1) = " + (1 << (qubits - 1)));
        }
        MemoryEstimate task = perTask(qubits, p, shots, top);
        int fitting = p;
        while (fitting < 1 << (qubits - 1) && !memory.perTask().fits(perTask(qubits, fitting, shots, top))) {
            fitting <<= 1;
        }
        memory.perTask().require("simulating " + qubits + " qubits on " + p + " partitions", task, memory.advice(task,
                fitting > p && memory.perTask().fits(perTask(qubits, fitting, shots, top))
                        ? "use --partitions " + fitting : null));
        MemoryEstimate driver = MemoryEstimate.outcomes("samples", shots, qubits)
                .plus(MemoryEstimate.outcomes("most probable states from every partition", (long) top * p, qubits));
        heap.require("collecting the results of " + qubits + " qubits", driver, "ask for fewer --shots or --top");
        return new SimulationPlan(true, p);
    }

    /** The single-node path: the state, the samples and the most probable states. */
    public static MemoryEstimate local(int qubits, int shots, int top) {
        return MemoryEstimate.stateVectors(qubits, 1)
                .plus(Measurements.sampleMemory(qubits, shots))
                .plus(MemoryEstimate.outcomes("most probable states", top, qubits));
    }

    /** One task of the distributed path on {@code partitions} partitions. */
    public static MemoryEstimate perTask(int qubits, int partitions, int shots, int top) {
        int chunkQubits = qubits - Integer.numberOfTrailingZeros(partitions);
        return MemoryEstimate.of(CHUNKS_PER_TASK + " chunks of 2^" + chunkQubits + " amplitudes",
                        MemoryEstimate.amplitudeBytes(chunkQubits) * CHUNKS_PER_TASK)
                .plus(Measurements.sampleMemory(chunkQubits, shots))
                .plus(MemoryEstimate.outcomes("most probable states", top, chunkQubits));
    }
}
