/**
 * Tokenizers of the models qtune runs, read from Hugging Face {@code tokenizer.json} files and
 * matching the reference {@code tokenizers} library id for id: {@link org.qtune.tokenize.WordPiece}
 * (BERT's normalizer, pre-tokenizer and greedy longest-match WordPiece, as all-MiniLM-L6-v2 uses)
 * and {@link org.qtune.tokenize.BytePairEncoding} (byte-level BPE of the GPT-2 / Qwen2 family: NFC,
 * the split regex, GPT-2's byte alphabet, merges by rank). Uses Jackson to read the file.
 */
package org.qtune.tokenize;
