package org.qtune.circuit.qasm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Parameter;

/**
 * The input parameters of an OpenQASM 3 program ({@code input float[64] theta;}), in declaration
 * order. Each is a symbolic {@link Parameter} of the circuit, with the name as written in the file:
 * Qiskit writes the element {@code θ[0]} of a ParameterVector as {@code _θ_0_}, and that is the
 * parameter's name here too.
 */
final class Inputs {
    private record Input(Parameter parameter, Token declaredAt) {
    }

    private final Map<String, Input> byName = new LinkedHashMap<>();

    /** Declares the input {@code name}; the caller has checked that the name is free. */
    void declare(Token name) {
        byName.put(name.text(), new Input(Parameter.of(name.text()), name));
    }

    /** The parameter declared as {@code name}, or null. */
    Parameter lookUp(String name) {
        Input input = byName.get(name);
        return input == null ? null : input.parameter();
    }

    /** Where {@code name} was declared, or null when it is not an input. */
    Token declaredAt(String name) {
        Input input = byName.get(name);
        return input == null ? null : input.declaredAt();
    }

    /** The declared parameters, used or not, in declaration order. */
    List<Parameter> parameters() {
        return byName.values().stream().map(Input::parameter).toList();
    }
}
