package org.qtune.circuit.qasm;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;

/**
 * A parsed gate-argument expression. Its value is a {@link ParameterExpression}: a number, or (in
 * OpenQASM 3, which has {@code input} parameters) {@code a*p + b} in one input parameter {@code p}.
 * {@link #evaluate} takes the values of the enclosing gate definition's parameters, by position; at
 * the top level of a program there are none. Arithmetic follows {@link Affine}.
 */
sealed interface Expression {

    /**
     * The value, given the enclosing definition's parameter values.
     *
     * @throws QasmException at the offending operation when the value is not affine in one parameter
     */
    ParameterExpression evaluate(ParameterExpression[] parameters);

    /** The first token of the expression: where errors about its value point. */
    Token start();

    /**
     * The values of a gate call's arguments. A value that is not a finite number ({@code 0/0},
     * {@code ln(0)}, ...) or not affine in one parameter is an error at its expression; {@code context}
     * ends the message, e.g. with the call that the gate body was expanded for.
     */
    static ParameterExpression[] evaluateArguments(List<Expression> arguments, ParameterExpression[] parameters,
            String gateName, String context) {
        ParameterExpression[] values = new ParameterExpression[arguments.size()];
        for (int k = 0; k < values.length; k++) {
            Expression e = arguments.get(k);
            try {
                values[k] = e.evaluate(parameters);
            } catch (QasmException notAffine) {
                throw context.isEmpty() ? notAffine
                        : new QasmException(notAffine.line(), notAffine.column(), notAffine.reason() + context);
            }
            ParameterExpression v = values[k];
            if (!Affine.isFinite(v)) {
                String value = v.isConstant() ? "number (" + v.constantValue() + ")"
                        : "expression (" + v.coefficient() + "*" + v.parameter().name() + " + " + v.offset() + ")";
                throw TokenStream.error(e.start(), "argument " + (k + 1) + " of '" + gateName + "' is not a finite "
                        + value + context);
            }
        }
        return values;
    }

    record Constant(double value, Token start) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            return ParameterExpression.constant(value);
        }
    }

    /** A parameter of the enclosing gate definition, by its position in the definition's list. */
    record ParameterReference(int index, Token start) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            return parameters[index];
        }
    }

    /** An input parameter of the program ({@code input float[64] theta;}), used at the top level. */
    record InputReference(Parameter parameter, Token start) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            return ParameterExpression.of(parameter);
        }
    }

    record Negation(Expression operand, Token start) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            return Affine.negate(operand.evaluate(parameters));
        }
    }

    /**
     * {@code + - * /} and {@code ^} (power; {@code **} in OpenQASM 3). {@code operator} is the
     * operator's token, where errors about the operation point.
     */
    record Binary(char kind, Expression left, Expression right, Token operator) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            ParameterExpression a = left.evaluate(parameters), b = right.evaluate(parameters);
            return switch (kind) {
                case '+' -> Affine.add(a, b, operator);
                case '-' -> Affine.subtract(a, b, operator);
                case '*' -> Affine.multiply(a, b, operator);
                case '/' -> Affine.divide(a, b, operator);
                case '^' -> Affine.power(a, b, operator);
                default -> throw new AssertionError(kind);
            };
        }

        @Override
        public Token start() {
            return left.start();
        }
    }

    /** The unary functions of OpenQASM 2.0 and 3.0; {@link Dialect#function} says which has which. */
    enum Function {
        SIN("sin", Math::sin),
        COS("cos", Math::cos),
        TAN("tan", Math::tan),
        ARCSIN("arcsin", Math::asin),
        ARCCOS("arccos", Math::acos),
        ARCTAN("arctan", Math::atan),
        EXP("exp", Math::exp),
        LN("ln", Math::log),
        LOG("log", Math::log),
        SQRT("sqrt", Math::sqrt);

        private final String qasmName;
        private final DoubleUnaryOperator operator;

        Function(String qasmName, DoubleUnaryOperator operator) {
            this.qasmName = qasmName;
            this.operator = operator;
        }

        String qasmName() {
            return qasmName;
        }
    }

    record Call(Function function, Expression argument, Token start) implements Expression {
        @Override
        public ParameterExpression evaluate(ParameterExpression[] parameters) {
            return Affine.apply(function.qasmName, function.operator, argument.evaluate(parameters), start);
        }
    }
}
