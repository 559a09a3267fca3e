package org.qtune.tensor.kernel;

/**
 * Softmax cross-entropy over rows of logits [rows, classes]: the loss of row r is
 * -log softmax(logits_r)[target_r], summed in double in row order; each row's log-sum-exp in float
 * lanes through the Vector API when present ({@link VectorCrossEntropy}), else in double. Rows whose target is
 * {@link #IGNORE} (-100, as PyTorch and Hugging Face mark prompt and padding tokens) count nothing.
 */
public final class CrossEntropy {
    /** The target that makes a row count nothing. */
    public static final int IGNORE = -100;
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("qtune.scalarKernels");

    private CrossEntropy() {
    }

    /**
     * Returns the summed loss of the rows; when {@code dlogits} is not null, writes into it (from
     * {@code off}; it may be {@code logits} itself) the gradient of {@code gradScale} x that sum:
     * gradScale (softmax - onehot), and zeros for ignored rows. A target outside 0..classes-1 other
     * than IGNORE is an IllegalArgumentException.
     */
    public static double rows(float[] logits, int off, int rows, int classes, int[] targets, int tOff, float[] dlogits,
                              float gradScale) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int o = off + r * classes, target = targets[tOff + r];
            if (target == IGNORE) {
                if (dlogits != null) {
                    java.util.Arrays.fill(dlogits, o, o + classes, 0f);
                }
                continue;
            }
            if (target < 0 || target >= classes) {
                throw new IllegalArgumentException("target " + target + " outside 0.." + (classes - 1));
            }
            float targetLogit = logits[o + target];
            if (VECTOR) {
                double logZ = VectorCrossEntropy.logSumExp(logits, o, classes);
                total += logZ - targetLogit;
                if (dlogits != null) {
                    VectorCrossEntropy.softmaxInto(logits, o, classes, (float) logZ, gradScale, dlogits);
                    dlogits[o + target] -= gradScale;
                }
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[o + c] - max);
            }
            double logZ = max + Math.log(sum);
            total += logZ - targetLogit;
            if (dlogits != null) {
                for (int c = 0; c < classes; c++) {
                    dlogits[o + c] = (float) (gradScale * Math.exp(logits[o + c] - logZ));
                }
                dlogits[o + target] -= gradScale;
            }
        }
        return total;
    }
}
