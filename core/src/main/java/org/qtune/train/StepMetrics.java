package org.qtune.train;

/**
 * One completed optimizer step, as the loop's hooks see it.
 *
 * @param step              the step's number (1 for the first)
 * @param value             the objective after the step, as the optimizer reports it
 * @param gradientNorm      the norm of its gradient or gradient estimate (NaN when none)
 * @param seconds           wall time since the previous step completed (every ask of a line search)
 * @param evaluationSeconds the part of it inside {@link StepEvaluator#evaluate}
 * @param overheadSeconds   the part of that which the evaluator reports as overhead (Spark's)
 */
public record StepMetrics(int step, double value, double gradientNorm, double seconds, double evaluationSeconds,
                          double overheadSeconds) {
    /** Overhead as a share of the step's time, in [0, 1]. */
    public double overheadShare() {
        return seconds > 0 ? Math.min(1, overheadSeconds / seconds) : 0;
    }
}
