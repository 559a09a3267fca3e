package org.qtune.spark.train;

import org.qtune.finetune.Sums;

/**
 * {@link Sums} packed as one double[] for a task's result (a type Kryo already moves in bulk):
 * block index, seconds, loss sum, count, examples, correct, TP, FP, FN, tokens, a gradient flag, then the
 * gradient. Counts are exact as doubles up to 2^53.
 */
final class SumsCodec {
    private static final int HEADER = 11;

    private SumsCodec() {
    }

    static double[] encode(int block, double seconds, Sums s) {
        double[] g = s.gradientView();
        double[] out = new double[HEADER + (g == null ? 0 : g.length)];
        out[0] = block;
        out[1] = seconds;
        out[2] = s.lossSum();
        out[3] = s.count();
        out[4] = s.examples();
        out[5] = s.correct();
        out[6] = s.truePositives();
        out[7] = s.falsePositives();
        out[8] = s.falseNegatives();
        out[9] = s.tokens();
        out[10] = g == null ? 0 : 1;
        if (g != null) {
            System.arraycopy(g, 0, out, HEADER, g.length);
        }
        return out;
    }

    static Sums decode(double[] p) {
        double[] g = null;
        if (p[10] != 0) {
            g = new double[p.length - HEADER];
            System.arraycopy(p, HEADER, g, 0, g.length);
        }
        return new Sums(p[2], (long) p[3], g, (long) p[4], (long) p[5], (long) p[6], (long) p[7], (long) p[8],
                (long) p[9]);
    }
}
