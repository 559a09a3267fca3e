package org.qtune.model;

import java.io.IOException;

/**
 * Where a model's float32 tensors come from by name (a Hugging Face directory, an ONNX file's
 * initializers): {@link #take} returns a tensor checked against the shape the model expects.
 */
public interface TensorSource {
    /** Whether a tensor of this name exists. */
    boolean has(String name);

    /**
     * The tensor's values, row-major; a missing name or another shape is an IllegalArgumentException
     * naming the tensor, the shape found and the shape expected.
     */
    float[] take(String name, long... shape) throws IOException;

    /** Where the tensors come from, for messages. */
    String source();
}
