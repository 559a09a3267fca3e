package org.qtune.data;

/**
 * A prompt and the answer a model should generate after it, for a generation task (the loss counts
 * the answer's tokens only; the metric is exact match of the greedy answer).
 */
public record PromptAnswer(String id, String prompt, String answer) implements TaskExample {
    public PromptAnswer {
        if (prompt == null || answer == null || id == null) {
            throw new IllegalArgumentException("an example needs an id, a prompt and an answer");
        }
        if (answer.isBlank()) {
            throw new IllegalArgumentException(id + ": the answer is empty");
        }
    }
}
