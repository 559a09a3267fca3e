package org.qtune.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.tensor.Gemm;
import org.qtune.tensor.kernel.CrossEntropy;

/**
 * A trainable classifier on an encoder: the mask-weighted mean of the last hidden states (as
 * sentence-transformers pools), then logits = W pooled + b with W [classes, hidden], and
 * softmax cross-entropy against the labels. Initialized as PyTorch's nn.Linear (uniform in
 * +-1/sqrt(hidden) for W and b), from a seed. Keeps what its backward needs; one head per pass.
 */
public final class ClassificationHead {
    private final int hidden, classes;
    private final float[] weight, bias, gradWeight, gradBias;
    private float[] pooled = new float[0], logits = new float[0], dHidden = new float[0], dPooled = new float[0];
    private TokenBatch batch;

    public ClassificationHead(int hidden, int classes, float[] weight, float[] bias) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, not " + classes);
        }
        if (weight.length != classes * hidden || bias.length != classes) {
            throw new IllegalArgumentException("head weight must be [" + classes + ", " + hidden + "] and bias [" + classes + "]");
        }
        this.hidden = hidden;
        this.classes = classes;
        this.weight = weight;
        this.bias = bias;
        this.gradWeight = new float[weight.length];
        this.gradBias = new float[classes];
    }

    /** A new head initialized as torch.nn.Linear from {@code seed}. */
    public static ClassificationHead initialized(int hidden, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double bound = 1 / Math.sqrt(hidden);
        float[] w = new float[classes * hidden], b = new float[classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((2 * r.nextDouble() - 1) * bound);
        }
        return new ClassificationHead(hidden, classes, w, b);
    }

    public int classes() {
        return classes;
    }

    /** W [classes, hidden], live (the optimizer writes into it). */
    public float[] weight() {
        return weight;
    }

    public float[] bias() {
        return bias;
    }

    public float[] gradWeight() {
        return gradWeight;
    }

    public float[] gradBias() {
        return gradBias;
    }

    public int parameterCount() {
        return weight.length + bias.length;
    }

    public void zeroGradients() {
        Arrays.fill(gradWeight, 0f);
        Arrays.fill(gradBias, 0f);
    }

    /** The logits [size x classes] of a batch's last hidden states; the array is the head's own. */
    public float[] logits(float[] hiddenStates, TokenBatch b) {
        batch = b;
        int n = b.size(), T = b.length();
        if (pooled.length < n * hidden) {
            pooled = new float[n * hidden];
            logits = new float[n * classes];
        }
        for (int s = 0; s < n; s++) {
            double[] sum = new double[hidden];
            int count = 0;
            for (int t = 0; t < T; t++) {
                if (b.mask()[s * T + t] != 0) {
                    count++;
                    for (int h = 0; h < hidden; h++) {
                        sum[h] += hiddenStates[(s * T + t) * hidden + h];
                    }
                }
            }
            for (int h = 0; h < hidden; h++) {
                pooled[s * hidden + h] = (float) (sum[h] / count);
            }
            System.arraycopy(bias, 0, logits, s * classes, classes);
        }
        Gemm.multiply(false, true, n, classes, hidden, 1f, pooled, 0, weight, 0, 1f, logits, 0);
        return logits;
    }

    /** The summed cross-entropy of the batch against {@code labels} (one per sequence). */
    public double lossSum(float[] hiddenStates, TokenBatch b, int[] labels) {
        if (labels.length != b.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + b.size() + " sequences");
        }
        logits(hiddenStates, b);
        return CrossEntropy.rows(logits, 0, b.size(), classes, labels, 0, logits, 1f);
    }

    /**
     * Back-propagates {@code scale} x the last loss sum: accumulates the head's gradients and returns
     * d loss / d (last hidden states) [size x length x hidden] (the head's own array).
     */
    public float[] backward(float scale) {
        TokenBatch b = batch;
        int n = b.size(), T = b.length();
        for (int i = 0; i < n * classes; i++) {
            logits[i] *= scale;
        }
        Gemm.multiply(true, false, classes, hidden, n, 1f, logits, 0, pooled, 0, 1f, gradWeight, 0);
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < classes; c++) {
                gradBias[c] += logits[s * classes + c];
            }
        }
        if (dPooled.length < n * hidden) {
            dPooled = new float[n * hidden];
        }
        Gemm.multiply(false, false, n, hidden, classes, 1f, logits, 0, weight, 0, 0f, dPooled, 0);
        if (dHidden.length < b.rows() * hidden) {
            dHidden = new float[b.rows() * hidden];
        }
        for (int s = 0; s < n; s++) {
            float inv = 1f / b.tokens(s);
            for (int t = 0; t < T; t++) {
                int r = s * T + t;
                for (int h = 0; h < hidden; h++) {
                    dHidden[r * hidden + h] = b.mask()[r] != 0 ? dPooled[s * hidden + h] * inv : 0f;
                }
            }
        }
        return dHidden;
    }
}
