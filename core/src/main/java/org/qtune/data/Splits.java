package org.qtune.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded splits of a list of examples. The validation part chooses hyper-parameters (the learning
 * rate); the held-out test part is kept apart by the task and never used for that.
 */
public final class Splits {
    private Splits() {
    }

    /** Two disjoint parts: {@code first} holds {@code firstSize} examples, {@code rest} the others, both in input order. */
    public record Split<T>(List<T> first, List<T> rest) {
    }

    /**
     * A seeded random choice of {@code size} examples (kept in their input order) and the rest.
     * The same seed and list give the same split.
     */
    public static <T> Split<T> take(List<T> examples, int size, long seed) {
        if (size < 0 || size > examples.size()) {
            throw new IllegalArgumentException("cannot take " + size + " of " + examples.size() + " examples");
        }
        boolean[] chosen = new boolean[examples.size()];
        int[] order = MicroBatches.permutation(examples.size(), new SplittableRandom(seed));
        for (int i = 0; i < size; i++) {
            chosen[order[i]] = true;
        }
        List<T> first = new ArrayList<>(size), rest = new ArrayList<>(examples.size() - size);
        for (int i = 0; i < chosen.length; i++) {
            (chosen[i] ? first : rest).add(examples.get(i));
        }
        return new Split<>(List.copyOf(first), List.copyOf(rest));
    }
}
