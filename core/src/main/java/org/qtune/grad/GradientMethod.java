package org.qtune.grad;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;

/**
 * Computes {@code f(theta) = <0| U(theta)^dagger H U(theta) |0>} and its gradient. Implementations:
 * {@link AdjointGradient} (exact, about three simulations whatever the number of parameters),
 * {@link ParameterShiftGradient} (what quantum hardware can run: exact or shot-based), and
 * {@link FiniteDifferenceGradient} (for tests only).
 */
public interface GradientMethod {
    Gradient compute(Circuit circuit, double[] theta, PauliSum observable);
}
