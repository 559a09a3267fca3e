package org.qtune.spark.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

class BatchPlanTest {
    static final MemoryBudget FOUR_GIB_HEAP = MemoryBudget.ofHeap("a 4g heap", 4L << 30);

    @Test
    void theDefaultBatchIsAThousandRowsOrFewerWhenTheyWouldNotFit() {
        assertEquals(1024, BatchPlan.rows(4, null, 2, 300_000, FOUR_GIB_HEAP, "x"));
        assertEquals(7, BatchPlan.rows(4, null, 2, 7, FOUR_GIB_HEAP, "x"), "no more rows than there are");
        // 18 qubits: a row is 4 MiB per state, 1024 rows with psi and lambda 8 GiB
        int b = BatchPlan.rows(18, null, 2, 300_000, FOUR_GIB_HEAP, "x");
        assertTrue(b < 1024 && FOUR_GIB_HEAP.fits(MemoryEstimate.batchStates(18, b, 2)), "batch " + b);
        assertTrue(b > 300, "not much smaller than what fits: " + b);
    }

    @Test
    void aBatchAskedForThatDoesNotFitIsRefusedNamingOneThatDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchPlan.rows(18, 1024, 2, 300_000, FOUR_GIB_HEAP, "x"));
        assertTrue(e.getMessage().startsWith("a batch of 1024 rows needs about 8.0 GiB"), e.getMessage());
        assertTrue(e.getMessage().matches(".*; use --batch [0-9]+ or less"), e.getMessage());
        assertEquals(64, BatchPlan.rows(18, 64, 2, 300_000, FOUR_GIB_HEAP, "x"));
    }

    @Test
    void batchesBeyondOneArrayOrTheSimulatorsQubitsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchPlan.rows(20, 4096, 1, 5000,
                MemoryBudget.ofHeap("huge", Long.MAX_VALUE / 4), "x")).getMessage().contains("does not fit one array"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchPlan.rows(21, null, 1, 5,
                FOUR_GIB_HEAP, "x")).getMessage().contains("at most 20 qubits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchPlan.rows(20, null, 2, 5,
                MemoryBudget.ofHeap("tiny", 270L << 20), "set QTUNE_HEAP=1g")).getMessage().endsWith("set QTUNE_HEAP=1g"));
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.rows(4, 0, 1, 5, FOUR_GIB_HEAP, "x"));
    }
}
