package org.qtune.circuit.qasm;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A parsed gate-argument expression. OpenQASM 2.0 has no free parameters, so every expression is a
 * number once the enclosing gate definition's parameters are known: {@link #evaluate} takes their
 * values, by position. At the top level of a program there are none.
 */
sealed interface Expression {

    double evaluate(double[] parameters);

    /** The first token of the expression: where errors about its value point. */
    Token start();

    /**
     * The values of a gate call's arguments. A value that is not a finite number ({@code 0/0},
     * {@code ln(0)}, ...) is an error at its expression; {@code context} ends the message, e.g. with
     * the call that the gate body was expanded for.
     */
    static double[] evaluateArguments(List<Expression> arguments, double[] parameters, String gateName,
            String context) {
        double[] values = new double[arguments.size()];
        for (int k = 0; k < values.length; k++) {
            Expression e = arguments.get(k);
            values[k] = e.evaluate(parameters);
            if (!Double.isFinite(values[k])) {
                throw TokenStream.error(e.start(), "argument " + (k + 1) + " of '" + gateName + "' is not a finite"
                        + " number (" + values[k] + ")" + context);
            }
        }
        return values;
    }

    record Constant(double value, Token start) implements Expression {
        @Override
        public double evaluate(double[] parameters) {
            return value;
        }
    }

    /** A parameter of the enclosing gate definition, by its position in the definition's list. */
    record ParameterReference(int index, Token start) implements Expression {
        @Override
        public double evaluate(double[] parameters) {
            return parameters[index];
        }
    }

    record Negation(Expression operand, Token start) implements Expression {
        @Override
        public double evaluate(double[] parameters) {
            return -operand.evaluate(parameters);
        }
    }

    /** {@code + - * /} and {@code ^} (power). */
    record Binary(char operator, Expression left, Expression right, Token start) implements Expression {
        @Override
        public double evaluate(double[] parameters) {
            double a = left.evaluate(parameters), b = right.evaluate(parameters);
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                case '/' -> a / b;
                case '^' -> Math.pow(a, b);
                default -> throw new AssertionError(operator);
            };
        }
    }

    /** The unary functions of OpenQASM 2.0. */
    enum Function {
        SIN("sin", Math::sin),
        COS("cos", Math::cos),
        TAN("tan", Math::tan),
        EXP("exp", Math::exp),
        LN("ln", Math::log),
        SQRT("sqrt", Math::sqrt);

        private final String qasmName;
        private final DoubleUnaryOperator operator;

        Function(String qasmName, DoubleUnaryOperator operator) {
            this.qasmName = qasmName;
            this.operator = operator;
        }

        /** The function named {@code name} in OpenQASM, or null. */
        static Function byName(String name) {
            for (Function f : values()) {
                if (f.qasmName.equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    record Call(Function function, Expression argument, Token start) implements Expression {
        @Override
        public double evaluate(double[] parameters) {
            return function.operator.applyAsDouble(argument.evaluate(parameters));
        }
    }
}
