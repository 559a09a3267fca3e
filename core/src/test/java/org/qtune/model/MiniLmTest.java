package org.qtune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qtune.model.format.OnnxInitializers;

/**
 * all-MiniLM-L6-v2 against the values the reference (sentence-transformers) gives: the first five
 * dimensions of "Hello, quantum world!"'s sentence embedding, and the parameter count.
 */
class MiniLmTest {
    static MiniLm model;

    @BeforeAll
    static void load() throws IOException {
        model = MiniLm.load();
    }

    @Test
    void theSentenceEmbeddingOfHelloQuantumWorldMatchesSentenceTransformers() {
        float[] e = model.embed("Hello, quantum world!");
        assertEquals(384, e.length);
        double[] want = {-0.0406168, 0.0035660, -0.0155553, 0.0696030, -0.1361145};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], e[i], 1e-5, "dimension " + i);
        }
        double norm = 0;
        for (float v : e) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-6);
    }

    @Test
    void theOnnxFileHoldsTheExpectedWeightsUnderHuggingFaceNames() throws IOException {
        Map<String, OnnxInitializers.Tensor> w;
        try (InputStream in = MiniLm.class.getResourceAsStream(MiniLm.ONNX_RESOURCE)) {
            w = OnnxInitializers.read(new java.io.BufferedInputStream(in, 1 << 20), "minilm");
        }
        long params = w.values().stream().mapToLong(t -> t.data().length).sum();
        assertEquals(101, w.size(), "102 initializers, the int64 position ids left out");
        assertEquals(22_565_376, params);
        OnnxInitializers.Tensor q = w.get("encoder.layer.3.attention.self.query.weight");
        assertEquals(384, q.shape()[0]);
        assertEquals(384, q.shape()[1]);
        assertTrue(w.containsKey("encoder.layer.5.output.dense.weight"));
        assertEquals(1536, w.get("encoder.layer.5.output.dense.weight").shape()[0], "[in, out]: from 1536 to 384");
    }

    @Test
    void geluIsTheExactErfForm() {
        float[] x = {0f, 1f, -1f}, y = new float[3];
        org.qtune.tensor.kernel.Activations.gelu(x, y, 3);
        assertEquals(0.0, y[0], 0);
        assertEquals(0.8413447460685429, y[1], 1e-7);
        assertEquals(-0.15865525393145707, y[2], 1e-7);
    }
}
