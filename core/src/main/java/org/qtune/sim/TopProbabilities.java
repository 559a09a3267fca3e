package org.qtune.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code k} most probable basis states seen so far, as (index, probability) pairs: the one
 * top-k selection of qtune, fed amplitude by amplitude by the single-node state ({@link #of}) and by
 * each chunk of a distributed state, whose partial lists the driver merges with {@link #addAll}.
 * Order: higher probability first, ties by lower index, so every way of feeding the same amplitudes
 * gives the same list. Not thread-safe; one per chunk or per state.
 */
public final class TopProbabilities {
    /** Weakest first: lower probability, then higher index. */
    private static final Comparator<Outcome> WEAKEST_FIRST = Comparator.comparingDouble(Outcome::probability)
            .thenComparing(Comparator.comparingLong(Outcome::index).reversed());

    /** One basis state and its probability. */
    public record Outcome(long index, double probability) {
    }

    private final int k;
    private final PriorityQueue<Outcome> heap;

    public TopProbabilities(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        this.k = k;
        this.heap = new PriorityQueue<>(WEAKEST_FIRST);
    }

    /** Offers one basis state. */
    public void add(long index, double probability) {
        if (k == 0) {
            return;
        }
        if (heap.size() < k) {
            heap.add(new Outcome(index, probability));
            return;
        }
        Outcome weakest = heap.peek();
        if (probability < weakest.probability()) {
            return;
        }
        Outcome e = new Outcome(index, probability);
        if (WEAKEST_FIRST.compare(e, weakest) > 0) {
            heap.poll();
            heap.add(e);
        }
    }

    /** Offers every outcome of another selection (a chunk's partial list). */
    public void addAll(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            add(o.index(), o.probability());
        }
    }

    /** The selection, most probable first, ties by lower index. */
    public List<Outcome> result() {
        List<Outcome> sorted = new ArrayList<>(heap);
        sorted.sort(WEAKEST_FIRST.reversed());
        return sorted;
    }

    /** The {@code k} most probable basis states of a state vector (paged or not). */
    public static List<Outcome> of(StateVector s, int k) {
        TopProbabilities top = new TopProbabilities(k);
        for (long i = 0; i < s.dimension() && k > 0; i++) {
            top.add(i, Measurements.probability(s, (int) i));
        }
        return top.result();
    }
}
