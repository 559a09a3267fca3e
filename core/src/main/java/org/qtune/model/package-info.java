/**
 * Transformer language models on the JVM, one readable file per family, driven by a config:
 * {@link org.qtune.model.Bert} (the BERT encoder: embeddings, post-LayerNorm blocks of multi-head
 * attention and an exact-erf GELU MLP) and {@link org.qtune.model.MiniLm} (all-MiniLM-L6-v2 from
 * its Maven Central jar, with sentence embeddings as sentence-transformers makes them). So far the
 * forward pass in float32 (projections through {@code tensor.Gemm}); the backward pass, workspaces,
 * LoRA and the decoder family follow (issue 15). Never imports {@code circuit}, {@code sim} or Spark.
 */
package org.qtune.model;
