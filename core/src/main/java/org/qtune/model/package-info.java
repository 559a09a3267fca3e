/**
 * Transformer language models on the JVM, float32, one readable file per family:
 * {@link org.qtune.model.Bert} (BERT encoders) and {@link org.qtune.model.Qwen2} (Qwen2 / Llama
 * decoders) hold frozen weights and are shared; {@link org.qtune.model.EncoderPass} and
 * {@link org.qtune.model.DecoderPass} run one forward and backward over a padded
 * {@link org.qtune.model.TokenBatch} in a reused workspace, calling each
 * {@link org.qtune.model.LinearAdapter} attached to a {@link org.qtune.model.Linear} by module path
 * (LoRA lives in {@code model.lora}); {@link org.qtune.model.ClassificationHead} is the encoder's
 * trainable classifier; the decoder also generates greedily with a key/value cache.
 * {@link org.qtune.model.HfModels} loads Hugging Face directories and {@link org.qtune.model.MiniLm}
 * the all-MiniLM-L6-v2 jar. Never imports {@code circuit}, {@code sim} or Spark.
 */
package org.qtune.model;
