package org.qtune.model;

import java.util.Map;

/**
 * The adapters of one model, whatever generates their updates (LoRA, the QTHA family, ...): one
 * {@link LinearAdapter} per targeted linear layer, and their trainable parameters as one flat vector
 * for the optimizer, in an order fixed by the implementation. Not thread-safe: one set per pass.
 */
public interface AdapterSet {
    /** Length of the flat parameter vector. */
    int parameterCount();

    /** Copies the parameters into {@code into}, from index 0. */
    void parameters(double[] into);

    /** Copies the gradients accumulated since {@link #zeroGradients} into {@code into}, from index 0. */
    void gradients(double[] into);

    /** Sets the parameters from {@code from[0, parameterCount())} (rounded to the adapters' precision). */
    void setParameters(double[] from);

    void zeroGradients();

    /**
     * Seeds the random draws of the next passes: dropout masks, a QTHA circuit's shots (ignored by
     * adapters without any).
     */
    void seedDropout(long seed);

    /** The adapters by module path, in layer order, for a pass. */
    Map<String, LinearAdapter> asAdapters();
}
