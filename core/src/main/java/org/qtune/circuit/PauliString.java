package org.qtune.circuit;

import java.util.Locale;

/**
 * A tensor product of Pauli operators, stored as two bit masks over qubits 0..62: qubit q carries X if
 * only bit q of {@code xMask} is set, Z if only bit q of {@code zMask} is set, Y if both are set, and
 * the identity if neither. (Y is the Hermitian Pauli Y, not XZ.) Immutable.
 */
public record PauliString(long xMask, long zMask) {

    public static final PauliString IDENTITY = new PauliString(0, 0);

    /** One Pauli ('I', 'X', 'Y' or 'Z') on one qubit. */
    public static PauliString single(char pauli, int qubit) {
        if (qubit < 0 || qubit > 62) {
            throw new IllegalArgumentException("qubit index " + qubit + " out of range 0..62");
        }
        long bit = 1L << qubit;
        return switch (Character.toUpperCase(pauli)) {
            case 'I' -> IDENTITY;
            case 'X' -> new PauliString(bit, 0);
            case 'Y' -> new PauliString(bit, bit);
            case 'Z' -> new PauliString(0, bit);
            default -> throw new IllegalArgumentException("not a Pauli operator: '" + pauli + "'");
        };
    }

    /** The product with a Pauli on a qubit this string leaves as the identity. */
    public PauliString with(char pauli, int qubit) {
        PauliString s = single(pauli, qubit);
        if (((xMask | zMask) & ((s.xMask | s.zMask))) != 0) {
            throw new IllegalArgumentException("qubit " + qubit + " appears twice in one Pauli string");
        }
        return new PauliString(xMask | s.xMask, zMask | s.zMask);
    }

    /** The Pauli ('I', 'X', 'Y', 'Z') on qubit q. */
    public char pauliAt(int q) {
        boolean x = (xMask >>> q & 1) != 0, z = (zMask >>> q & 1) != 0;
        return x ? (z ? 'Y' : 'X') : (z ? 'Z' : 'I');
    }

    /** The qubits with a non-identity Pauli. */
    public long support() {
        return xMask | zMask;
    }

    /** True when the string has only I and Z (diagonal in the computational basis). */
    public boolean isDiagonal() {
        return xMask == 0;
    }

    /** 1 + the highest qubit index used, or 0 for the identity. */
    public int minQubits() {
        return 64 - Long.numberOfLeadingZeros(support());
    }

    /** Text such as {@code Z0 Z1 X3}, or {@code I} for the identity. */
    @Override
    public String toString() {
        if (support() == 0) {
            return "I";
        }
        StringBuilder s = new StringBuilder();
        for (int q = 0; q < 63; q++) {
            char p = pauliAt(q);
            if (p != 'I') {
                s.append(s.length() > 0 ? " " : "").append(p).append(q);
            }
        }
        return s.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * Appends the basis change that measures this string in the computational basis: S-dagger then H
     * on each Y qubit, H on each X qubit. Afterwards the string's value is the parity of its support.
     */
    public Circuit.Builder appendBasisChange(Circuit.Builder b, int numQubits) {
        for (int q = 0; q < numQubits; q++) {
            char c = pauliAt(q);
            if (c == 'Y') {
                b.add(Gate.SDG, q);
            }
            if (c == 'X' || c == 'Y') {
                b.add(Gate.H, q);
            }
        }
        return b;
    }
}
