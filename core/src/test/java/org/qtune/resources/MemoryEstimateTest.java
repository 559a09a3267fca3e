package org.qtune.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
    @Test
    void aStateVectorIsSixteenBytesPerAmplitudeTimesItsCopies() {
        assertEquals(4L << 30, MemoryEstimate.stateVectors(28, 1).bytes());
        assertEquals(3 * (16L << 10), MemoryEstimate.stateVectors(10, 3).bytes());
        assertEquals(1024L * (16L << 18) * 2, MemoryEstimate.batchStates(18, 1024, 2).bytes());
        assertEquals(100_000_000L * MemoryEstimate.BYTES_PER_GATE, MemoryEstimate.circuit(100_000_000).bytes());
    }

    @Test
    void outcomesAreBoundedByTheNumberOfBasisStates() {
        assertEquals(16 * MemoryEstimate.BYTES_PER_OUTCOME, MemoryEstimate.outcomes("samples", 1_000_000_000, 4).bytes());
        assertEquals(10 * MemoryEstimate.BYTES_PER_OUTCOME, MemoryEstimate.outcomes("top", 10, 28).bytes());
        assertEquals(0, MemoryEstimate.outcomes("top", 0, 28).bytes());
    }

    @Test
    void absurdSizesSaturateInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, MemoryEstimate.stateVectors(64, 3).bytes());
        assertEquals(Long.MAX_VALUE, MemoryEstimate.batchStates(40, Integer.MAX_VALUE, 2).bytes());
        assertEquals(Long.MAX_VALUE, MemoryEstimate.circuit(Long.MAX_VALUE / 2).bytes());
        assertEquals(Long.MAX_VALUE, MemoryEstimate.stateVectors(40, 1).plus(MemoryEstimate.stateVectors(62, 1)).bytes());
        assertEquals("more than 8 EiB", MemoryEstimate.format(Long.MAX_VALUE));
    }

    @Test
    void theDescriptionGivesTheTotalAndEveryPart() {
        MemoryEstimate e = MemoryEstimate.stateVectors(28, 1).plus("samples", 3L << 20);
        assertEquals("4.0 GiB (a state vector of 28 qubits: 4.0 GiB; samples: 3.0 MiB)", e.describe());
        assertEquals("512 B", MemoryEstimate.format(512));
        assertEquals("1.5 KiB", MemoryEstimate.format(1536));
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.of("x", -1));
        assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.stateVectors(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> MemoryEstimate.batchStates(4, -2, 1));
    }
}
