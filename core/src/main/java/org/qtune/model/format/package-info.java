/**
 * The files the Python ecosystem keeps models and adapters in, read and written by qtune:
 * {@link org.qtune.model.format.Safetensors} (Hugging Face's safetensors: an 8-byte little-endian
 * header length, a JSON header of dtype, shape and byte offsets per tensor, then the raw
 * little-endian data), with every field bounds-checked before a byte of data is read, and the
 * conversions of the stored float formats (F32, F16, BF16) to float32. Hugging Face model
 * directories and PEFT adapter files build on it (issue 15). May use {@code io} and Jackson.
 */
package org.qtune.model.format;
