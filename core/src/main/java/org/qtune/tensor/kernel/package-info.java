/**
 * The transformer layers' elementwise and row kernels in float32, forward and backward side by side:
 * {@link org.qtune.tensor.kernel.Activations} (exact-erf GELU, SiLU; Vector API loops when the module is present), {@link org.qtune.tensor.kernel.Norms}
 * (LayerNorm, RMSNorm), {@link org.qtune.tensor.kernel.Softmax} (rows with a causal or padding mask),
 * {@link org.qtune.tensor.kernel.Rotary} (rotary position embeddings, half-split as Llama and Qwen2).
 * Static loops over primitive arrays with offsets; they allocate nothing, and say which arguments
 * they modify. Row sums accumulate in double. Uses nothing of qtune; the Vector API where present.
 */
package org.qtune.tensor.kernel;
