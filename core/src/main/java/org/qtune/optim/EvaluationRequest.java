package org.qtune.optim;

/** A point an optimizer wants evaluated, with or without the gradient. */
public record EvaluationRequest(double[] point, boolean needsGradient) {
    public EvaluationRequest {
        point = point.clone();
    }

    @Override
    public double[] point() {
        return point.clone();
    }
}
