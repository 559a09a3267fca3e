package org.qtune.circuit.qasm;

import java.util.List;

/**
 * Parses one gate-argument expression by recursive descent:
 * <pre>
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary ('^' unary)?
 * primary := number | 'pi' | parameter | function '(' sum ')' | '(' sum ')'
 * </pre>
 * so {@code ^} is right-associative and binds tighter than a leading minus, as in the OpenQASM 2.0
 * specification: {@code -x^2 = -(x^2)}, {@code 2^3^2 = 2^9}, and {@code 2^-1 = 0.5}.
 */
final class ExpressionParser {
    private final TokenStream tokens;
    private final List<String> parameterNames;
    private final String gateName;

    private ExpressionParser(TokenStream tokens, List<String> parameterNames, String gateName) {
        this.tokens = tokens;
        this.parameterNames = parameterNames;
        this.gateName = gateName;
    }

    /**
     * Parses an expression at the top level of a program, where no names but {@code pi} and the
     * functions are defined.
     */
    static Expression parseConstant(TokenStream tokens) {
        return new ExpressionParser(tokens, List.of(), null).sum();
    }

    /** Parses an expression in the body of gate {@code gateName}, which may use its parameters. */
    static Expression parseInGate(TokenStream tokens, List<String> parameterNames, String gateName) {
        return new ExpressionParser(tokens, parameterNames, gateName).sum();
    }

    private Expression sum() {
        Expression left = product();
        while (tokens.peek().is("+") || tokens.peek().is("-")) {
            Token operator = tokens.next();
            left = new Expression.Binary(operator.text().charAt(0), left, product(), operator);
        }
        return left;
    }

    private Expression product() {
        Expression left = unary();
        while (tokens.peek().is("*") || tokens.peek().is("/")) {
            Token operator = tokens.next();
            left = new Expression.Binary(operator.text().charAt(0), left, unary(), operator);
        }
        return left;
    }

    private Expression unary() {
        Token t = tokens.peek();
        if (t.is("-")) {
            tokens.next();
            return new Expression.Negation(unary(), t);
        }
        if (t.is("+")) {
            tokens.next();
            return unary();
        }
        return power();
    }

    private Expression power() {
        Expression base = primary();
        if (tokens.peek().is("^")) {
            Token operator = tokens.next();
            return new Expression.Binary('^', base, unary(), operator);
        }
        return base;
    }

    private Expression primary() {
        Token t = tokens.next();
        if (t.isNumber()) {
            return new Expression.Constant(Double.parseDouble(t.text()), t);
        }
        if (t.is("(")) {
            Expression inner = sum();
            tokens.expect(")");
            return inner;
        }
        if (t.kind() != Token.Kind.IDENTIFIER) {
            throw TokenStream.error(t, "expected a number, a name or '(' in an expression, found " + t.describe());
        }
        if (t.text().equals("pi")) {
            return new Expression.Constant(Math.PI, t);
        }
        Expression.Function function = Expression.Function.byName(t.text());
        if (function != null) {
            tokens.expect("(");
            Expression argument = sum();
            tokens.expect(")");
            return new Expression.Call(function, argument, t);
        }
        if (tokens.peek().is("(")) {
            throw TokenStream.error(t, "unknown function '" + t.text() + "' (OpenQASM 2.0 has sin, cos, tan, exp,"
                    + " ln and sqrt)");
        }
        int index = parameterNames.indexOf(t.text());
        if (index >= 0) {
            return new Expression.ParameterReference(index, t);
        }
        throw TokenStream.error(t, gateName == null
                ? "unknown name '" + t.text() + "' in an expression (OpenQASM 2.0 has no free parameters)"
                : "undeclared parameter '" + t.text() + "' in the body of gate '" + gateName + "'");
    }
}
