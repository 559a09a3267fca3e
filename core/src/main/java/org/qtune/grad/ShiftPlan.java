package org.qtune.grad;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;

/**
 * A parameter-shift gradient laid out as a list of plain parameter vectors, so that a caller can
 * evaluate all of them at once (one Spark job, one batch of circuits). Every symbolic gate argument of
 * the circuit becomes its own parameter of an {@link #expanded() expanded} circuit, so shifting one
 * occurrence of a shared parameter is just another vector; the rules are those of
 * {@link ParameterShiftGradient} (two terms, four for controlled rotations). The expanded circuit does
 * not depend on the point: one plan serves every step of an optimization.
 */
public final class ShiftPlan {
    private final Circuit circuit;
    private final Circuit expanded;
    private final ParameterExpression[] arguments; // argument a of the expanded circuit, over the original parameters
    private final int[] owner; // the original parameter of argument a
    private final boolean[] fourTerm;
    private final int pointsPerGradient;

    private ShiftPlan(Circuit circuit) {
        this.circuit = circuit;
        Circuit.Builder b = Circuit.builder(circuit.numQubits());
        List<ParameterExpression> args = new ArrayList<>();
        List<Boolean> four = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            ParameterExpression[] ps = new ParameterExpression[op.gate().numParams()];
            for (int j = 0; j < ps.length; j++) {
                ParameterExpression e = op.param(j);
                if (e.isConstant() || e.coefficient() == 0) {
                    ps[j] = ParameterExpression.constant(e.isConstant() ? e.constantValue() : e.offset());
                    continue;
                }
                ps[j] = ParameterExpression.of(Parameter.of("a" + args.size()));
                args.add(e);
                four.add(ParameterShiftGradient.fourTerm(op.gate(), j));
            }
            b.add(op.gate(), ps, op.qubits());
        }
        this.expanded = b.build();
        this.arguments = args.toArray(new ParameterExpression[0]);
        this.owner = new int[arguments.length];
        this.fourTerm = new boolean[arguments.length];
        int points = 1;
        for (int a = 0; a < arguments.length; a++) {
            owner[a] = circuit.parameterIndex(arguments[a].parameter());
            fourTerm[a] = four.get(a);
            points += fourTerm[a] ? 4 : 2;
        }
        this.pointsPerGradient = points;
    }

    public static ShiftPlan of(Circuit circuit) {
        return new ShiftPlan(circuit);
    }

    /** The circuit with one parameter per symbolic argument, named a0, a1, ... in gate order. */
    public Circuit expanded() {
        return expanded;
    }

    /** The number of vectors {@link #points} returns: the base point and every shift. */
    public int pointsPerGradient() {
        return pointsPerGradient;
    }

    /** The expanded circuit's parameter vector equivalent to {@code theta} of the original circuit. */
    public double[] angles(double[] theta) {
        circuit.checkTheta(theta);
        double[] a = new double[arguments.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = arguments[i].evaluate(theta[owner[i]]);
        }
        return a;
    }

    /** The expanded circuit's arguments. */
    public int argumentCount() {
        return arguments.length;
    }

    /**
     * The shifts of argument a, in the order {@link #points} applies them after the base point
     * (arguments in order): +-pi/2, and +-3pi/2 for a controlled rotation's four-term rule.
     */
    public double[] shifts(int a) {
        return fourTerm[a] ? new double[] {Math.PI / 2, -Math.PI / 2, 3 * Math.PI / 2, -3 * Math.PI / 2}
                : new double[] {Math.PI / 2, -Math.PI / 2};
    }

    /** The expanded circuit's vectors for the gradient at {@code theta}: the base point first, then each shift. */
    public double[][] points(double[] theta) {
        double[] base = angles(theta);
        double[][] out = new double[pointsPerGradient][];
        out[0] = base;
        int next = 1;
        for (int a = 0; a < base.length; a++) {
            for (double shift : shifts(a)) {
                double[] p = base.clone();
                p[a] += shift;
                out[next++] = p;
            }
        }
        return out;
    }

    /**
     * The value and gradient (over the original parameters) from the expectations at
     * {@link #points}, read from {@code values[offset .. offset + pointsPerGradient())}.
     */
    public Gradient combine(double[] values, int offset) {
        if (offset < 0 || offset + pointsPerGradient > values.length) {
            throw new IllegalArgumentException("need " + pointsPerGradient + " values from offset " + offset
                    + ", have " + values.length);
        }
        double[] grad = new double[circuit.numParameters()];
        int next = offset + 1;
        for (int a = 0; a < arguments.length; a++) {
            double d;
            if (fourTerm[a]) {
                d = ParameterShiftGradient.D_PLUS * (values[next] - values[next + 1]) - ParameterShiftGradient.D_MINUS * (values[next + 2] - values[next + 3]);
                next += 4;
            } else {
                d = 0.5 * (values[next] - values[next + 1]);
                next += 2;
            }
            grad[owner[a]] += arguments[a].coefficient() * d;
        }
        return new Gradient(values[offset], grad);
    }
}
