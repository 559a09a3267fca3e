package org.qtune.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qtune.model.format.Safetensors;

/**
 * The gradient of every parameter of a {@link Qwen2}, by the names and in the order of
 * {@link Qwen2#tensors()} (a tied head's gradient adds into the embeddings'): what a full-parameter
 * backward ({@link DecoderPass#backward(float, DecoderGradients)}) accumulates. Zero until then.
 */
public final class DecoderGradients {
    private final Map<String, float[]> arrays = new LinkedHashMap<>();
    private final int count;

    public DecoderGradients(Qwen2 model) {
        int n = 0;
        for (Map.Entry<String, Safetensors.FloatTensor> e : model.tensors().entrySet()) {
            arrays.put(e.getKey(), new float[e.getValue().data().length]);
            n += e.getValue().data().length;
        }
        this.count = n;
    }

    /** The gradient of one tensor (live). */
    public float[] of(String name) {
        float[] g = arrays.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return g;
    }

    /** Number of parameters. */
    public int count() {
        return count;
    }

    public void zero() {
        for (float[] g : arrays.values()) {
            Arrays.fill(g, 0f);
        }
    }

    /** Copies every gradient into {@code flat}, tensor after tensor. */
    public void into(double[] flat) {
        if (flat.length != count) {
            throw new IllegalArgumentException(flat.length + " values for " + count + " parameters");
        }
        int at = 0;
        for (float[] g : arrays.values()) {
            for (float v : g) {
                flat[at++] = v;
            }
        }
    }

    /** Writes a flat parameter vector (same order) into the decoder's own arrays, rounded to float32. */
    public static void setParameters(Qwen2 model, double[] flat) {
        int at = 0;
        for (Safetensors.FloatTensor t : model.tensors().values()) {
            float[] d = t.data();
            if (at + d.length > flat.length) {
                throw new IllegalArgumentException(flat.length + " values for a decoder of more parameters");
            }
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) flat[at++];
            }
        }
        if (at != flat.length) {
            throw new IllegalArgumentException(flat.length + " values for a decoder of " + at + " parameters");
        }
    }

    /** The decoder's parameters as a flat vector (same order). */
    public static double[] parameters(Qwen2 model) {
        int n = 0;
        for (Safetensors.FloatTensor t : model.tensors().values()) {
            n += t.data().length;
        }
        double[] flat = new double[n];
        int at = 0;
        for (Safetensors.FloatTensor t : model.tensors().values()) {
            for (float v : t.data()) {
                flat[at++] = v;
            }
        }
        return flat;
    }
}
