package org.qtune.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API rows of {@link Softmax}: one row of {@code n} columns in place, sums in float lanes.
 * Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class VectorSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorSoftmax() {
    }

    /**
     * p[o, o + n) := softmax(scale p) where masked columns already hold -infinity; a row with every
     * column masked becomes zeros.
     */
    static void row(float[] p, int o, int n, float scale) {
        int bound = S.loopBound(n);
        FloatVector maxV = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < bound; c += S.length()) {
            maxV = maxV.max(FloatVector.fromArray(S, p, o + c).mul(scale));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (int c = bound; c < n; c++) {
            max = Math.max(max, p[o + c] * scale);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(p, o, o + n, 0f);
            return;
        }
        FloatVector sumV = FloatVector.zero(S);
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(S, p, o + c).mul(scale).sub(max));
            e.intoArray(p, o + c);
            sumV = sumV.add(e);
        }
        float sum = VectorMath.sum(sumV);
        for (int c = bound; c < n; c++) {
            p[o + c] = (float) Math.exp(p[o + c] * scale - max);
            sum += p[o + c];
        }
        float inv = 1 / sum;
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector.fromArray(S, p, o + c).mul(inv).intoArray(p, o + c);
        }
        for (int c = bound; c < n; c++) {
            p[o + c] *= inv;
        }
    }

    /** ds[d, d + n) := scale p (dp - sum(dp p)) for one row; ds may be dp. */
    static void rowBackward(float[] p, int po, float[] dp, float[] ds, int d, int n, float scale) {
        int bound = S.loopBound(n);
        FloatVector dotV = FloatVector.zero(S);
        for (int c = 0; c < bound; c += S.length()) {
            dotV = FloatVector.fromArray(S, dp, d + c).fma(FloatVector.fromArray(S, p, po + c), dotV);
        }
        float dot = VectorMath.sum(dotV);
        for (int c = bound; c < n; c++) {
            dot += dp[d + c] * p[po + c];
        }
        for (int c = 0; c < bound; c += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, po + c);
            FloatVector.fromArray(S, dp, d + c).sub(dot).mul(pv).mul(scale).intoArray(ds, d + c);
        }
        for (int c = bound; c < n; c++) {
            ds[d + c] = scale * p[po + c] * (dp[d + c] - dot);
        }
    }
}
