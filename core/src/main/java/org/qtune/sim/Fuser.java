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
    /** A fused group of gates, one step of a pass. */
    sealed interface Group permits DiagonalRun, Permutation, DenseBlock {
        int mask();
    }

    /** Diagonal gates, in order: one phase table. */
    record DiagonalRun(int mask, List<GateOp> factors) implements Group {
        DiagonalRun {
            factors = List.copyOf(factors);
        }
    }

    /** A single permutation gate kept as is (cheaper than a dense block). */
    record Permutation(GateOp gate) implements Group {
        @Override
        public int mask() {
            return gate.mask();
        }
    }

    /** A dense block: matrix bit j acts on qubits.get(j). */
    record DenseBlock(int mask, List<Integer> qubits, double[] matrix) implements Group {
        DenseBlock {
            qubits = List.copyOf(qubits);
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
                    groups.set(i, join(c, g));
                    placed = true;
                    break;
                }
                boolean commutes = (c.mask() & gm) == 0 || (c instanceof DiagonalRun && g.diagonal);
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
        if (g.diagonal) {
            return new DiagonalRun(g.mask(), List.of(g));
        }
        if (g.controlledX || g.controlledSwap) {
            return new Permutation(g);
        }
        List<Integer> qubits = new ArrayList<>();
        for (int q : g.qubits) {
            qubits.add(q);
        }
        return new DenseBlock(g.mask(), qubits, g.matrix);
    }

    private static boolean canJoin(Group c, GateOp g, int maxQubits, int insideMask, int lowQubits) {
        if (c instanceof DiagonalRun) {
            return g.diagonal;
        }
        if ((g.mask() & ~insideMask) != 0) {
            return false;
        }
        if (c instanceof Permutation || g.controlledX || g.controlledSwap) {
            // Permutation gates stay alone: their kernels move data without arithmetic, and their
            // controls may lie outside a cache tile.
            return false;
        }
        int union = Integer.bitCount(c.mask() | g.mask());
        if (union > maxQubits) {
            return false;
        }
        int kc = Integer.bitCount(c.mask()), kg = g.qubits.length;
        // A gate inside the block's qubits is free; otherwise merge only if the bigger block is cheaper,
        // and never into a multi-qubit block on the lowest qubits, whose SIMD kernel exists only for
        // one-qubit gates.
        if ((g.mask() & ~c.mask()) == 0) {
            return true;
        }
        if (g.diagonal) {
            // a diagonal gate that widens a dense block makes it denser; it belongs in a diagonal run
            return false;
        }
        if (((c.mask() | g.mask()) & ((1 << lowQubits) - 1)) != 0) {
            return false;
        }
        return (1 << union) <= (1 << kc) + (1 << kg) + PASS_COST;
    }

    /** The group with g appended (canJoin said it may). */
    private static Group join(Group c, GateOp g) {
        if (c instanceof DiagonalRun d) {
            List<GateOp> factors = new ArrayList<>(d.factors());
            factors.add(g);
            return new DiagonalRun(d.mask() | g.mask(), factors);
        }
        DenseBlock b = (DenseBlock) c;
        List<Integer> qubits = new ArrayList<>(b.qubits());
        for (int q : g.qubits) {
            if (!qubits.contains(q)) {
                qubits.add(q);
            }
        }
        int k = qubits.size();
        // Embed the existing block (its first qubits) and the new gate into the union, then multiply.
        int kOld = Integer.numberOfTrailingZeros(Matrices.dim(b.matrix()));
        int[] posOld = new int[kOld];
        for (int j = 0; j < kOld; j++) {
            posOld[j] = j;
        }
        int[] posNew = new int[g.qubits.length];
        for (int j = 0; j < posNew.length; j++) {
            posNew[j] = qubits.indexOf(g.qubits[j]);
        }
        double[] a = Matrices.embed(b.matrix(), posOld, k);
        double[] m = Matrices.embed(g.matrix, posNew, k);
        return new DenseBlock(b.mask() | g.mask(), qubits, Matrices.multiply(m, a));
    }
}
