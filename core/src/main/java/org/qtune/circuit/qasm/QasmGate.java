package org.qtune.circuit.qasm;

import java.util.List;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * A gate an OpenQASM program can call by name: a qtune {@link org.qtune.circuit.Gate}, a definition,
 * or stdgates.inc's four-parameter {@code cu}.
 */
sealed interface QasmGate permits NativeGate, GateDefinition, CuGate {

    String name();

    int numParams();

    int numQubits();

    /**
     * Appends to {@code out} the operations of this gate called with {@code params} (constants, or
     * affine in an input parameter) on {@code qubits} (indices in the circuit). {@code callSite} is
     * the top-level call being expanded, for messages.
     */
    void expand(ParameterExpression[] params, int[] qubits, Token callSite, List<Operation> out);
}
