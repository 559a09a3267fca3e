package org.qtune.circuit;

import java.util.Arrays;
import java.util.List;

/**
 * One gate applied to qubits, with its (possibly symbolic) arguments. Immutable: the arrays are copied
 * in and out.
 */
public final class Operation {
    private final Gate gate;
    private final int[] qubits;
    private final ParameterExpression[] params;

    public Operation(Gate gate, int[] qubits, ParameterExpression... params) {
        this.gate = gate;
        this.qubits = qubits.clone();
        this.params = params.clone();
        if (gate.arity() > 0 ? qubits.length != gate.arity() : qubits.length < 1) {
            throw new IllegalArgumentException(gate.qasmName() + " acts on "
                    + (gate.arity() > 0 ? gate.arity() : "at least 1") + " qubit(s), got " + qubits.length);
        }
        if (params.length != gate.numParams()) {
            throw new IllegalArgumentException(gate.qasmName() + " takes " + gate.numParams()
                    + " parameter(s), got " + params.length);
        }
        for (int i = 0; i < qubits.length; i++) {
            if (qubits[i] < 0) {
                throw new IllegalArgumentException("negative qubit index " + qubits[i]);
            }
            for (int j = 0; j < i; j++) {
                if (qubits[i] == qubits[j]) {
                    throw new IllegalArgumentException(gate.qasmName() + " uses qubit " + qubits[i] + " twice");
                }
            }
        }
        for (ParameterExpression p : params) {
            if (p == null) {
                throw new IllegalArgumentException("null parameter for " + gate.qasmName());
            }
        }
    }

    public Gate gate() {
        return gate;
    }

    public int numQubits() {
        return qubits.length;
    }

    public int qubit(int j) {
        return qubits[j];
    }

    public int[] qubits() {
        return qubits.clone();
    }

    public ParameterExpression param(int k) {
        return params[k];
    }

    public List<ParameterExpression> params() {
        return List.of(params);
    }

    public boolean isParameterized() {
        for (ParameterExpression p : params) {
            if (!p.isConstant()) {
                return true;
            }
        }
        return false;
    }

    /** The numeric arguments, with symbolic ones looked up in {@code theta} by their index in {@code circuit}. */
    public double[] paramValues(Circuit circuit, double[] theta) {
        double[] v = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            ParameterExpression e = params[k];
            v[k] = e.isConstant() ? e.constantValue() : e.evaluate(theta[circuit.parameterIndex(e.parameter())]);
        }
        return v;
    }

    /** The numeric arguments of an operation whose arguments are all constants. */
    public double[] constantParamValues() {
        double[] v = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            v[k] = params[k].constantValue();
        }
        return v;
    }

    /** The unitary for the given argument values. */
    public double[] matrix(double[] values) {
        return gate.matrix(qubits.length, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operation op && op.gate == gate && Arrays.equals(op.qubits, qubits)
                && Arrays.equals(op.params, params);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * gate.hashCode() + Arrays.hashCode(qubits)) + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(gate.qasmName());
        if (params.length > 0) {
            s.append('(');
            for (int k = 0; k < params.length; k++) {
                s.append(k > 0 ? ", " : "").append(params[k]);
            }
            s.append(')');
        }
        s.append(' ');
        for (int j = 0; j < qubits.length; j++) {
            s.append(j > 0 ? ", " : "").append("q[").append(qubits[j]).append(']');
        }
        return s.toString();
    }
}
