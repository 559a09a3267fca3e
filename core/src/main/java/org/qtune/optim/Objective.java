package org.qtune.optim;

/** A function to minimize, evaluated at one point, with its gradient when asked. */
@FunctionalInterface
public interface Objective {
    Evaluation evaluate(double[] x, boolean withGradient);
}
