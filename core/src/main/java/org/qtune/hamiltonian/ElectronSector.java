package org.qtune.hamiltonian;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.PauliSum;

/**
 * Exact diagonalization of a Jordan-Wigner Hamiltonian within one electron-number sector (full
 * configuration interaction): the matrix over the computational basis states with the given number
 * of up electrons (even qubits, 2p) and down electrons (odd qubits, 2p + 1), built term by term from
 * the Pauli sum. The sector has C(n/2, up) C(n/2, down) states, 225 for 4 electrons in 12 spin
 * orbitals, where the whole space has 4096.
 */
public final class ElectronSector {
    private static final long EVEN_QUBITS = 0x5555_5555_5555_5555L;

    private ElectronSector() {
    }

    /** The lowest eigenvalue in the sector with {@code up} and {@code down} electrons on {@code qubits} qubits. */
    public static double groundEnergy(PauliSum h, int qubits, int up, int down) {
        return SymmetricEigen.of(matrix(h, qubits, up, down)).values()[0];
    }

    /** The lowest eigenvalue of a sector and the sector's electron numbers. */
    public record Lowest(double energy, int up, int down) {
        public int electrons() {
            return up + down;
        }
    }

    /**
     * The lowest eigenvalue over the whole 2^n space, found sector by sector (every sector is
     * invariant), and the sector holding it (the one with the fewest electrons among equal energies
     * within 1e-9). A particle-number-breaking ansatz such as VQE's hardware-efficient one can reach
     * any sector, so this, not the ground energy of the molecule's own sector, is its floor.
     */
    public static Lowest lowest(PauliSum h, int qubits) {
        Lowest best = null;
        for (int electrons = 0; electrons <= qubits; electrons++) {
            for (int up = Math.max(0, electrons - qubits / 2); up <= Math.min(electrons, qubits / 2); up++) {
                double e = groundEnergy(h, qubits, up, electrons - up);
                if (best == null || e < best.energy() - 1e-9) {
                    best = new Lowest(e, up, electrons - up);
                }
            }
        }
        return best;
    }

    /** The basis states of the sector, ascending. */
    static int[] states(int qubits, int up, int down) {
        if (qubits % 2 != 0 || qubits > 30) {
            throw new IllegalArgumentException("need an even number of qubits up to 30, got " + qubits);
        }
        if (up < 0 || down < 0 || up > qubits / 2 || down > qubits / 2) {
            throw new IllegalArgumentException(up + " up and " + down + " down electrons do not fit in "
                    + qubits / 2 + " orbitals");
        }
        List<Integer> states = new ArrayList<>();
        for (int s = 0; s < 1 << qubits; s++) {
            if (Long.bitCount(s & EVEN_QUBITS) == up && Long.bitCount(s & ~EVEN_QUBITS) == down) {
                states.add(s);
            }
        }
        return states.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The real symmetric matrix of {@code h} on the sector's states (in {@link #states} order).
     *
     * @throws IllegalArgumentException if {@code h} has a term with an odd number of Y (not real), uses
     *     qubits beyond {@code qubits}, or couples the sector to others (does not conserve the numbers)
     */
    static double[][] matrix(PauliSum h, int qubits, int up, int down) {
        if (h.minQubits() > qubits) {
            throw new IllegalArgumentException("the Hamiltonian acts on " + h.minQubits() + " qubits, not " + qubits);
        }
        int[] states = states(qubits, up, down);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < states.length; i++) {
            index.put(states[i], i);
        }
        double[][] m = new double[states.length][states.length];
        for (int col = 0; col < states.length; col++) {
            int j = states[col];
            // single Pauli strings leave the sector; the full sum must not
            Map<Integer, Double> leaked = new HashMap<>();
            for (PauliSum.Term t : h.terms()) {
                long x = t.pauli().xMask(), z = t.pauli().zMask();
                int ny = Long.bitCount(x & z) & 3;
                if ((ny & 1) != 0) {
                    throw new IllegalArgumentException("term " + t.pauli() + " has an odd number of Y: not real");
                }
                // P|j> = i^ny (-1)^|j & z| |j ^ x>
                double v = t.coefficient() * ((Long.bitCount(j & z) & 1) == 0 ? 1 : -1) * (ny == 2 ? -1 : 1);
                int target = (int) (j ^ x);
                Integer row = index.get(target);
                if (row != null) {
                    m[row][col] += v;
                } else {
                    leaked.merge(target, v, Double::sum);
                }
            }
            for (double v : leaked.values()) {
                if (Math.abs(v) > 1e-9) {
                    throw new IllegalArgumentException("the Hamiltonian couples the sector of " + up + " up and "
                            + down + " down electrons to others");
                }
            }
        }
        return m;
    }
}
