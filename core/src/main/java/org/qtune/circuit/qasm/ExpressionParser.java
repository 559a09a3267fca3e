package org.qtune.circuit.qasm;

import java.util.List;
import org.qtune.circuit.Parameter;

/**
 * Parses one gate-argument expression by recursive descent:
 * <pre>
 * sum     := product (('+' | '-') product)*
 * product := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary (POW unary)?
 * primary := number | constant | name | function '(' sum ')' | '(' sum ')'
 * </pre>
 * so the power is right-associative and binds tighter than a leading minus, as in both
 * specifications: {@code -x^2 = -(x^2)}, {@code 2^3^2 = 2^9}, and {@code 2^-1 = 0.5}. POW is
 * {@code ^} in OpenQASM 2.0 and {@code **} in 3.0 (where {@code ^} is a bitwise operator). The
 * constants and functions are the {@link Dialect}'s. A name is a parameter of the enclosing gate
 * definition in a gate body, and an input parameter ({@code input float[64] theta;}) at the top
 * level of an OpenQASM 3 program.
 */
final class ExpressionParser {
    private final TokenStream tokens;
    private final Dialect dialect;
    private final List<String> parameterNames;
    private final String gateName;
    private final Inputs inputs;

    private ExpressionParser(TokenStream tokens, Dialect dialect, List<String> parameterNames, String gateName,
            Inputs inputs) {
        this.tokens = tokens;
        this.dialect = dialect;
        this.parameterNames = parameterNames;
        this.gateName = gateName;
        this.inputs = inputs;
    }

    /** Parses an expression at the top level of a program, where its names are {@code inputs}. */
    static Expression parseAtTopLevel(TokenStream tokens, Dialect dialect, Inputs inputs) {
        return new ExpressionParser(tokens, dialect, List.of(), null, inputs).sum();
    }

    /** Parses an expression in the body of gate {@code gateName}, which may use its parameters. */
    static Expression parseInGate(TokenStream tokens, Dialect dialect, List<String> parameterNames, String gateName) {
        return new ExpressionParser(tokens, dialect, parameterNames, gateName, new Inputs()).sum();
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
        String power = dialect == Dialect.OPENQASM_2 ? "^" : "**";
        if (tokens.peek().is(power)) {
            Token operator = tokens.next();
            return new Expression.Binary('^', base, unary(), operator);
        }
        if (dialect == Dialect.OPENQASM_3 && tokens.peek().is("^")) {
            throw TokenStream.error(tokens.peek(), "'^' is a bitwise operator in OpenQASM 3: a power is written '**'");
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
        Double constant = dialect.constant(t.text());
        if (constant != null) {
            return new Expression.Constant(constant, t);
        }
        Expression.Function function = dialect.function(t.text());
        if (function != null) {
            tokens.expect("(");
            Expression argument = sum();
            tokens.expect(")");
            return new Expression.Call(function, argument, t);
        }
        if (tokens.peek().is("(")) {
            throw TokenStream.error(t, "unknown function '" + t.text() + "' (OpenQASM " + dialect.versionText()
                    + " has " + dialect.functionNames() + ")");
        }
        if (gateName != null) {
            int index = parameterNames.indexOf(t.text());
            if (index >= 0) {
                return new Expression.ParameterReference(index, t);
            }
            throw TokenStream.error(t, "undeclared parameter '" + t.text() + "' in the body of gate '" + gateName
                    + "'");
        }
        Parameter input = inputs.lookUp(t.text());
        if (input != null) {
            return new Expression.InputReference(input, t);
        }
        throw TokenStream.error(t, dialect == Dialect.OPENQASM_2
                ? "unknown name '" + t.text() + "' in an expression (OpenQASM 2.0 has no free parameters)"
                : "undeclared name '" + t.text() + "' in an expression (a parameter is declared with"
                        + " 'input float[64] " + t.text() + ";')");
    }
}
