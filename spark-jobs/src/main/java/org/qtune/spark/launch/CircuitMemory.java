package org.qtune.spark.launch;

import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

/**
 * The memory check of a job that runs one parameterized circuit many times (VQE, QAOA): before the
 * circuit is even built, its size (gates, from the ansatz's own count) and its states (in the driver,
 * and one per Spark task when steps run on Spark) are compared with the heap and the tasks' share,
 * so that {@code --layers 100000000} or a Hamiltonian on qubit 29 is refused in a second with what
 * to change, not run into an OutOfMemoryError. What caps such counts is this estimate, not a fixed
 * number.
 */
public final class CircuitMemory {
    private CircuitMemory() {
    }

    /**
     * Refuses the job when it does not fit.
     *
     * @param job          what runs, for the message ("vqe on 30 qubits, 30 layers")
     * @param qubits       the circuit's qubits
     * @param gates        the circuit's gates
     * @param driverStates state vectors the driver holds at once (3 for an adjoint gradient: psi,
     *                     lambda and a scratch state)
     * @param onSpark      whether steps also run as Spark tasks, each simulating one state
     * @param master       the --master given, or null (spark-submit's, else local[*])
     * @param smaller      the option that makes the circuit smaller ("fewer --layers")
     */
    public static void require(String job, int qubits, long gates, int driverStates, boolean onSpark, String master,
                               String smaller) {
        MemoryEstimate circuit = MemoryEstimate.circuit(gates);
        MemoryEstimate driver = MemoryEstimate.stateVectors(qubits, driverStates).plus(circuit);
        MemoryBudget.heap().require(job, driver, "set QTUNE_HEAP=" + MemoryBudget.heapOptionFor(driver)
                + (smaller == null ? "" : ", or " + smaller));
        if (onSpark) {
            SparkMemory memory = SparkMemory.of(MasterUrl.resolve(master));
            MemoryEstimate task = MemoryEstimate.stateVectors(qubits, 1).plus(circuit);
            memory.perTask().require(job + " (each Spark task)", task, memory.advice(task, smaller));
        }
    }
}
