package org.qtune.model;

import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Both model families written again as plain double-precision loops over one sequence at a time
 * (no padding, no BLAS, no workspaces, no shared code with the model package): the independent
 * reference for the float32 passes and the function finite differences are taken of.
 */
final class ReferenceTransformer {
    /** LoRA of one module in double: A [r, in], B [out, r], scaling s. */
    record Lora(double[] a, double[] b, int rank, double scaling) {
    }

    private final Map<String, float[]> w;
    private final Map<String, Lora> lora;

    ReferenceTransformer(Map<String, float[]> weights, Map<String, Lora> lora) {
        this.w = weights;
        this.lora = lora;
    }

    private double[] linear(double[] x, String path, int in, int out) {
        float[] m = w.get(path + ".weight"), b = w.get(path + ".bias");
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b == null ? 0 : b[o];
            for (int i = 0; i < in; i++) {
                s += (double) m[o * in + i] * x[i];
            }
            y[o] = s;
        }
        Lora l = lora.get(path);
        if (l != null) {
            double[] u = new double[l.rank()];
            for (int r = 0; r < l.rank(); r++) {
                for (int i = 0; i < in; i++) {
                    u[r] += l.a()[r * in + i] * x[i];
                }
            }
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < l.rank(); r++) {
                    y[o] += l.scaling() * l.b()[o * l.rank() + r] * u[r];
                }
            }
        }
        return y;
    }

    private static double[] rms(double[] x, float[] g, double eps) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double s = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * s * g[i];
        }
        return y;
    }

    private static double[] layerNorm(double[] x, float[] g, float[] b, double eps) {
        double m = 0, v = 0;
        for (double e : x) {
            m += e;
        }
        m /= x.length;
        for (double e : x) {
            v += (e - m) * (e - m);
        }
        double s = 1 / Math.sqrt(v / x.length + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - m) * s * g[i] + b[i];
        }
        return y;
    }

    private static void rope(double[] x, int heads, int d, int t, double theta) {
        int half = d / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                double a = t * Math.pow(theta, -2.0 * i / d), c = Math.cos(a), s = Math.sin(a);
                double x1 = x[h * d + i], x2 = x[h * d + i + half];
                x[h * d + i] = x1 * c - x2 * s;
                x[h * d + i + half] = x2 * c + x1 * s;
            }
        }
    }

    /** Attention for one sequence: q [T][heads d], k, v [T][kvHeads d]; causal or not. */
    private static double[][] attention(double[][] q, double[][] k, double[][] v, int heads, int kvHeads, int d,
                                        boolean causal) {
        int T = q.length, group = heads / kvHeads;
        double[][] out = new double[T][heads * d];
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int t = 0; t < T; t++) {
                int keys = causal ? t + 1 : T;
                double[] s = new double[keys];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    for (int e = 0; e < d; e++) {
                        s[j] += q[t][h * d + e] * k[j][g * d + e];
                    }
                    s[j] /= Math.sqrt(d);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < keys; j++) {
                    s[j] = Math.exp(s[j] - max);
                    z += s[j];
                }
                for (int j = 0; j < keys; j++) {
                    for (int e = 0; e < d; e++) {
                        out[t][h * d + e] += s[j] / z * v[j][g * d + e];
                    }
                }
            }
        }
        return out;
    }

    /** Logits [T][vocab] of one sequence through the decoder. */
    double[][] decoderLogits(Qwen2.Config c, int[] ids) {
        int T = ids.length, H = c.hidden(), I = c.intermediate(), Q = c.queryWidth(), KV = c.kvWidth();
        double[][] x = new double[T][H];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int t = 0; t < T; t++) {
            for (int h = 0; h < H; h++) {
                x[t][h] = emb[ids[t] * H + h];
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] q = new double[T][], k = new double[T][], v = new double[T][];
            for (int t = 0; t < T; t++) {
                double[] h = rms(x[t], w.get(p + "input_layernorm.weight"), c.rmsNormEps());
                q[t] = linear(h, p + "self_attn.q_proj", H, Q);
                k[t] = linear(h, p + "self_attn.k_proj", H, KV);
                v[t] = linear(h, p + "self_attn.v_proj", H, KV);
                rope(q[t], c.heads(), c.headDim(), t, c.ropeTheta());
                rope(k[t], c.kvHeads(), c.headDim(), t, c.ropeTheta());
            }
            double[][] ctx = attention(q, k, v, c.heads(), c.kvHeads(), c.headDim(), true);
            for (int t = 0; t < T; t++) {
                double[] o = linear(ctx[t], p + "self_attn.o_proj", Q, H);
                for (int h = 0; h < H; h++) {
                    x[t][h] += o[h];
                }
                double[] h2 = rms(x[t], w.get(p + "post_attention_layernorm.weight"), c.rmsNormEps());
                double[] gate = linear(h2, p + "mlp.gate_proj", H, I), up = linear(h2, p + "mlp.up_proj", H, I);
                double[] act = new double[I];
                for (int i = 0; i < I; i++) {
                    act[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
                }
                double[] down = linear(act, p + "mlp.down_proj", I, H);
                for (int h = 0; h < H; h++) {
                    x[t][h] += down[h];
                }
            }
        }
        float[] head = w.get(c.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
        double[][] logits = new double[T][c.vocab()];
        for (int t = 0; t < T; t++) {
            double[] h = rms(x[t], w.get("model.norm.weight"), c.rmsNormEps());
            for (int vv = 0; vv < c.vocab(); vv++) {
                for (int e = 0; e < H; e++) {
                    logits[t][vv] += (double) head[vv * H + e] * h[e];
                }
            }
        }
        return logits;
    }

    /** Hugging Face's causal-LM loss over a batch: mean over every counted shifted label. */
    double decoderLoss(Qwen2.Config c, int[][] ids, int[][] labels) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < ids.length; b++) {
            double[][] logits = decoderLogits(c, ids[b]);
            for (int t = 0; t + 1 < ids[b].length; t++) {
                if (labels[b][t + 1] != -100) {
                    sum += crossEntropy(logits[t], labels[b][t + 1]);
                    count++;
                }
            }
        }
        return sum / count;
    }

    /** The last hidden states [T][H] of one sequence through the encoder. */
    double[][] encoderHidden(Bert.Config c, int[] ids) {
        int T = ids.length, H = c.hidden(), I = c.intermediate(), heads = c.heads(), d = H / heads;
        double[][] x = new double[T][H];
        float[] word = w.get("embeddings.word_embeddings.weight"), pos = w.get("embeddings.position_embeddings.weight"),
                type = w.get("embeddings.token_type_embeddings.weight");
        for (int t = 0; t < T; t++) {
            for (int h = 0; h < H; h++) {
                x[t][h] = (double) word[ids[t] * H + h] + pos[t * H + h] + type[h];
            }
            x[t] = layerNorm(x[t], w.get("embeddings.LayerNorm.weight"), w.get("embeddings.LayerNorm.bias"),
                    c.layerNormEps());
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "encoder.layer." + l + ".";
            double[][] q = new double[T][], k = new double[T][], v = new double[T][];
            for (int t = 0; t < T; t++) {
                q[t] = linear(x[t], p + "attention.self.query", H, H);
                k[t] = linear(x[t], p + "attention.self.key", H, H);
                v[t] = linear(x[t], p + "attention.self.value", H, H);
            }
            double[][] ctx = attention(q, k, v, heads, heads, d, false);
            for (int t = 0; t < T; t++) {
                double[] a = linear(ctx[t], p + "attention.output.dense", H, H);
                for (int h = 0; h < H; h++) {
                    a[h] += x[t][h];
                }
                double[] h1 = layerNorm(a, w.get(p + "attention.output.LayerNorm.weight"),
                        w.get(p + "attention.output.LayerNorm.bias"), c.layerNormEps());
                double[] inner = linear(h1, p + "intermediate.dense", H, I);
                for (int i = 0; i < I; i++) {
                    inner[i] = 0.5 * inner[i] * (1 + Erf.erf(inner[i] / Math.sqrt(2)));
                }
                double[] o = linear(inner, p + "output.dense", I, H);
                for (int h = 0; h < H; h++) {
                    o[h] += h1[h];
                }
                x[t] = layerNorm(o, w.get(p + "output.LayerNorm.weight"), w.get(p + "output.LayerNorm.bias"),
                        c.layerNormEps());
            }
        }
        return x;
    }

    /** Mean cross-entropy of a mean-pooled linear classifier (W [C][H] row-major, b [C]). */
    double classifierLoss(Bert.Config c, int[][] ids, int[] labels, double[] headW, double[] headB) {
        int H = c.hidden(), C = headB.length;
        double sum = 0;
        for (int s = 0; s < ids.length; s++) {
            double[][] h = encoderHidden(c, ids[s]);
            double[] logits = new double[C];
            for (int k = 0; k < C; k++) {
                logits[k] = headB[k];
                for (int e = 0; e < H; e++) {
                    double pooled = 0;
                    for (double[] row : h) {
                        pooled += row[e];
                    }
                    logits[k] += headW[k * H + e] * pooled / h.length;
                }
            }
            sum += crossEntropy(logits, labels[s]);
        }
        return sum / ids.length;
    }

    static double crossEntropy(double[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : logits) {
            z += Math.exp(v - max);
        }
        return max + Math.log(z) - logits[target];
    }
}
