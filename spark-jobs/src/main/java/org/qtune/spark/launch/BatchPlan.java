package org.qtune.spark.launch;

import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.batch.BatchState;

/**
 * How many rows the batched simulator runs together, checked against memory before anything is
 * allocated: a batch of B rows of an n-qubit circuit holds B * 2^n amplitudes per state kept (one to
 * evaluate, two for the batched adjoint's psi and lambda). Without a size given, the largest batch up
 * to {@link #DEFAULT_ROWS} that fits is used (results do not depend on the batch); a size given that
 * does not fit is refused, naming the largest that does.
 */
public final class BatchPlan {
    /** Rows per batch when the memory allows: enough to amortize each pass's setup. */
    public static final int DEFAULT_ROWS = 1024;

    private BatchPlan() {
    }

    /**
     * The batch size for {@code rowCount} rows of a {@code qubits}-qubit circuit keeping
     * {@code statesKept} batched states, run in this JVM or, {@code onSpark}, in each task under
     * {@code master} (null: spark-submit's, else local[*]; checked here).
     */
    public static int rows(int qubits, Integer asked, int statesKept, int rowCount, boolean onSpark, String master) {
        MemoryEstimate one = MemoryEstimate.batchStates(Math.min(qubits, BatchState.MAX_QUBITS), 1, statesKept);
        if (!onSpark) {
            return rows(qubits, asked, statesKept, rowCount, MemoryBudget.heap(),
                    "set QTUNE_HEAP=" + MemoryBudget.heapOptionFor(one));
        }
        SparkMemory memory = SparkMemory.of(MasterUrl.resolve(master));
        return rows(qubits, asked, statesKept, rowCount, memory.perTask(), memory.advice(one, null));
    }

    /**
     * The batch size for {@code rowCount} rows of a {@code qubits}-qubit circuit keeping
     * {@code statesKept} batched states. A batch is never larger than the rows there are, so only
     * {@code min(batch, rowCount)} rows are checked.
     *
     * @param asked   the --batch given, or null for the default
     * @param budget  where the batch runs: this JVM's heap, or a Spark task's share
     * @param advice  what else could be changed when even one row does not fit ("set QTUNE_HEAP=8g")
     */
    public static int rows(int qubits, Integer asked, int statesKept, int rowCount, MemoryBudget budget,
                           String advice) {
        if (qubits > BatchState.MAX_QUBITS) {
            throw new IllegalArgumentException("the batched simulator runs circuits of at most " + BatchState.MAX_QUBITS
                    + " qubits, this one has " + qubits);
        }
        if (asked != null && asked < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + asked);
        }
        // one array holds a batch's real parts: at most 2^31 - 8 doubles
        int arrayLimit = (int) Math.min(Integer.MAX_VALUE, (Integer.MAX_VALUE - 8L) >> qubits);
        int wanted = Math.max(1, Math.min(asked == null ? DEFAULT_ROWS : asked, rowCount));
        int fitting = 0;
        for (int b = Math.min(wanted, arrayLimit); b >= 1; b = b > 16 ? b * 3 / 4 : b - 1) {
            if (budget.fits(MemoryEstimate.batchStates(qubits, b, statesKept))) {
                fitting = b;
                break;
            }
        }
        if (asked == null && fitting > 0) {
            return fitting;
        }
        int size = asked == null ? 1 : wanted;
        if (asked != null && wanted > arrayLimit) {
            throw new IllegalArgumentException("--batch " + asked + " of " + qubits + "-qubit circuits does not fit one "
                    + "array (2^31 amplitudes); use --batch " + arrayLimit + " or less");
        }
        budget.require("a batch of " + size + " rows", MemoryEstimate.batchStates(qubits, size, statesKept),
                fitting > 0 ? "use --batch " + fitting + " or less" : advice);
        return size;
    }
}
