package org.qtune.optim;

import java.time.Duration;

/**
 * When to stop: after {@code maxIterations} steps; when the gradient norm falls to
 * {@code gradientTolerance}; when the value changes by at most {@code valueTolerance} over
 * {@code patience} consecutive steps; or when {@code wallClock} has passed. A tolerance of 0 disables
 * that rule; a null wall clock means no limit.
 */
public record ConvergenceCheck(int maxIterations, double gradientTolerance, double valueTolerance, int patience,
                               Duration wallClock) {
    public ConvergenceCheck {
        if (maxIterations < 1 || gradientTolerance < 0 || valueTolerance < 0 || patience < 1) {
            throw new IllegalArgumentException("need maxIterations >= 1, tolerances >= 0, patience >= 1");
        }
    }

    public static ConvergenceCheck iterations(int n) {
        return new ConvergenceCheck(n, 0, 0, 1, null);
    }

    public ConvergenceCheck withGradientTolerance(double t) {
        return new ConvergenceCheck(maxIterations, t, valueTolerance, patience, wallClock);
    }

    public ConvergenceCheck withValueTolerance(double t, int patience) {
        return new ConvergenceCheck(maxIterations, gradientTolerance, t, patience, wallClock);
    }

    public ConvergenceCheck withWallClock(Duration d) {
        return new ConvergenceCheck(maxIterations, gradientTolerance, valueTolerance, patience, d);
    }
}
