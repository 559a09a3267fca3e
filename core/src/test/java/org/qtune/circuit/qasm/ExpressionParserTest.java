package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.ParameterExpression;

class ExpressionParserTest {

    /** The value of a top-level expression; the whole text must be one expression. */
    private static double value(String text) {
        TokenStream tokens = new TokenStream(text);
        Expression e = ExpressionParser.parseAtTopLevel(tokens, Dialect.OPENQASM_2, new Inputs());
        double v = e.evaluate(new ParameterExpression[0]).constantValue();
        assertEquals(Token.Kind.END, tokens.peek().kind(), "the whole text is one expression: " + text);
        return v;
    }

    @Test
    void numbersInEveryFormReadAsJavaDoubles() {
        assertEquals(1.0, value("1"));
        assertEquals(1.5, value("1.5"));
        assertEquals(0.5, value(".5"));
        assertEquals(1e-3, value("1e-3"));
        assertEquals(2.151746, value("2.151746e+00"));
        assertEquals(0.1, value("0.1"));
    }

    @Test
    void arithmeticFollowsTheUsualPrecedence() {
        assertEquals(Math.PI / 2, value("pi/2"));
        assertEquals(1 + 2 * 3, value("1+2*3"));
        assertEquals((1 + 2) * 3, value("(1+2)*3"));
        assertEquals(10 - 4 - 3, value("10-4-3"));
        assertEquals(8.0 / 4 / 2, value("8/4/2"));
        assertEquals(-3 * Math.PI / 4, value("-3*pi/4"));
        assertEquals(3 * Math.PI / 8, value("3*pi/8"));
    }

    @Test
    void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        assertEquals(-(Math.PI * Math.PI), value("-pi^2"));
        assertEquals(Math.pow(2, 9), value("2^3^2"));
        assertEquals(0.5, value("2^-1"));
        assertEquals(-4.0, value("-2^2"));
        assertEquals(4.0, value("(-2)^2"));
        assertEquals(2 * Math.pow(3, 2), value("2*3^2"));
    }

    @Test
    void unaryMinusAndPlusNest() {
        assertEquals(1.0, value("--1"));
        assertEquals(-1.0, value("-+1"));
        assertEquals(2 - -1, value("2--1"));
    }

    @Test
    void negatingZeroGivesNegativeZeroAsJavaDoes() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(value("-0.0")));
    }

    @Test
    void functionValuesMatchMathExactly() {
        assertEquals(2 * Math.sin(Math.PI / 6), value("2*sin(pi/6)"));
        assertEquals(Math.log(Math.exp(1.5)), value("ln(exp(1.5))"));
        assertEquals(Math.pow(Math.sqrt(4), 3), value("sqrt(4)^3"));
        assertEquals(Math.tan(Math.PI / 4), value("tan(pi/4)"));
        assertEquals(-Math.cos(0.3) / Math.sqrt(2), value("-cos(0.3)/sqrt(2)"));
        assertEquals(Math.exp(0), value("exp(0)"));
        assertEquals(Math.cos(0), value("cos(0)"));
    }

    @Test
    void aGateParameterIsLookedUpByPosition() {
        Expression e = ExpressionParser.parseInGate(new TokenStream("(lambda+phi)/2 - theta"),
                Dialect.OPENQASM_2, List.of("theta", "phi", "lambda"), "g");
        ParameterExpression[] values = {ParameterExpression.constant(1), ParameterExpression.constant(2),
            ParameterExpression.constant(3)};
        assertEquals((3.0 + 2.0) / 2 - 1.0, e.evaluate(values).constantValue());
    }

    @Test
    void aNameAtTheTopLevelIsAnErrorBecauseThereAreNoFreeParameters() {
        QasmException e = assertThrows(QasmException.class, () -> value("2*theta"));
        assertEquals("line 1, column 3: unknown name 'theta' in an expression (OpenQASM 2.0 has no free"
                + " parameters)", e.getMessage());
    }

    @Test
    void anUndeclaredNameInAGateBodyIsAnError() {
        QasmException e = assertThrows(QasmException.class,
                () -> ExpressionParser.parseInGate(new TokenStream("a+b"), Dialect.OPENQASM_2, List.of("a"), "g"));
        assertEquals("line 1, column 3: undeclared parameter 'b' in the body of gate 'g'", e.getMessage());
    }

    @Test
    void anUnknownFunctionIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> value("1+arcsin(0.5)"));
        assertEquals("line 1, column 3: unknown function 'arcsin' (OpenQASM 2.0 has sin, cos, tan, exp, ln and"
                + " sqrt)", e.getMessage());
    }

    @Test
    void aMissingOperandIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> value("pi*"));
        assertEquals("line 1, column 4: expected a number, a name or '(' in an expression, found the end of the"
                + " input", e.getMessage());
    }

    @Test
    void anUnclosedParenthesisIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> value("(pi/2"));
        assertEquals("line 1, column 6: expected ')', found the end of the input", e.getMessage());
    }
}
