package org.qtune.finetune;

/**
 * What micro-batches add up to: the loss summed over what the loss counts ({@code count}: examples
 * for a classifier, answer tokens for a generator), the trainable-parameter gradient of that sum
 * (null in an evaluation), and the evaluation's tallies (examples, correct ones, and true positives,
 * false positives and false negatives of class 1), and the tokens the micro-batches held. Immutable; {@link #plus} is the one way sums
 * meet, and callers add in a fixed order (the step's order of micro-batches) so that the result does
 * not depend on where each was computed.
 */
public record Sums(double lossSum, long count, double[] gradient, long examples, long correct, long truePositives,
                   long falsePositives, long falseNegatives, long tokens) {
    public Sums {
        gradient = gradient == null ? null : gradient.clone();
    }

    /** Nothing yet. */
    public static Sums zero() {
        return new Sums(0, 0, null, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public double[] gradient() {
        return gradient == null ? null : gradient.clone();
    }

    /** The gradient array itself, for code that only reads it. */
    public double[] gradientView() {
        return gradient;
    }

    /** These sums and then {@code o}'s, element by element in that order. */
    public Sums plus(Sums o) {
        double[] g;
        if (gradient == null) {
            g = o.gradient;
        } else if (o.gradient == null) {
            g = gradient;
        } else {
            if (gradient.length != o.gradient.length) {
                throw new IllegalArgumentException("gradients of " + gradient.length + " and " + o.gradient.length
                        + " parameters do not add");
            }
            g = new double[gradient.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gradient[i] + o.gradient[i];
            }
        }
        return new Sums(lossSum + o.lossSum, count + o.count, g, examples + o.examples, correct + o.correct,
                truePositives + o.truePositives, falsePositives + o.falsePositives, falseNegatives + o.falseNegatives,
                tokens + o.tokens);
    }

    /** The mean loss per counted item (NaN when nothing counted). */
    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** The mean gradient per counted item. */
    public double[] meanGradient() {
        double[] g = new double[gradient.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradient[i] / count;
        }
        return g;
    }

    /** Correct answers over examples (accuracy or exact match). */
    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    /** F1 of class 1 (spam): 2 TP / (2 TP + FP + FN); 0 when class 1 is never predicted nor present. */
    public double f1() {
        long d = 2 * truePositives + falsePositives + falseNegatives;
        return d == 0 ? 0 : 2.0 * truePositives / d;
    }
}
