package org.qtune.finetune;

import java.io.Serializable;

/**
 * An example as token ids. Classification: {@code label} >= 0, {@code answerStart} -1. Generation:
 * {@code label} -1, the ids are the prompt's then the answer's (and an end-of-sequence token), the
 * loss counts the tokens from {@code answerStart} on, and {@code answer} is the text greedy
 * generation must reproduce (null for a window of running text, whose every token after the first
 * counts: pre-training).
 */
public record TokenizedExample(int[] ids, int label, int answerStart, String answer) implements Serializable {
    public TokenizedExample {
        if (ids.length == 0) {
            throw new IllegalArgumentException("an example needs at least one token");
        }
        if ((label >= 0) == (answerStart >= 0)) {
            throw new IllegalArgumentException("an example has a label or an answer, not both or neither");
        }
        if (answerStart >= ids.length || answerStart == 0) {
            throw new IllegalArgumentException("the answer must start after at least one prompt token and before the end");
        }
        ids = ids.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** The ids themselves, for loops that only read them. */
    public int[] idsView() {
        return ids;
    }

    public boolean isGeneration() {
        return answerStart > 0;
    }

    /** The prompt's ids (generation). */
    public int[] promptIds() {
        return java.util.Arrays.copyOf(ids, answerStart);
    }
}
