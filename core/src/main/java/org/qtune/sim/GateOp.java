package org.qtune.sim;

import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;

/**
 * One gate with numbers bound: the qubits it acts on (matrix bit j = qubits[j]), its unitary, and
 * whether it is diagonal or a (controlled) X / SWAP, which have cheaper kernels than a dense matrix.
 * Immutable by convention (arrays are not exposed outside the package).
 */
final class GateOp {
    final int[] qubits;
    final double[] matrix;
    final boolean diagonal;
    /** X, CX, CCX, MCX. */
    final boolean controlledX;
    /** SWAP, CSWAP. */
    final boolean controlledSwap;
    final int numControls;

    GateOp(int[] qubits, double[] matrix, Gate gate) {
        this.qubits = qubits;
        this.matrix = matrix;
        this.diagonal = gate == null ? Matrices.isDiagonal(matrix) : gate.isDiagonal();
        this.controlledX = gate == Gate.X || gate == Gate.CX || gate == Gate.CCX || gate == Gate.MCX;
        this.controlledSwap = gate == Gate.SWAP || gate == Gate.CSWAP;
        this.numControls = gate == null ? 0 : gate.numControls(qubits.length);
    }

    /** A dense (or diagonal) gate with no special structure known. */
    static GateOp ofMatrix(int[] qubits, double[] matrix) {
        return new GateOp(qubits, matrix, null);
    }

    int mask() {
        int m = 0;
        for (int q : qubits) {
            m |= 1 << q;
        }
        return m;
    }

    /** The same gate acting on renamed qubits: qubit q becomes map[q]. */
    GateOp remap(int[] map) {
        int[] qs = new int[qubits.length];
        for (int j = 0; j < qs.length; j++) {
            qs[j] = map[qubits[j]];
        }
        GateOp g = new GateOp(qs, matrix, null, diagonal, controlledX, controlledSwap, numControls);
        return g;
    }

    private GateOp(int[] qubits, double[] matrix, Gate ignored, boolean diagonal, boolean cx, boolean cswap, int nc) {
        this.qubits = qubits;
        this.matrix = matrix;
        this.diagonal = diagonal;
        this.controlledX = cx;
        this.controlledSwap = cswap;
        this.numControls = nc;
    }
}
