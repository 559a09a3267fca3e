package org.qtune.circuit.qasm;

import java.util.List;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * A gate defined in OpenQASM ({@code gate name(params) qubits { body }}), from a program or from
 * {@link Qelib1}. Calling it expands the body with the parameters substituted; the body calls only
 * gates defined before it, so the expansion always ends.
 */
final class GateDefinition implements QasmGate {

    /**
     * One gate call in a body: its argument expressions over the definition's parameters, and its
     * qubits as positions in the definition's qubit list.
     */
    record Call(QasmGate gate, List<Expression> arguments, int[] qubits) {
    }

    private final String name;
    private final Token declaredAt;
    private final List<String> parameterNames;
    private final List<String> qubitNames;
    private final List<Call> body;

    GateDefinition(String name, Token declaredAt, List<String> parameterNames, List<String> qubitNames,
            List<Call> body) {
        this.name = name;
        this.declaredAt = declaredAt;
        this.parameterNames = List.copyOf(parameterNames);
        this.qubitNames = List.copyOf(qubitNames);
        this.body = List.copyOf(body);
    }

    @Override
    public String name() {
        return name;
    }

    /** Where the definition starts (its {@code gate} keyword): named in "redeclared gate" errors. */
    Token declaredAt() {
        return declaredAt;
    }

    @Override
    public int numParams() {
        return parameterNames.size();
    }

    @Override
    public int numQubits() {
        return qubitNames.size();
    }

    @Override
    public void expand(ParameterExpression[] params, int[] qubits, Token callSite, List<Operation> out) {
        String context = " (in the body of '" + name + "', expanded for the call at line " + callSite.line()
                + ", column " + callSite.column() + ")";
        for (Call call : body) {
            ParameterExpression[] values =
                    Expression.evaluateArguments(call.arguments(), params, call.gate().name(), context);
            int[] targets = new int[call.qubits().length];
            for (int j = 0; j < targets.length; j++) {
                targets[j] = qubits[call.qubits()[j]];
            }
            call.gate().expand(values, targets, callSite, out);
        }
    }
}
