package org.qtune.spark.data;

import java.util.ArrayList;
import java.util.List;
import org.qtune.data.LabeledText;
import org.qtune.data.PromptAnswer;
import org.qtune.data.TaskExample;

/**
 * A micro-batch of task examples as it travels to the executors (plain arrays, Kryo-serialized by
 * {@code QtuneKryoRegistrator}): texts and labels for a classifier, prompts and answers for a generator.
 */
public record TextBlock(int index, String[] ids, String[] first, String[] second, int[] labels) {
    /** The block of {@code examples}, all of one kind. */
    public static TextBlock of(int index, List<? extends TaskExample> examples) {
        int n = examples.size();
        String[] ids = new String[n], first = new String[n], second = new String[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            TaskExample e = examples.get(i);
            ids[i] = e.id();
            if (e instanceof LabeledText t) {
                first[i] = t.text();
                labels[i] = t.label();
            } else {
                PromptAnswer p = (PromptAnswer) e;
                first[i] = p.prompt();
                second[i] = p.answer();
                labels[i] = -1;
            }
        }
        return new TextBlock(index, ids, first, second, labels);
    }

    public List<TaskExample> examples() {
        List<TaskExample> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(labels[i] >= 0 ? new LabeledText(ids[i], first[i], labels[i]) : new PromptAnswer(ids[i], first[i],
                    second[i]));
        }
        return out;
    }
}
