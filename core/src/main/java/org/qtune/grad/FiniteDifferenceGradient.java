package org.qtune.grad;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;

/**
 * Central finite differences, (f(theta + h e_i) - f(theta - h e_i)) / 2h: error O(h^2) plus rounding
 * of order 1e-16 / h. For tests of the exact methods only; it costs 2P simulations.
 */
public final class FiniteDifferenceGradient implements GradientMethod {
    private final Simulator simulator;
    private final double step;

    public FiniteDifferenceGradient(Simulator simulator, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be > 0, got " + step);
        }
        this.simulator = simulator;
        this.step = step;
    }

    @Override
    public Gradient compute(Circuit circuit, double[] theta, PauliSum observable) {
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone(), minus = theta.clone();
            plus[i] += step;
            minus[i] -= step;
            g[i] = (value(circuit, plus, observable) - value(circuit, minus, observable)) / (2 * step);
        }
        return new Gradient(value(circuit, theta, observable), g);
    }

    private double value(Circuit c, double[] theta, PauliSum h) {
        return Measurements.expectation(simulator.run(c, theta), h);
    }

    /** Finite differences of sum_i w_i p_i(theta). */
    public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone(), minus = theta.clone();
            plus[i] += step;
            minus[i] -= step;
            g[i] = (weighted(circuit, plus, weights) - weighted(circuit, minus, weights)) / (2 * step);
        }
        return new Gradient(weighted(circuit, theta, weights), g);
    }

    private double weighted(Circuit c, double[] theta, double[] w) {
        double[] p = Measurements.probabilities(simulator.run(c, theta));
        double v = 0;
        for (int i = 0; i < p.length; i++) {
            v += w[i] * p[i];
        }
        return v;
    }
}
