/**
 * Tokenizers of the models qtune runs, read from Hugging Face {@code tokenizer.json} files and
 * matching the reference {@code tokenizers} library id for id: {@link org.qtune.tokenize.WordPiece}
 * (BERT's normalizer, pre-tokenizer and greedy longest-match WordPiece, as all-MiniLM-L6-v2 uses).
 * Byte-level BPE for the decoder family comes next (issue 15). Uses Jackson to read the file.
 */
package org.qtune.tokenize;
