package org.qtune.spark.data;

import java.util.ArrayList;
import java.util.List;
import org.qtune.finetune.TokenizedExample;

/**
 * A micro-batch tokenized on an executor and cached there: token ids per example, each one's label
 * (classifier) or answer start and answer text (generator). {@code error} is set instead when an
 * example could not be tokenized (a label outside the classes, say), so that the driver can report
 * it in one line.
 */
public record TokenBlock(int index, int[][] ids, int[] labels, int[] answerStarts, String[] answers, String error) {
    public static TokenBlock of(int index, List<TokenizedExample> examples) {
        int n = examples.size();
        int[][] ids = new int[n][];
        int[] labels = new int[n], starts = new int[n];
        String[] answers = new String[n];
        for (int i = 0; i < n; i++) {
            TokenizedExample e = examples.get(i);
            ids[i] = e.idsView();
            labels[i] = e.label();
            starts[i] = e.answerStart();
            answers[i] = e.answer();
        }
        return new TokenBlock(index, ids, labels, starts, answers, null);
    }

    public static TokenBlock failed(int index, String error) {
        return new TokenBlock(index, new int[0][], new int[0], new int[0], new String[0], error);
    }

    public List<TokenizedExample> examples() {
        List<TokenizedExample> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new TokenizedExample(ids[i], labels[i], answerStarts[i], answers[i]));
        }
        return out;
    }
}
