package org.qtune.data;

import java.util.SplittableRandom;
import org.qtune.optim.Seeds;

/**
 * Which examples each training step uses, decided by a seed alone. The examples (indices 0..n-1)
 * are cut once into micro-batches: a seeded permutation, then consecutive runs of
 * {@code microBatch} (the last one may be shorter). A step takes {@code perStep} whole micro-batches,
 * one from each of {@code perStep} lanes: micro-batch k belongs to lane k mod perStep, and each
 * epoch visits every lane's micro-batches in a new seeded order. The few micro-batches beyond a
 * whole number per lane are never used (as a data loader's drop-last does).
 *
 * <p>Why fixed micro-batches: a micro-batch is the unit of one forward and backward pass, and its
 * loss and gradient are computed the same way wherever it is. However the micro-batches are spread
 * over partitions, executors or threads, the step's gradient is the sum of the same per-micro-batch
 * results, added in the step's order: the training run is bit-identical for 1, 2 or 4 partitions.
 * Why lanes: a partition that holds whole lanes computes the same number of micro-batches every
 * step, so no step waits for a partition that drew more than its share ({@link #byLane}).
 * The price: examples meet the same companions in every epoch (only the order of micro-batches and
 * their grouping into steps change).
 */
public final class MicroBatches {
    /** Salt of this sampler's streams (the cut, then one per epoch). */
    private static final long SALT = 0x6D62L;
    /** Salt of the competence curriculum's draws. */
    private static final long COMPETENCE_SALT = 0x636FL;
    private final int examples;
    private final int microBatch;
    private final int perStep;
    private final long seed;
    private final int[] order;
    /** null: no curriculum; else how steps visit the difficulty-ordered micro-batches. */
    private final Curriculum curriculum;

    /**
     * A curriculum over micro-batches cut in order of difficulty (ties in a seeded order), so that a
     * lane's j-th micro-batch holds about the (j / per)-th quantile of difficulty:
     * <ul>
     * <li>{@code ordered}: every epoch visits each lane's micro-batches easiest first;</li>
     * <li>{@code competence} (Platanios et al., NAACL 2019): step t draws, per lane and seeded by
     * (seed, t, lane), one of the easiest c(t) share of the lane's micro-batches, with
     * c(t) = min(1, sqrt(t (1 - c0^2) / T + c0^2)); from step T on, any of them.</li>
     * </ul>
     */
    public record Curriculum(boolean competence, double c0, int steps) {
        public Curriculum {
            if (competence && (!(c0 > 0 && c0 <= 1) || steps < 1)) {
                throw new IllegalArgumentException("a competence curriculum needs c0 in (0, 1] and T >= 1 steps, got "
                        + c0 + " and " + steps);
            }
        }

        /** c(t). */
        public double at(int step) {
            return Math.min(1, Math.sqrt(step * (1 - c0 * c0) / steps + c0 * c0));
        }
    }

    public MicroBatches(int examples, int microBatch, int perStep, long seed) {
        this(examples, microBatch, perStep, seed, null, null);
    }

    /** Micro-batches cut by {@code difficulty} (one value per example, lower is easier) and visited as {@code curriculum} says. */
    public static MicroBatches curriculum(double[] difficulty, int microBatch, int perStep, long seed, Curriculum curriculum) {
        if (curriculum == null) {
            throw new IllegalArgumentException("no curriculum");
        }
        for (double d : difficulty) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a difficulty that is not finite: " + d);
            }
        }
        return new MicroBatches(difficulty.length, microBatch, perStep, seed, difficulty, curriculum);
    }

    private MicroBatches(int examples, int microBatch, int perStep, long seed, double[] difficulty, Curriculum curriculum) {
        if (examples < 1 || microBatch < 1 || perStep < 1) {
            throw new IllegalArgumentException("need at least one example, micro-batch size >= 1 and >= 1 micro-batch per"
                    + " step, got " + examples + ", " + microBatch + ", " + perStep);
        }
        this.examples = examples;
        this.microBatch = microBatch;
        this.perStep = perStep;
        this.seed = seed;
        if ((examples + microBatch - 1) / microBatch < perStep) {
            throw new IllegalArgumentException("a step of " + perStep + " micro-batches of " + microBatch + " needs at least "
                    + ((long) (perStep - 1) * microBatch + 1) + " examples; the data has " + examples);
        }
        int[] shuffled = permutation(examples, new SplittableRandom(Seeds.derive(seed, SALT, -1)));
        this.curriculum = curriculum;
        if (difficulty == null) {
            this.order = shuffled;
        } else {
            // stable: equal difficulties keep the seeded order
            this.order = java.util.Arrays.stream(shuffled).boxed()
                    .sorted(java.util.Comparator.comparingDouble(i -> difficulty[i])).mapToInt(Integer::intValue).toArray();
        }
    }

    /** Number of micro-batches. */
    public int count() {
        return (examples + microBatch - 1) / microBatch;
    }

    public int perStep() {
        return perStep;
    }

    public int microBatchSize() {
        return microBatch;
    }

    /** Steps in one epoch: every used micro-batch once. */
    public int stepsPerEpoch() {
        return count() / perStep;
    }

    /**
     * The micro-batches that steps use, lane after lane (lane 0's in index order, then lane 1's, ...):
     * cut into P consecutive equal slices, with P dividing {@code perStep}, each slice holds whole
     * lanes and so computes perStep / P micro-batches of every step.
     */
    public int[] byLane() {
        int per = stepsPerEpoch();
        int[] out = new int[per * perStep];
        for (int lane = 0, at = 0; lane < perStep; lane++) {
            for (int j = 0; j < per; j++) {
                out[at++] = lane + j * perStep;
            }
        }
        return out;
    }

    /** The example indices of micro-batch {@code block}, in the order they are batched. */
    public int[] members(int block) {
        if (block < 0 || block >= count()) {
            throw new IllegalArgumentException("no micro-batch " + block + " of " + count());
        }
        int from = block * microBatch, to = Math.min(examples, from + microBatch);
        int[] out = new int[to - from];
        System.arraycopy(order, from, out, 0, out.length);
        return out;
    }

    /** The micro-batches of step {@code step} (1 for the first), one per lane in lane order: the order their results are added. */
    public int[] ofStep(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
        int per = stepsPerEpoch();
        int epoch = (step - 1) / per, within = (step - 1) % per;
        int[] out = new int[perStep];
        if (curriculum != null) {
            int available = curriculum.competence() ? Math.min(per, Math.max(1, (int) Math.ceil(curriculum.at(step) * per)))
                    : per;
            for (int lane = 0; lane < perStep; lane++) {
                int j = curriculum.competence()
                        ? new SplittableRandom(Seeds.derive(Seeds.derive(seed, COMPETENCE_SALT, step), lane, 0))
                                .nextInt(available)
                        : within;
                out[lane] = lane + j * perStep;
            }
            return out;
        }
        for (int lane = 0; lane < perStep; lane++) {
            int[] order = permutation(per, new SplittableRandom(Seeds.derive(Seeds.derive(seed, SALT, epoch), lane, 0)));
            out[lane] = lane + order[within] * perStep;
        }
        return out;
    }

    /** The epoch (0 for the first) that step {@code step} belongs to. */
    public int epochOf(int step) {
        return (step - 1) / stepsPerEpoch();
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
