package org.qtune.circuit.qasm;

import java.util.List;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * An OpenQASM gate name that maps to one qtune {@link Gate} with the same parameters in the same
 * order, e.g. {@code u1 -> P} or {@code c3x -> MCX} on 4 qubits.
 */
record NativeGate(String name, Gate gate, int numQubits) implements QasmGate {

    NativeGate(String name, Gate gate) {
        this(name, gate, gate.arity());
    }

    @Override
    public int numParams() {
        return gate.numParams();
    }

    @Override
    public void expand(ParameterExpression[] params, int[] qubits, Token callSite, List<Operation> out) {
        out.add(new Operation(gate, qubits, params));
    }
}
