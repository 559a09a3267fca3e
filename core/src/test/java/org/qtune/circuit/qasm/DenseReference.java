package org.qtune.circuit.qasm;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;

/**
 * A deliberately naive simulator for the tests: the circuit's unitary as a product of its gates'
 * matrices, each expanded to the whole register with {@link Matrices#embed}, or (for circuits too
 * large for that) a state vector pushed through each gate matrix. It shares nothing with the code
 * under test but the gates' matrices.
 */
final class DenseReference {
    private DenseReference() {
    }

    /** The 2^n x 2^n unitary of a circuit with constant parameters; n at most 7. */
    static double[] unitary(Circuit circuit) {
        int n = circuit.numQubits();
        if (n > 7) {
            throw new IllegalArgumentException(n + " qubits is too many for a dense unitary");
        }
        double[] u = Matrices.identity(1 << n);
        for (Operation op : circuit.operations()) {
            double[] gate = op.matrix(op.constantParamValues());
            u = Matrices.multiply(Matrices.embed(gate, op.qubits(), n), u);
        }
        return u;
    }

    /** The state (interleaved re, im) after the circuit acts on {@code state}, which is not modified. */
    static double[] apply(Circuit circuit, double[] state) {
        double[] psi = state.clone();
        for (Operation op : circuit.operations()) {
            double[] gate = op.matrix(op.constantParamValues());
            int[] positions = op.qubits();
            int dg = 1 << positions.length, gateMask = Matrices.deposit(dg - 1, positions);
            double[] in = new double[2 * dg];
            for (int base = 0; base < psi.length / 2; base++) {
                if ((base & gateMask) != 0) {
                    continue;
                }
                for (int c = 0; c < dg; c++) {
                    int i = base | Matrices.deposit(c, positions);
                    in[2 * c] = psi[2 * i];
                    in[2 * c + 1] = psi[2 * i + 1];
                }
                for (int r = 0; r < dg; r++) {
                    double re = 0, im = 0;
                    for (int c = 0; c < dg; c++) {
                        double gr = gate[2 * (r * dg + c)], gi = gate[2 * (r * dg + c) + 1];
                        re += gr * in[2 * c] - gi * in[2 * c + 1];
                        im += gr * in[2 * c + 1] + gi * in[2 * c];
                    }
                    int i = base | Matrices.deposit(r, positions);
                    psi[2 * i] = re;
                    psi[2 * i + 1] = im;
                }
            }
        }
        return psi;
    }

    /** The matrix {@code e^{i phase} m}. */
    static double[] timesPhase(double[] m, double phase) {
        double c = Math.cos(phase), s = Math.sin(phase);
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i += 2) {
            r[i] = c * m[i] - s * m[i + 1];
            r[i + 1] = c * m[i + 1] + s * m[i];
        }
        return r;
    }

    /**
     * The matrix of a gate whose last qubit is the target and whose other (low) qubits select which
     * 2x2 matrix acts on it: {@code blocks[s]} for control bits {@code s}.
     */
    static double[] controlledByState(double[]... blocks) {
        int numStates = blocks.length, d = 2 * numStates;
        double[] m = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                int s = r % numStates;
                if (c % numStates != s) {
                    continue;
                }
                int tr = r / numStates, tc = c / numStates;
                m[2 * (r * d + c)] = blocks[s][2 * (tr * 2 + tc)];
                m[2 * (r * d + c) + 1] = blocks[s][2 * (tr * 2 + tc) + 1];
            }
        }
        return m;
    }
}
