package org.qtune.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable quantum circuit: a number of qubits and a sequence of {@link Operation}s, built with
 * {@link #builder(int)}. Symbolic parameters are listed in order of first appearance; that order is
 * the order of the {@code double[] theta} vectors the simulator and the gradient methods take.
 */
public final class Circuit {
    private final int numQubits;
    private final List<Operation> operations;
    private final List<Parameter> parameters;
    private final Map<Parameter, Integer> parameterIndex;

    private Circuit(int numQubits, List<Operation> operations) {
        this.numQubits = numQubits;
        this.operations = Collections.unmodifiableList(new ArrayList<>(operations));
        Map<Parameter, Integer> index = new LinkedHashMap<>();
        for (Operation op : operations) {
            for (ParameterExpression e : op.params()) {
                if (!e.isConstant()) {
                    index.putIfAbsent(e.parameter(), index.size());
                }
            }
        }
        this.parameters = List.copyOf(index.keySet());
        this.parameterIndex = new HashMap<>(index);
    }

    public static Builder builder(int numQubits) {
        return new Builder(numQubits);
    }

    public int numQubits() {
        return numQubits;
    }

    public List<Operation> operations() {
        return operations;
    }

    public int size() {
        return operations.size();
    }

    /** The symbolic parameters, in order of first appearance. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public int numParameters() {
        return parameters.size();
    }

    /** The position of {@code p} in {@link #parameters()}; an error if the circuit does not use it. */
    public int parameterIndex(Parameter p) {
        Integer i = parameterIndex.get(p);
        if (i == null) {
            throw new IllegalArgumentException("circuit has no parameter '" + p.name() + "'");
        }
        return i;
    }

    /**
     * A new circuit with the named parameters replaced by numbers. Names the circuit does not use are
     * rejected; parameters not named stay symbolic.
     */
    public Circuit bind(Map<String, Double> values) {
        for (String name : values.keySet()) {
            if (!parameterIndex.containsKey(new Parameter(name))) {
                throw new IllegalArgumentException("circuit has no parameter '" + name + "'");
            }
        }
        List<Operation> ops = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            ParameterExpression[] ps = new ParameterExpression[op.gate().numParams()];
            for (int k = 0; k < ps.length; k++) {
                ParameterExpression e = op.param(k);
                ps[k] = e.isConstant() || !values.containsKey(e.parameter().name())
                        ? e : ParameterExpression.constant(e.evaluate(values));
            }
            ops.add(new Operation(op.gate(), op.qubits(), ps));
        }
        return new Circuit(numQubits, ops);
    }

    /** A new circuit with every parameter bound, {@code theta[i]} for {@code parameters().get(i)}. */
    public Circuit bind(double[] theta) {
        checkTheta(theta);
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < theta.length; i++) {
            values.put(parameters.get(i).name(), theta[i]);
        }
        return bind(values);
    }

    /** Throws unless {@code theta} has one value per parameter. */
    public void checkTheta(double[] theta) {
        if (theta.length != parameters.size()) {
            throw new IllegalArgumentException("circuit has " + parameters.size() + " parameter(s), got "
                    + theta.length + " value(s)");
        }
    }

    /** This circuit followed by {@code other} (which may use fewer qubits). */
    public Circuit compose(Circuit other) {
        if (other.numQubits > numQubits) {
            throw new IllegalArgumentException("cannot append a " + other.numQubits + "-qubit circuit to a "
                    + numQubits + "-qubit one");
        }
        List<Operation> ops = new ArrayList<>(operations);
        ops.addAll(other.operations);
        return new Circuit(numQubits, ops);
    }

    @Override
    public String toString() {
        return "Circuit[" + numQubits + " qubits, " + operations.size() + " operations, "
                + parameters.size() + " parameters]";
    }

    /** Collects operations; checks each against the qubit count as it is added. Not thread-safe. */
    public static final class Builder {
        private final int numQubits;
        private final List<Operation> operations = new ArrayList<>();

        private Builder(int numQubits) {
            if (numQubits < 1 || numQubits > 62) {
                throw new IllegalArgumentException("a circuit needs 1..62 qubits, got " + numQubits);
            }
            this.numQubits = numQubits;
        }

        public int numQubits() {
            return numQubits;
        }

        public Builder add(Operation op) {
            for (int q : op.qubits()) {
                if (q >= numQubits) {
                    throw new IllegalArgumentException("qubit " + q + " out of range for a " + numQubits
                            + "-qubit circuit in " + op);
                }
            }
            operations.add(op);
            return this;
        }

        /** A gate without parameters. */
        public Builder add(Gate gate, int... qubits) {
            return add(new Operation(gate, qubits));
        }

        /** A gate with numeric parameters. */
        public Builder add(Gate gate, double[] params, int... qubits) {
            ParameterExpression[] ps = new ParameterExpression[params.length];
            for (int k = 0; k < ps.length; k++) {
                ps[k] = ParameterExpression.constant(params[k]);
            }
            return add(new Operation(gate, qubits, ps));
        }

        /** A one-parameter gate with a numeric angle. */
        public Builder add(Gate gate, double angle, int... qubits) {
            return add(gate, new double[] {angle}, qubits);
        }

        /** A one-parameter gate whose angle is a symbolic parameter. */
        public Builder add(Gate gate, Parameter p, int... qubits) {
            return add(new Operation(gate, qubits, ParameterExpression.of(p)));
        }

        /** A gate with general (constant or affine) arguments. */
        public Builder add(Gate gate, ParameterExpression[] params, int... qubits) {
            return add(new Operation(gate, qubits, params));
        }

        public Builder addAll(Circuit c) {
            if (c.numQubits() > numQubits) {
                throw new IllegalArgumentException("cannot append a " + c.numQubits() + "-qubit circuit to a "
                        + numQubits + "-qubit builder");
            }
            c.operations().forEach(this::add);
            return this;
        }

        public Circuit build() {
            return new Circuit(numQubits, operations);
        }
    }
}
