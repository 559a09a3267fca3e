package org.qtune.spark.statevector;

import java.util.Arrays;

/**
 * Where each logical qubit of a distributed state lives. Physical positions 0..L-1 are local (bits of
 * the index inside a chunk), positions L..n-1 are global (bits of the chunk's index). Partition p
 * holds the chunk whose global bits are {@code p ^ flipMask}: an X gate on a global qubit only flips
 * a bit of this mask, moving no data. Immutable.
 */
public final class QubitLayout implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int numQubits;
    private final int localQubits;
    private final int[] physicalOf;
    private final int flipMask;

    private QubitLayout(int numQubits, int localQubits, int[] physicalOf, int flipMask) {
        this.numQubits = numQubits;
        this.localQubits = localQubits;
        this.physicalOf = physicalOf;
        this.flipMask = flipMask;
    }

    /** Logical qubit q at physical position q; the top {@code globalQubits} are global. */
    public static QubitLayout identity(int numQubits, int globalQubits) {
        if (globalQubits < 0 || globalQubits >= numQubits) {
            throw new IllegalArgumentException("need 0 <= global qubits < " + numQubits + ", got " + globalQubits);
        }
        int[] p = new int[numQubits];
        for (int q = 0; q < numQubits; q++) {
            p[q] = q;
        }
        return new QubitLayout(numQubits, numQubits - globalQubits, p, 0);
    }

    public int numQubits() {
        return numQubits;
    }

    public int localQubits() {
        return localQubits;
    }

    public int globalQubits() {
        return numQubits - localQubits;
    }

    public int physical(int logical) {
        return physicalOf[logical];
    }

    public int logical(int physical) {
        for (int q = 0; q < numQubits; q++) {
            if (physicalOf[q] == physical) {
                return q;
            }
        }
        throw new IllegalArgumentException("no qubit at physical position " + physical);
    }

    public boolean isLocalPhysical(int physical) {
        return physical < localQubits;
    }

    public int flipMask() {
        return flipMask;
    }

    /** The chunk (global bits) that partition p holds. */
    public int chunkOfPartition(int partition) {
        return partition ^ flipMask;
    }

    /** The layout after X on global physical position {@code physical}. */
    public QubitLayout flipped(int physical) {
        if (physical < localQubits) {
            throw new IllegalArgumentException("position " + physical + " is local");
        }
        return new QubitLayout(numQubits, localQubits, physicalOf, flipMask ^ (1 << (physical - localQubits)));
    }

    /**
     * The layout after exchanging global positions {@code globals[j]} with local positions
     * {@code locals[j]}. Flip bits of the exchanged global positions are cleared: those chunk bits now
     * hold former local bits, which carry no flip.
     */
    public QubitLayout swapped(int[] globals, int[] locals) {
        int[] p = physicalOf.clone();
        int flip = flipMask;
        for (int j = 0; j < globals.length; j++) {
            int lg = logical(globals[j]), ll = logical(locals[j]);
            p[lg] = locals[j];
            p[ll] = globals[j];
            flip &= ~(1 << (globals[j] - localQubits));
        }
        return new QubitLayout(numQubits, localQubits, p, flip);
    }

    /**
     * The physical index of logical basis state {@code logicalIndex}: its chunk is the index shifted
     * right by {@link #localQubits()}, stored in partition {@code chunk ^ flipMask}.
     */
    public long physicalIndex(long logicalIndex) {
        long v = 0;
        for (int q = 0; q < numQubits; q++) {
            v |= ((logicalIndex >>> q) & 1L) << physicalOf[q];
        }
        return v;
    }

    @Override
    public String toString() {
        return "QubitLayout[local=" + localQubits + ", physicalOf=" + Arrays.toString(physicalOf)
                + ", flip=" + Integer.toBinaryString(flipMask) + "]";
    }
}
