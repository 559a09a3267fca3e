package org.qtune.optim;

import java.time.Duration;
import java.util.List;

/**
 * When to stop, judged after every completed step: after {@code maxIterations} steps; when the
 * gradient norm falls to {@code gradientTolerance}; when the values of the last {@code patience + 1}
 * completed steps span at most {@code valueTolerance} (max - min: the value moved by at most that
 * over {@code patience} consecutive steps, see {@link #valueConverged}); or when {@code wallClock} has
 * passed. A tolerance of 0 disables that rule; a null wall clock means no limit. The one training
 * loop ({@code org.qtune.train.TrainingLoop}) applies these rules the same way whatever evaluates the
 * points.
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

    /**
     * The value rule on the values after each completed step, oldest first: true when the value
     * tolerance is set, there are more than {@code patience} values, and the last {@code patience + 1}
     * of them span at most {@code valueTolerance}.
     */
    public boolean valueConverged(List<Double> history) {
        int k = history.size();
        if (valueTolerance <= 0 || k <= patience) {
            return false;
        }
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = k - 1 - patience; i < k; i++) {
            lo = Math.min(lo, history.get(i));
            hi = Math.max(hi, history.get(i));
        }
        return hi - lo <= valueTolerance;
    }
}
