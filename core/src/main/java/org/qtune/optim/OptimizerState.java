package org.qtune.optim;

/**
 * An optimizer's complete state between two steps: immutable, so a driver can keep, log or
 * checkpoint any of them. Each optimizer has its own implementation; only that optimizer reads it.
 */
public interface OptimizerState {
    /** The current best estimate of the minimizer. */
    double[] x();

    /** Completed steps. */
    int iteration();

    /** Function evaluations told so far. */
    int evaluations();

    /** The objective at {@link #x()} as last evaluated (NaN before the first). */
    double value();

    /** The norm of the last gradient or gradient estimate (NaN when none). */
    double gradientNorm();

    /**
     * True when the optimizer can make no further progress by its own rule (a line search that finds
     * no decrease even along the steepest descent): drivers stop with a converged status.
     */
    default boolean stalled() {
        return false;
    }
}
