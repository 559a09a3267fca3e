package org.qtune.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API row of {@link CrossEntropy}: log-sum-exp and the softmax gradient of one row in
 * float lanes. Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class VectorCrossEntropy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorCrossEntropy() {
    }

    /** log sum_c exp(logits[o + c]) over n classes. */
    static double logSumExp(float[] logits, int o, int n) {
        int bound = S.loopBound(n);
        FloatVector maxV = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int c = 0; c < bound; c += S.length()) {
            maxV = maxV.max(FloatVector.fromArray(S, logits, o + c));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (int c = bound; c < n; c++) {
            max = Math.max(max, logits[o + c]);
        }
        FloatVector sumV = FloatVector.zero(S);
        for (int c = 0; c < bound; c += S.length()) {
            sumV = sumV.add(VectorMath.exp(FloatVector.fromArray(S, logits, o + c).sub(max)));
        }
        double sum = VectorMath.sum(sumV);
        for (int c = bound; c < n; c++) {
            sum += Math.exp(logits[o + c] - max);
        }
        return max + Math.log(sum);
    }

    /** d[o + c] := scale exp(logits[o + c] - logZ) for n classes (d may be logits). */
    static void softmaxInto(float[] logits, int o, int n, float logZ, float scale, float[] d) {
        int bound = S.loopBound(n);
        for (int c = 0; c < bound; c += S.length()) {
            VectorMath.exp(FloatVector.fromArray(S, logits, o + c).sub(logZ)).mul(scale).intoArray(d, o + c);
        }
        for (int c = bound; c < n; c++) {
            d[o + c] = (float) (scale * Math.exp(logits[o + c] - logZ));
        }
    }
}
