package org.qtune.circuit.qasm;

import java.util.function.DoubleUnaryOperator;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;

/**
 * Arithmetic on gate-argument values, which are {@link ParameterExpression}s: constants, or
 * {@code a*p + b} for one input parameter {@code p} (OpenQASM 3's {@code input float[64] p;}).
 * Operations that stay in that form are done; the others (a product or quotient of two expressions
 * in a parameter, a sum of expressions in two parameters, a function or power of an expression in a
 * parameter) are errors at the token {@code at}, because a qtune gate argument cannot hold them.
 *
 * <p>On constants every operation is the plain double operation, so a program without inputs gets
 * exactly the values it always got. On expressions in a parameter a zero offset or coefficient is
 * kept as +0.0: its sign has no meaning there, and this way {@code -theta} reads back equal to
 * {@code ParameterExpression.affine(-1, theta, 0)}.
 */
final class Affine {
    private static final String AFFINE_ONLY =
            " (a gate argument must be a*p + b for one input parameter p, or a constant)";

    private Affine() {
    }

    static ParameterExpression negate(ParameterExpression x) {
        return x.isConstant() ? ParameterExpression.constant(-x.offset())
                : inParameter(x.parameter(), -x.coefficient(), -x.offset());
    }

    static ParameterExpression add(ParameterExpression x, ParameterExpression y, Token at) {
        return sum(x, y, 1, "sum", at);
    }

    static ParameterExpression subtract(ParameterExpression x, ParameterExpression y, Token at) {
        return sum(x, y, -1, "difference", at);
    }

    /** {@code x + sign*y}; {@code what} names the operation in messages. */
    private static ParameterExpression sum(ParameterExpression x, ParameterExpression y, int sign, String what,
            Token at) {
        if (x.isConstant() && y.isConstant()) {
            return ParameterExpression.constant(sign > 0 ? x.offset() + y.offset() : x.offset() - y.offset());
        }
        if (!x.isConstant() && !y.isConstant() && !x.parameter().equals(y.parameter())) {
            throw TokenStream.error(at, "the " + what + " of expressions in '" + x.parameter().name() + "' and '"
                    + y.parameter().name() + "' depends on two parameters" + AFFINE_ONLY);
        }
        Parameter p = x.isConstant() ? y.parameter() : x.parameter();
        return sign > 0
                ? inParameter(p, x.coefficient() + y.coefficient(), x.offset() + y.offset())
                : inParameter(p, x.coefficient() - y.coefficient(), x.offset() - y.offset());
    }

    static ParameterExpression multiply(ParameterExpression x, ParameterExpression y, Token at) {
        if (x.isConstant() && y.isConstant()) {
            return ParameterExpression.constant(x.offset() * y.offset());
        }
        if (!x.isConstant() && !y.isConstant()) {
            throw TokenStream.error(at, "the product of expressions in '" + x.parameter().name() + "' and '"
                    + y.parameter().name() + "' is not affine" + AFFINE_ONLY);
        }
        ParameterExpression symbolic = x.isConstant() ? y : x;
        double factor = x.isConstant() ? x.offset() : y.offset();
        return inParameter(symbolic.parameter(), factor * symbolic.coefficient(), factor * symbolic.offset());
    }

    static ParameterExpression divide(ParameterExpression x, ParameterExpression y, Token at) {
        if (!y.isConstant()) {
            throw TokenStream.error(at, "dividing by an expression in '" + y.parameter().name() + "' is not affine"
                    + AFFINE_ONLY);
        }
        return x.isConstant() ? ParameterExpression.constant(x.offset() / y.offset())
                : inParameter(x.parameter(), x.coefficient() / y.offset(), x.offset() / y.offset());
    }

    static ParameterExpression power(ParameterExpression base, ParameterExpression exponent, Token at) {
        ParameterExpression symbolic = base.isConstant() ? exponent : base;
        if (!symbolic.isConstant()) {
            throw TokenStream.error(at, "a power with an expression in '" + symbolic.parameter().name()
                    + "' is not affine" + AFFINE_ONLY);
        }
        return ParameterExpression.constant(Math.pow(base.offset(), exponent.offset()));
    }

    /** {@code function(x)} for a constant {@code x}; {@code name} is the function's name in the program. */
    static ParameterExpression apply(String name, DoubleUnaryOperator function, ParameterExpression x, Token at) {
        if (!x.isConstant()) {
            throw TokenStream.error(at, "'" + name + "' of an expression in '" + x.parameter().name()
                    + "' is not affine" + AFFINE_ONLY);
        }
        return ParameterExpression.constant(function.applyAsDouble(x.offset()));
    }

    /** True when the value is a constant or an expression with finite coefficient and offset. */
    static boolean isFinite(ParameterExpression x) {
        return Double.isFinite(x.offset()) && Double.isFinite(x.coefficient());
    }

    private static ParameterExpression inParameter(Parameter p, double coefficient, double offset) {
        return ParameterExpression.affine(coefficient + 0.0, p, offset + 0.0);
    }
}
