package org.qtune.finetune;

import java.util.ArrayList;
import java.util.List;
import org.qtune.data.MicroBatches;
import org.qtune.optim.Seeds;

/**
 * Training steps in this process, one micro-batch after another with one {@link Worker}: the
 * reference the distributed steps are tested against, and the way to fine-tune without Spark.
 * A step's value is the mean loss over what its micro-batches counted and its gradient the mean
 * gradient; the per-micro-batch {@link Sums} are added in the step's order.
 */
public final class LocalSteps implements SumSteps {
    /** Salt of the dropout streams. */
    private static final long DROPOUT = 0xD809L;
    private static final long EVALUATION = 0xE7A1L;
    private final List<TokenizedExample> examples;
    private final MicroBatches batches;
    private final Worker worker;
    private final long seed;

    public LocalSteps(FineTuneModel model, List<TokenizedExample> examples, MicroBatches batches, long seed) {
        if (batches.count() != (examples.size() + batches.microBatchSize() - 1) / batches.microBatchSize()) {
            throw new IllegalArgumentException("the sampler was made for another number of examples");
        }
        this.examples = List.copyOf(examples);
        this.batches = batches;
        this.worker = model.newWorker();
        this.seed = seed;
    }

    /** The seed of micro-batch {@code block}'s dropout at step {@code step}. */
    public static long dropoutSeed(long seed, int step, int block) {
        return Seeds.derive(Seeds.derive(seed, DROPOUT, step), 0, block);
    }

    /**
     * The seed of evaluation block {@code block} (of a set cut into consecutive blocks): what a
     * QTHA adapter's shots draw from when an evaluation estimates its circuits from shots.
     */
    public static long evaluationSeed(long seed, int block) {
        return Seeds.derive(Seeds.derive(seed, EVALUATION, 0), 0, block);
    }

    /** The examples of micro-batch {@code block}. */
    public static List<TokenizedExample> members(List<TokenizedExample> examples, MicroBatches batches, int block) {
        List<TokenizedExample> out = new ArrayList<>();
        for (int i : batches.members(block)) {
            out.add(examples.get(i));
        }
        return out;
    }

    @Override
    public Sums step(double[] theta, int step) {
        Sums total = Sums.zero();
        for (int block : batches.ofStep(step)) {
            total = total.plus(worker.train(theta, members(examples, batches, block), dropoutSeed(seed, step, block)));
        }
        return total;
    }

    /** An evaluation of {@code theta} on {@code set}, in consecutive micro-batches of {@code size}, added in order. */
    public static Sums evaluate(Worker worker, double[] theta, List<TokenizedExample> set, int size, int slack) {
        return evaluate(worker, theta, set, size, slack, 0);
    }

    /** {@link #evaluate}, block k's shots (if the adapters draw any) from {@link #evaluationSeed}(seed, k). */
    public static Sums evaluate(Worker worker, double[] theta, List<TokenizedExample> set, int size, int slack,
                                long seed) {
        Sums total = Sums.zero();
        for (int from = 0, k = 0; from < set.size(); from += size, k++) {
            total = total.plus(worker.evaluate(theta, set.subList(from, Math.min(set.size(), from + size)), slack,
                    evaluationSeed(seed, k)));
        }
        return total;
    }
}
