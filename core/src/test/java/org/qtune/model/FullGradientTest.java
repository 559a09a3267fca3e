package org.qtune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.qtune.model.format.Safetensors;

/**
 * The full-parameter backward of the decoder (every embedding, norm, weight, bias and the head)
 * against central differences of the independent double-precision reference, for a tied and an
 * untied model; and the flat parameter vector's round trip.
 */
class FullGradientTest {
    static final Qwen2.Config UNTIED = new Qwen2.Config(40, 16, 24, 2, 4, 2, 4, 32, 10000, 1e-6, false, true, false, false);

    /** Central differences of f with respect to float parameters: the step is what float rounding leaves of h. */
    static double[] floatDifferences(float[] params, DoubleSupplier f) {
        double[] g = new double[params.length];
        for (int i = 0; i < params.length; i++) {
            float keep = params[i], up = (float) (keep + 1e-3), down = (float) (keep - 1e-3);
            params[i] = up;
            double fu = f.getAsDouble();
            params[i] = down;
            double fd = f.getAsDouble();
            params[i] = keep;
            g[i] = (fu - fd) / ((double) up - down);
        }
        return g;
    }

    private static void everyParameterMatches(Qwen2.Config config) throws Exception {
        TinyModels.Builder w = TinyModels.qwen2Weights(config, 21);
        Qwen2 model = Qwen2.load(config, w.source());
        DecoderPass pass = new DecoderPass(model, Map.of());
        TokenBatch b = LoraGradientTest.batch(LoraGradientTest.IDS);
        double sum = pass.lossSum(b, LoraGradientTest.flatLabels(LoraGradientTest.LABELS, b.length()), true);
        int count = pass.countedTokens();
        DecoderGradients g = new DecoderGradients(model);
        pass.backward(1f / count, g);
        // the reference reads its own copies, so perturbing them leaves the model as it was
        Map<String, float[]> ref = new java.util.HashMap<>();
        model.tensors().forEach((k, v) -> ref.put(k, v.data().clone()));
        ReferenceTransformer r = new ReferenceTransformer(ref, Map.of());
        DoubleSupplier loss = () -> r.decoderLoss(config, LoraGradientTest.IDS, LoraGradientTest.LABELS);
        assertEquals(loss.getAsDouble(), sum / count, 1e-5 * sum / count);
        for (String name : model.tensors().keySet()) {
            LoraGradientTest.close(floatDifferences(ref.get(name), loss), g.of(name), 2e-3, name);
        }
        assertEquals(model.parameters(), g.count());
    }

    @Test
    void everyParameterOfATiedDecoderMatchesDoubleFiniteDifferences() throws Exception {
        everyParameterMatches(LoraGradientTest.DECODER);
    }

    @Test
    void everyParameterOfAnUntiedDecoderMatchesDoubleFiniteDifferences() throws Exception {
        everyParameterMatches(UNTIED);
    }

    @Test
    void theFlatParameterVectorRoundTripsAndAnInitializedDecoderIsSeeded() {
        Qwen2 a = Qwen2.initialized(UNTIED, 0.02, 3), b = Qwen2.initialized(UNTIED, 0.02, 3);
        double[] pa = DecoderGradients.parameters(a);
        assertArrayEquals(pa, DecoderGradients.parameters(b));
        assertEquals(a.parameters(), pa.length);
        Qwen2 c = a.copy();
        double[] shifted = pa.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.5;
        }
        DecoderGradients.setParameters(c, shifted);
        assertArrayEquals(pa, DecoderGradients.parameters(a), "the copy has arrays of its own");
        assertEquals((float) (pa[7] + 0.5), (float) DecoderGradients.parameters(c)[7]);
        Safetensors.FloatTensor norm = a.tensors().get("model.layers.0.input_layernorm.weight");
        for (float v : norm.data()) {
            assertEquals(1f, v);
        }
        double sd = 0;
        float[] q = a.tensors().get("model.layers.1.self_attn.q_proj.weight").data();
        for (float v : q) {
            sd += v * v;
        }
        sd = Math.sqrt(sd / q.length);
        assertTrue(Math.abs(sd - 0.02) < 0.004, "std " + sd);
        assertEquals(List.of("model.embed_tokens.weight", "model.layers.0.input_layernorm.weight"),
                a.tensors().keySet().stream().limit(2).toList());
    }
}
