package org.qtune.circuit.qasm;

import java.util.List;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * stdgates.inc's {@code cu(θ, φ, λ, γ) c, t}: u3(θ, φ, λ) on t controlled by c, with the phase
 * {@code e^{iγ}} on the states where c is 1 (Qiskit's CUGate, which Qiskit writes as {@code cu}).
 * stdgates.inc defines it as {@code p(γ-θ/2) c; ctrl @ U(θ, φ, λ) c, t;}, which is the same, because
 * OpenQASM 3's {@code U} is Qiskit's u3 times {@code e^{iθ/2}}.
 *
 * <p>It expands to {@link Gate#CU3} and then {@link Gate#P}(γ) on the control, an exact
 * decomposition (both are diagonal in the control). The P is left out when γ is the constant 0, so
 * {@code cu(θ, φ, λ, 0)}, which is how {@link QasmWriter} writes CU3, reads back as that one CU3.
 */
record CuGate() implements QasmGate {

    @Override
    public String name() {
        return "cu";
    }

    @Override
    public int numParams() {
        return 4;
    }

    @Override
    public int numQubits() {
        return 2;
    }

    @Override
    public void expand(ParameterExpression[] params, int[] qubits, Token callSite, List<Operation> out) {
        out.add(new Operation(Gate.CU3, qubits, params[0], params[1], params[2]));
        ParameterExpression gamma = params[3];
        if (!gamma.isConstant() || gamma.constantValue() != 0) {
            out.add(new Operation(Gate.P, new int[] {qubits[0]}, gamma));
        }
    }
}
