package org.qtune.data;

/**
 * A text and its class for a classification task. {@code id} names the example where it came from
 * (a file and line, a corpus path), so an error or a prediction can point at it.
 */
public record LabeledText(String id, String text, int label) implements TaskExample {
    public LabeledText {
        if (text == null || id == null) {
            throw new IllegalArgumentException("an example needs an id and a text");
        }
        if (label < 0) {
            throw new IllegalArgumentException(id + ": label must be a class index >= 0, got " + label);
        }
    }
}
