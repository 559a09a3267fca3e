package org.qtune.resources;

/**
 * Memory a run may use in one place, and the check that refuses a run whose
 * {@link MemoryEstimate} exceeds it, before anything is allocated: the message says what the run
 * needs, what the place has and what to change, instead of an {@code OutOfMemoryError} after minutes
 * of work.
 *
 * @param where what the memory is, for messages ("this JVM's heap (-Xmx 4.0 GiB)")
 * @param bytes what the run's estimated parts may take there
 */
public record MemoryBudget(String where, long bytes) {
    /** The least a heap keeps back for the JVM's and the libraries' own objects. */
    public static final long MIN_RESERVE = 256L << 20;

    private static final long GIB = 1L << 30;

    public MemoryBudget {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative budget for " + where);
        }
    }

    /**
     * This JVM's heap ({@code Runtime.maxMemory()}, the {@code -Xmx}) less its {@link #reserve}: a
     * 4 GiB heap holds one 2 GiB state vector of 27 qubits, not the 4 GiB of 28.
     */
    public static MemoryBudget heap() {
        return ofHeap("this JVM's heap", Runtime.getRuntime().maxMemory());
    }

    /** A heap of {@code heapBytes} (another JVM's: an executor's), less its reserve. */
    public static MemoryBudget ofHeap(String what, long heapBytes) {
        return new MemoryBudget(what + " (-Xmx " + MemoryEstimate.format(heapBytes) + ")",
                Math.max(0, heapBytes - reserve(heapBytes)));
    }

    /**
     * What a heap keeps back for everything an estimate does not count: 256 MiB, or a tenth of a
     * heap over 2.5 GiB (the collector needs free regions to move objects through).
     */
    public static long reserve(long heapBytes) {
        return Math.max(MIN_RESERVE, heapBytes / 10);
    }

    /** The smallest heap, in whole GiB, whose budget holds {@code estimate} ({@code -Xmx} of the result). */
    public static long heapFor(MemoryEstimate estimate) {
        long need = estimate.bytes();
        if (need >= Long.MAX_VALUE / 2) {
            return Long.MAX_VALUE;
        }
        long heap = Math.max(need + MIN_RESERVE, need + need / 9 + 1);
        return (heap + GIB - 1) / GIB * GIB;
    }

    /** {@link #heapFor} as a JVM size option value: "6g". */
    public static String heapOptionFor(MemoryEstimate estimate) {
        long heap = heapFor(estimate);
        return heap == Long.MAX_VALUE ? "(more memory than any machine has)" : (heap / GIB) + "g";
    }

    /** Whether the estimate fits. */
    public boolean fits(MemoryEstimate estimate) {
        return estimate.bytes() <= bytes;
    }

    /**
     * Throws an IllegalArgumentException (one line) when {@code estimate} does not fit: "{@code job}
     * needs about 4.0 GiB (...) but this JVM's heap (-Xmx 4.0 GiB) has room for 3.6 GiB; {@code advice}".
     */
    public void require(String job, MemoryEstimate estimate, String advice) {
        if (!fits(estimate)) {
            throw new IllegalArgumentException(job + " needs about " + estimate.describe() + " but " + where
                    + " has room for " + MemoryEstimate.format(bytes) + (advice == null || advice.isEmpty() ? ""
                    : "; " + advice));
        }
    }
}
