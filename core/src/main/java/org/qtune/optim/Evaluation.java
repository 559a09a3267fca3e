package org.qtune.optim;

/** The answer to an {@link EvaluationRequest}: the value, and the gradient when it was asked for (else null). */
public record Evaluation(double value, double[] gradient) {
    public Evaluation {
        gradient = gradient == null ? null : gradient.clone();
    }

    public static Evaluation of(double value) {
        return new Evaluation(value, null);
    }

    @Override
    public double[] gradient() {
        return gradient == null ? null : gradient.clone();
    }
}
