/**
 * Low-rank adapters on a model's frozen linear layers: {@link org.qtune.model.lora.LoraConfig}
 * (rank, alpha, dropout, rsLoRA, targets matched as PEFT matches them),
 * {@link org.qtune.model.lora.LoraLinear} (the update s B A x with its explicit backward, one per
 * adapted layer), {@link org.qtune.model.lora.LoraAdapters} (a model's set, PEFT's initialization,
 * the flat parameter vector an optimizer sees, merging) and
 * {@link org.qtune.model.lora.PeftAdapter} (PEFT's adapter_config.json and adapter_model.safetensors,
 * read and written). Uses {@code model} (the {@code LinearAdapter} extension point), {@code tensor},
 * {@code model.format} and {@code io}.
 */
package org.qtune.model.lora;
