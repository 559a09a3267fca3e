package org.qtune.optim;

import java.util.List;

/**
 * How a run ended: its status (stopping is a result, not an exception), the final point and value,
 * the counts, and the value after every step.
 */
public record OptimizationResult(Status status, double[] x, double value, int iterations, int evaluations,
                                 List<Double> history, OptimizerState finalState) {
    /** Why the run stopped. */
    public enum Status { CONVERGED_GRADIENT, CONVERGED_VALUE, MAX_ITERATIONS, TIME_LIMIT }

    public OptimizationResult {
        x = x.clone();
        history = List.copyOf(history);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    public boolean converged() {
        return status == Status.CONVERGED_GRADIENT || status == Status.CONVERGED_VALUE;
    }
}
