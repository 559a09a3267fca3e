package org.qtune.model;

import java.util.Map;
import org.apache.commons.math3.special.Erf;
import org.qtune.model.format.OnnxInitializers;
import org.qtune.tensor.Gemm;

/**
 * The BERT encoder, forward pass, in the order it runs: word + position + token-type embeddings and
 * a LayerNorm; then per layer self-attention (query, key, value projections, {@code heads} heads of
 * {@code hidden / heads} dimensions, scaled dot products with the padding mask, softmax, the output
 * projection), a residual and a LayerNorm, the MLP (a projection to {@code intermediate}, exact-erf
 * GELU, back to {@code hidden}), a residual and a LayerNorm (post-LN, as BERT). Weights by their
 * Hugging Face names; projection matrices stored [in, out] (ONNX's layout). float32 values, dot
 * projections by BLAS sgemm (float32 sums, as ONNX Runtime), attention and norms summed in double.
 */
public final class Bert {
    /** The shape of a BERT encoder. */
    public record Config(int vocab, int hidden, int layers, int heads, int intermediate, int maxPositions,
                         int typeVocab, double layerNormEps) {
        public Config {
            if (hidden % heads != 0) {
                throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
            }
        }
    }

    private final Config c;
    private final Map<String, OnnxInitializers.Tensor> w;

    public Bert(Config config, Map<String, OnnxInitializers.Tensor> weights) {
        this.c = config;
        this.w = weights;
        for (int l = 0; l < config.layers(); l++) {
            for (String name : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "intermediate.dense", "output.dense"}) {
                weight("encoder.layer." + l + "." + name + ".weight");
            }
        }
        weight("embeddings.word_embeddings.weight");
    }

    public Config config() {
        return c;
    }

    private float[] weight(String name) {
        OnnxInitializers.Tensor t = w.get(name);
        if (t == null) {
            throw new IllegalArgumentException("missing tensor " + name);
        }
        return t.data();
    }

    /** The last hidden states [T][hidden] of one sequence; {@code mask[t]} = 0 marks padding. */
    public float[][] forward(int[] ids, int[] mask) {
        int T = ids.length, H = c.hidden();
        if (T > c.maxPositions()) {
            throw new IllegalArgumentException(T + " tokens, more than the model's " + c.maxPositions() + " positions");
        }
        float[] word = weight("embeddings.word_embeddings.weight"), pos = weight("embeddings.position_embeddings.weight");
        float[] type = weight("embeddings.token_type_embeddings.weight");
        float[][] x = new float[T][H];
        for (int t = 0; t < T; t++) {
            if (ids[t] < 0 || ids[t] >= c.vocab()) {
                throw new IllegalArgumentException("token id " + ids[t] + " outside the vocabulary of " + c.vocab());
            }
            for (int h = 0; h < H; h++) {
                x[t][h] = word[ids[t] * H + h] + pos[t * H + h] + type[h];
            }
        }
        layerNorm(x, "embeddings.LayerNorm");
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            float[][] attended = linear(attention(x, mask, p), p + "attention.output.dense");
            add(attended, x);
            layerNorm(attended, p + "attention.output.LayerNorm");
            float[][] inner = linear(attended, p + "intermediate.dense");
            for (float[] row : inner) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = gelu(row[i]);
                }
            }
            float[][] out = linear(inner, p + "output.dense");
            add(out, attended);
            layerNorm(out, p + "output.LayerNorm");
            x = out;
        }
        return x;
    }

    private float[][] attention(float[][] x, int[] mask, String p) {
        int T = x.length, H = c.hidden(), heads = c.heads(), d = H / heads;
        float[][] q = linear(x, p + "attention.self.query"), k = linear(x, p + "attention.self.key");
        float[][] v = linear(x, p + "attention.self.value");
        float[][] out = new float[T][H];
        double scale = 1 / Math.sqrt(d);
        double[] scores = new double[T];
        for (int head = 0; head < heads; head++) {
            int o = head * d;
            for (int i = 0; i < T; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < T; j++) {
                    double s = 0;
                    for (int e = 0; e < d; e++) {
                        s += q[i][o + e] * k[j][o + e];
                    }
                    scores[j] = mask[j] == 0 ? Double.NEGATIVE_INFINITY : s * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < T; j++) {
                    scores[j] = scores[j] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int e = 0; e < d; e++) {
                    double a = 0;
                    for (int j = 0; j < T; j++) {
                        a += scores[j] * v[j][o + e];
                    }
                    out[i][o + e] = (float) (a / sum);
                }
            }
        }
        return out;
    }

    /** y = x W + b with W stored [in, out], as one BLAS product. */
    private float[][] linear(float[][] x, String name) {
        OnnxInitializers.Tensor wt = w.get(name + ".weight");
        float[] m = weight(name + ".weight"), b = weight(name + ".bias");
        int in = (int) wt.shape()[0], out = (int) wt.shape()[1], rows = x.length;
        float[] flat = new float[rows * in], y = new float[rows * out];
        for (int t = 0; t < rows; t++) {
            System.arraycopy(x[t], 0, flat, t * in, in);
            System.arraycopy(b, 0, y, t * out, out);
        }
        Gemm.multiply(false, false, rows, out, in, 1f, flat, 0, m, 0, 1f, y, 0);
        float[][] rowsOut = new float[rows][];
        for (int t = 0; t < rows; t++) {
            rowsOut[t] = java.util.Arrays.copyOfRange(y, t * out, (t + 1) * out);
        }
        return rowsOut;
    }

    private void layerNorm(float[][] x, String name) {
        float[] g = weight(name + ".weight"), b = weight(name + ".bias");
        for (float[] row : x) {
            double mean = 0, var = 0;
            for (float v : row) {
                mean += v;
            }
            mean /= row.length;
            for (float v : row) {
                var += (v - mean) * (v - mean);
            }
            var /= row.length;
            double inv = 1 / Math.sqrt(var + c.layerNormEps());
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) ((row[i] - mean) * inv * g[i] + b[i]);
            }
        }
    }

    private static void add(float[][] y, float[][] x) {
        for (int t = 0; t < y.length; t++) {
            for (int i = 0; i < y[t].length; i++) {
                y[t][i] += x[t][i];
            }
        }
    }

    /** GELU with the exact error function: x/2 (1 + erf(x / sqrt 2)). */
    static float gelu(float x) {
        return (float) (0.5 * x * (1 + Erf.erf(x / Math.sqrt(2))));
    }
}
