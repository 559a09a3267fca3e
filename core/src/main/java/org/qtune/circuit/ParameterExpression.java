package org.qtune.circuit;

import java.util.Map;

/**
 * A gate argument: either a constant, or the affine expression {@code coefficient * parameter + offset}
 * of one symbolic {@link Parameter}. Immutable.
 */
public record ParameterExpression(Parameter parameter, double coefficient, double offset) {

    public static ParameterExpression constant(double value) {
        return new ParameterExpression(null, 0, value);
    }

    public static ParameterExpression of(Parameter p) {
        return new ParameterExpression(p, 1, 0);
    }

    public static ParameterExpression affine(double coefficient, Parameter p, double offset) {
        return new ParameterExpression(p, coefficient, offset);
    }

    public boolean isConstant() {
        return parameter == null;
    }

    /** The value of a constant expression. */
    public double constantValue() {
        if (parameter != null) {
            throw new IllegalStateException("expression depends on parameter " + parameter);
        }
        return offset;
    }

    /** The value given the parameter's value (ignored for constants). */
    public double evaluate(double parameterValue) {
        return parameter == null ? offset : coefficient * parameterValue + offset;
    }

    /** The value with the parameter looked up by name; a missing name is an error. */
    public double evaluate(Map<String, Double> values) {
        if (parameter == null) {
            return offset;
        }
        Double v = values.get(parameter.name());
        if (v == null) {
            throw new IllegalArgumentException("no value for parameter '" + parameter.name() + "'");
        }
        return coefficient * v + offset;
    }

    /** This expression scaled and shifted: {@code a * this + b}. */
    public ParameterExpression scaled(double a, double b) {
        return new ParameterExpression(parameter, coefficient * a, offset * a + b);
    }

    @Override
    public String toString() {
        if (parameter == null) {
            return Double.toString(offset);
        }
        StringBuilder s = new StringBuilder();
        if (coefficient != 1) {
            s.append(coefficient).append('*');
        }
        s.append(parameter.name());
        if (offset != 0) {
            s.append(offset > 0 ? " + " : " - ").append(Math.abs(offset));
        }
        return s.toString();
    }
}
