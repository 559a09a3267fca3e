package org.qtune.sim;

import java.util.Arrays;
import org.qtune.circuit.Gate;

/**
 * A gate with its numbers bound: the qubits it acts on (matrix bit j is qubits[j], little-endian as
 * in {@link Gate#matrix}), its matrix, and the gate it came from (null for an arbitrary matrix). This
 * is what travels to Spark executors in place of a symbolic circuit: plain arrays and an enum.
 * The arrays are copied in and out.
 */
public record BoundGate(Gate gate, int[] qubits, double[] matrix) {
    public BoundGate {
        qubits = qubits.clone();
        matrix = matrix.clone();
        if (matrix.length != 2 << (2 * qubits.length)) {
            throw new IllegalArgumentException("a " + qubits.length + "-qubit gate needs a "
                    + (1 << qubits.length) + "x" + (1 << qubits.length) + " complex matrix");
        }
    }

    @Override
    public int[] qubits() {
        return qubits.clone();
    }

    @Override
    public double[] matrix() {
        return matrix.clone();
    }

    /** Diagonal in the computational basis (no amplitude moves). */
    public boolean isDiagonal() {
        return gate != null ? gate.isDiagonal() : org.qtune.circuit.Matrices.isDiagonal(matrix);
    }

    /** The number of leading qubits that only control (X and SWAP gates can keep them anywhere). */
    public int numControls() {
        return gate == null ? 0 : gate.numControls(qubits.length);
    }

    /** True for X, CX, CCX, MCX, SWAP, CSWAP, whose controls need not be held in the same array. */
    public boolean isControlledPermutation() {
        return gate == Gate.X || gate == Gate.CX || gate == Gate.CCX || gate == Gate.MCX
                || gate == Gate.SWAP || gate == Gate.CSWAP;
    }

    GateOp toOp() {
        return new GateOp(qubits.clone(), matrix.clone(), gate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundGate b && b.gate == gate && Arrays.equals(b.qubits, qubits)
                && Arrays.equals(b.matrix, matrix);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(gate) + Arrays.hashCode(qubits)) + Arrays.hashCode(matrix);
    }

    @Override
    public String toString() {
        return (gate == null ? "matrix" : gate.qasmName()) + Arrays.toString(qubits);
    }
}
