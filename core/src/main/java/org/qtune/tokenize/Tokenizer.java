package org.qtune.tokenize;

/** Text to token ids and back, as a model's tokenizer does it. Implementations are immutable and thread-safe. */
public interface Tokenizer {
    /** The ids of a text, with the special tokens the model's tokenizer adds by default (BERT: [CLS] ... [SEP]). */
    int[] encode(String text);

    /** The text of a sequence of ids, special tokens written out. */
    String decode(int[] ids);

    int vocabularySize();
}
