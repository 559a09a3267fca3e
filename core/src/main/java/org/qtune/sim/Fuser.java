package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Matrices;

/**
 * Gate fusion: merges a sequence of gates into fewer, larger ones. Diagonal gates join a run of
 * diagonal gates (one pass for a whole CZ or CRZ ring); other gates join a dense block of at most
 * {@code maxQubits} qubits when that does not cost more arithmetic than applying them apart
 * (a block on k qubits costs about 2^k complex multiply-adds per amplitude, plus one pass over the
 * data each). A gate may join an earlier group when it commutes with every group after it; here
 * "commutes" means acts on disjoint qubits, or both diagonal.
 */
final class Fuser {
    /** A fused group: either a diagonal run (many factors) or one dense block. */
    static final class Group {
        final boolean diagonal;
        int mask;
        /** Dense block: qubits (matrix bit j = qubits.get(j)) and matrix. */
        final List<Integer> qubits = new ArrayList<>();
        double[] matrix;
        /** Diagonal run: the gates, in order. */
        final List<GateOp> factors = new ArrayList<>();
        /** A single permutation gate kept as is (cheaper than a dense block). */
        GateOp single;

        Group(boolean diagonal) {
            this.diagonal = diagonal;
        }
    }

    private static final int LOOKBACK = 16;
    /**
     * Cost of one more pass over the data, in complex multiply-adds per amplitude. Inside a cache tile
     * a pass is nearly free, so only merges that do not add arithmetic are worth it (two one-qubit
     * gates into one two-qubit block), not those that double it.
     */
    private static final int PASS_COST = 0;

    private Fuser() {
    }

    /**
     * Fuses {@code ops}; {@code insideMask} marks the qubits of the array the groups will run on (a
     * diagonal gate may touch others, read from a tile's fixed bits, but then it cannot join a dense
     * block).
     */
    static List<Group> fuse(List<GateOp> ops, int maxQubits, int insideMask, int lowQubits) {
        List<Group> groups = new ArrayList<>();
        for (GateOp g : ops) {
            int gm = g.mask();
            boolean placed = false;
            for (int i = groups.size() - 1; i >= 0 && i >= groups.size() - LOOKBACK; i--) {
                Group c = groups.get(i);
                if (canJoin(c, g, maxQubits, insideMask, lowQubits)) {
                    join(c, g);
                    placed = true;
                    break;
                }
                boolean commutes = (c.mask & gm) == 0 || (c.diagonal && g.diagonal);
                if (!commutes) {
                    break;
                }
            }
            if (!placed) {
                groups.add(start(g));
            }
        }
        return groups;
    }

    private static Group start(GateOp g) {
        Group c = new Group(g.diagonal);
        c.mask = g.mask();
        if (g.diagonal) {
            c.factors.add(g);
        } else if (g.controlledX || g.controlledSwap) {
            c.single = g;
            for (int q : g.qubits) {
                c.qubits.add(q);
            }
        } else {
            for (int q : g.qubits) {
                c.qubits.add(q);
            }
            c.matrix = g.matrix;
        }
        return c;
    }

    private static boolean canJoin(Group c, GateOp g, int maxQubits, int insideMask, int lowQubits) {
        if (c.diagonal) {
            return g.diagonal;
        }
        if ((g.mask() & ~insideMask) != 0) {
            return false;
        }
        if (c.single != null || g.controlledX || g.controlledSwap) {
            // Permutation gates stay alone: their kernels move data without arithmetic, and their
            // controls may lie outside a cache tile.
            return false;
        }
        int union = Integer.bitCount(c.mask | g.mask());
        if (union > maxQubits) {
            return false;
        }
        int kc = Integer.bitCount(c.mask), kg = g.qubits.length;
        // A gate inside the block's qubits is free; otherwise merge only if the bigger block is cheaper,
        // and never into a multi-qubit block on the lowest qubits, whose SIMD kernel exists only for
        // one-qubit gates.
        if ((g.mask() & ~c.mask) == 0) {
            return true;
        }
        if (g.diagonal) {
            // a diagonal gate that widens a dense block makes it denser; it belongs in a diagonal run
            return false;
        }
        if (((c.mask | g.mask()) & ((1 << lowQubits) - 1)) != 0) {
            return false;
        }
        return (1 << union) <= (1 << kc) + (1 << kg) + PASS_COST;
    }

    private static void join(Group c, GateOp g) {
        if (c.diagonal) {
            c.factors.add(g);
            c.mask |= g.mask();
            return;
        }
        for (int q : g.qubits) {
            if (!c.qubits.contains(q)) {
                c.qubits.add(q);
            }
        }
        c.mask |= g.mask();
        int k = c.qubits.size();
        // Embed the existing block (its first qubits) and the new gate into the union, then multiply.
        int kOld = Integer.numberOfTrailingZeros(Matrices.dim(c.matrix));
        int[] posOld = new int[kOld];
        for (int j = 0; j < kOld; j++) {
            posOld[j] = j;
        }
        int[] posNew = new int[g.qubits.length];
        for (int j = 0; j < posNew.length; j++) {
            posNew[j] = c.qubits.indexOf(g.qubits[j]);
        }
        double[] a = Matrices.embed(c.matrix, posOld, k);
        double[] b = Matrices.embed(g.matrix, posNew, k);
        c.matrix = Matrices.multiply(b, a);
    }
}
