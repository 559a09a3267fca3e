package org.qtune.spark.train;

import org.qtune.finetune.Sums;

/**
 * One micro-batch's {@link Sums} as a task returns it: a header of doubles (block index, seconds,
 * loss sum, count, examples, correct, TP, FP, FN, tokens) and the gradient as float32, which loses
 * nothing: a micro-batch's gradient is computed in float32, and the driver adds them in double.
 * Half the bytes of doubles, for full-parameter steps that return millions of them.
 */
public record BlockResult(double[] header, float[] gradient) {
    static BlockResult encode(int block, double seconds, Sums s) {
        double[] g = s.gradientView();
        float[] f = null;
        if (g != null) {
            f = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                f[i] = (float) g[i];
                if (f[i] != g[i]) {
                    throw new IllegalStateException("gradient entry " + i + " is not a float32 value");
                }
            }
        }
        return new BlockResult(new double[] {block, seconds, s.lossSum(), s.count(), s.examples(), s.correct(),
            s.truePositives(), s.falsePositives(), s.falseNegatives(), s.tokens()}, f);
    }

    int block() {
        return (int) header[0];
    }

    double seconds() {
        return header[1];
    }

    Sums sums() {
        double[] g = null;
        if (gradient != null) {
            g = new double[gradient.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = gradient[i];
            }
        }
        double[] h = header;
        return new Sums(h[2], (long) h[3], g, (long) h[4], (long) h[5], (long) h[6], (long) h[7], (long) h[8],
                (long) h[9]);
    }
}
