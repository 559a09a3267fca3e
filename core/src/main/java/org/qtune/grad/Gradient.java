package org.qtune.grad;

/**
 * A function value and its gradient with respect to a circuit's parameters, in the order of
 * {@link org.qtune.circuit.Circuit#parameters()}.
 */
public record Gradient(double value, double[] gradient) {
    public Gradient {
        gradient = gradient.clone();
    }

    @Override
    public double[] gradient() {
        return gradient.clone();
    }
}
