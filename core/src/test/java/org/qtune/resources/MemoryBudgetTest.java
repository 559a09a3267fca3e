package org.qtune.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    static final long GIB = 1L << 30;

    @Test
    void aFourGibHeapHoldsTwentySevenQubitsButNotTwentyEight() {
        MemoryBudget heap = MemoryBudget.ofHeap("a heap", 4 * GIB);
        assertTrue(heap.fits(MemoryEstimate.stateVectors(27, 1).plus("top", 10_000)));
        assertFalse(heap.fits(MemoryEstimate.stateVectors(28, 1)));
        assertEquals(4 * GIB - 4 * GIB / 10, heap.bytes());
        assertEquals(GIB - MemoryBudget.MIN_RESERVE, MemoryBudget.ofHeap("small", GIB).bytes());
    }

    @Test
    void aRunThatDoesNotFitIsRefusedInOneLineWithNeedRoomAndAdvice() {
        MemoryBudget heap = MemoryBudget.ofHeap("this JVM's heap", 4 * GIB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> heap.require(
                "simulating 28 qubits", MemoryEstimate.stateVectors(28, 1), "set QTUNE_HEAP=5g"));
        assertEquals("simulating 28 qubits needs about 4.0 GiB (a state vector of 28 qubits: 4.0 GiB) but this JVM's "
                + "heap (-Xmx 4.0 GiB) has room for 3.6 GiB; set QTUNE_HEAP=5g", e.getMessage());
        heap.require("a small run", MemoryEstimate.stateVectors(20, 3), "never shown");
    }

    @Test
    void theSuggestedHeapIsTheSmallestWholeGibThatFits() {
        for (int n = 10; n <= 33; n++) {
            MemoryEstimate e = MemoryEstimate.stateVectors(n, 3);
            long heap = MemoryBudget.heapFor(e);
            assertEquals(0, heap % GIB);
            assertTrue(MemoryBudget.ofHeap("h", heap).fits(e), "n = " + n);
            assertFalse(heap > GIB && MemoryBudget.ofHeap("h", heap - GIB).fits(e), "n = " + n + ": not the smallest");
        }
        assertEquals("5g", MemoryBudget.heapOptionFor(MemoryEstimate.stateVectors(28, 1)));
        assertEquals(Long.MAX_VALUE, MemoryBudget.heapFor(MemoryEstimate.stateVectors(62, 1)));
    }

    @Test
    void thisJvmsHeapIsItsMaxMemoryLessTheReserve() {
        long max = Runtime.getRuntime().maxMemory();
        assertEquals(max - MemoryBudget.reserve(max), MemoryBudget.heap().bytes());
    }
}
