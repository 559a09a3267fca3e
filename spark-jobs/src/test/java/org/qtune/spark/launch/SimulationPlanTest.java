package org.qtune.spark.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

class SimulationPlanTest {
    /** The fewest qubits whose state alone does not fit this JVM's heap (at most 30). */
    static int tooManyForThisHeap() {
        for (int n = 20; n <= 30; n++) {
            if (!MemoryBudget.heap().fits(MemoryEstimate.stateVectors(n, 1))) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void aStateThatFitsTheHeapRunsInThisJvm() {
        assertEquals(new SimulationPlan(false, 1), SimulationPlan.choose(10, 1000, 10, 1, null, null));
        assertEquals(new SimulationPlan(false, 1), SimulationPlan.choose(10, 0, 0, 1, 12, null));
    }

    @Test
    void partitionsOrALocalLimitBelowTheQubitsGoDistributed() {
        assertEquals(new SimulationPlan(true, 4), SimulationPlan.choose(9, 100, 4, 4, null, "local[2]"));
        assertEquals(new SimulationPlan(true, 8), SimulationPlan.choose(12, 0, 0, 1, 9, "local[2]"), "2^(12 - 9)");
        assertEquals(new SimulationPlan(true, 2), SimulationPlan.choose(12, 0, 0, 1, 11, "local[2]"), "at least 2");
    }

    @Test
    void aStateTooLargeForTheHeapInLocalModeIsRefusedNamingTheHeapToSet() {
        int n = tooManyForThisHeap();
        assumeTrue(n > 0, "this heap holds 30 qubits");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulationPlan.choose(n, 0, 10, 1, null, "local[*]"));
        assertTrue(e.getMessage().startsWith("simulating " + n + " qubits needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("set QTUNE_HEAP=") && e.getMessage().contains("--master of a Spark cluster"));
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> SimulationPlan.choose(n, 0, 10, 1, n, null));
        assertTrue(limit.getMessage().contains("a --local-limit below " + n), limit.getMessage());
    }

    @Test
    void onAClusterThePartitionsGrowUntilATaskFitsItsExecutor() {
        // the default executor: 1g, one task: a task may hold 768 MiB, 3 chunks of 2^n / P amplitudes
        assumeTrue(tooManyForThisHeap() > 0 && tooManyForThisHeap() <= 30, "this heap holds 30 qubits");
        SimulationPlan plan = SimulationPlan.choose(30, 0, 0, 1, null, "spark://h:7077");
        assertEquals(new SimulationPlan(true, 64), plan);
        assertTrue(SimulationPlan.perTask(30, 64, 0, 0).bytes() <= (1L << 30) - (256L << 20));
        assertFalse(SimulationPlan.perTask(30, 32, 0, 0).bytes() <= (1L << 30) - (256L << 20), "the fewest");
        assertEquals(new SimulationPlan(true, 256), SimulationPlan.choose(28, 0, 0, 1, 20, "spark://h:7077"),
                "2^(28 - 20) with a limit, which fits");
    }

    @Test
    void partitionsAskedForThatLeaveATaskTooLargeAreRefusedNamingEnough() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulationPlan.choose(29, 0, 0, 2, null, "spark://h:7077"));
        assertTrue(e.getMessage().startsWith("simulating 29 qubits on 2 partitions needs about 12.0 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("use --partitions 32, or set spark.executor.memory="), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulationPlan.choose(4, 0, 0, 16, null, "local[2]"),
                "more partitions than 2^(n-1)");
        assertThrows(IllegalArgumentException.class, () -> SimulationPlan.choose(31, 0, 0, 1, null, null));
    }
}
