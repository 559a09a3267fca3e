package org.qtune.data;

/** One example of a fine-tuning task: a {@link LabeledText} or a {@link PromptAnswer}. */
public sealed interface TaskExample permits LabeledText, PromptAnswer {
    /** Where the example came from. */
    String id();
}
