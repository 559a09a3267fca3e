package org.qtune.spark.train;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.qtune.data.MicroBatches;
import org.qtune.data.TaskExample;
import org.qtune.finetune.FineTuneModel;
import org.qtune.finetune.LocalSteps;
import org.qtune.finetune.SumSteps;
import org.qtune.finetune.Sums;
import org.qtune.finetune.TokenizedExample;
import org.qtune.finetune.Worker;
import org.qtune.spark.data.ModelFiles;
import org.qtune.spark.data.TextBlock;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.exec.ExecutorSide;
import org.qtune.spark.exec.JobStats;

/**
 * Data-parallel fine-tuning steps on Spark. The training examples are cut into fixed micro-batches
 * ({@link MicroBatches}), spread over the partitions lane by lane, tokenized on the executors and cached
 * there. Each step ships the trainable parameters (inside its tasks, or as a broadcast when large)
 * and runs ONE Spark job ("{@code name} step N"): every partition computes the loss and gradient of the step's micro-batches it holds, with
 * the base model loaded once per executor JVM and a {@link Worker} per concurrent task; the driver
 * adds the per-micro-batch {@link Sums} in the step's order. So the step's value and gradient are
 * bit for bit those of {@link LocalSteps} in one process, whatever the number of partitions, the
 * executors or the task timing. Evaluation sets are cached the same way and evaluated in one job
 * each, summed in block order.
 */
public final class DataParallelSteps implements SumSteps, AutoCloseable {
    private final JavaSparkContext sc;
    private final FineTuneModel.Spec spec;
    private final MicroBatches batches;
    private final long seed;
    private final String name;
    private final Base base;
    private final JavaRDD<TokenBlock> train;
    private final int partitions;
    private final List<JavaRDD<TokenBlock>> cached = new ArrayList<>();
    private final List<Broadcast<?>> shipped = new ArrayList<>();
    private volatile JobStats lastJob;
    private volatile Sums lastSums;

    /**
     * Spreads {@code examples} over {@code partitions}, tokenizes and caches them (one job that also
     * checks every example: the first that cannot be tokenized is an IllegalArgumentException naming it).
     */
    public DataParallelSteps(JavaSparkContext sc, FineTuneModel.Spec spec, List<? extends TaskExample> examples,
                             MicroBatches batches, long seed, int partitions, String name) {
        this(sc, spec, batches, seed, partitions, name, examples.size(), null, examples);
    }

    /**
     * The same over examples already tokenized on the driver (pre-training's windows of a corpus
     * whose tokenizer the driver has just trained), shipped as they are.
     */
    public static DataParallelSteps ofTokens(JavaSparkContext sc, FineTuneModel.Spec spec,
                                             List<TokenizedExample> examples, MicroBatches batches, long seed,
                                             int partitions, String name) {
        return new DataParallelSteps(sc, spec, batches, seed, partitions, name, examples.size(), examples, null);
    }

    private DataParallelSteps(JavaSparkContext sc, FineTuneModel.Spec spec, MicroBatches batches, long seed,
                              int partitions, String name, int size, List<TokenizedExample> tokens,
                              List<? extends TaskExample> texts) {
        if (batches.count() != (size + batches.microBatchSize() - 1) / batches.microBatchSize()) {
            throw new IllegalArgumentException("the sampler was made for another number of examples");
        }
        this.sc = sc;
        this.spec = spec;
        this.batches = batches;
        this.seed = seed;
        this.name = name;
        this.partitions = partitions;
        try {
            this.base = new Base(spec, ModelFiles.source(spec.model(), sc.hadoopConfiguration()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // lane after lane, so that P partitions with P dividing the lanes each compute an equal share of every step
        if (tokens != null) {
            List<TokenBlock> blocks = new ArrayList<>(batches.count());
            for (int k : batches.byLane()) {
                List<TokenizedExample> members = new ArrayList<>();
                for (int i : batches.members(k)) {
                    members.add(tokens.get(i));
                }
                blocks.add(TokenBlock.of(k, members));
            }
            this.train = persist(blocks, "the training windows");
        } else {
            List<TextBlock> blocks = new ArrayList<>(batches.count());
            for (int k : batches.byLane()) {
                List<TaskExample> members = new ArrayList<>();
                for (int i : batches.members(k)) {
                    members.add(texts.get(i));
                }
                blocks.add(TextBlock.of(k, members));
            }
            this.train = cache(blocks, "the training data");
        }
    }

    /** Caches already tokenized blocks on the executors (one job that materializes them). */
    private JavaRDD<TokenBlock> persist(List<TokenBlock> blocks, String what) {
        sc.setJobDescription(name + ": cache " + what);
        JavaRDD<TokenBlock> rdd = spread(blocks.toArray(new TokenBlock[0])).persist(StorageLevel.MEMORY_AND_DISK());
        rdd.count();
        cached.add(rdd);
        return rdd;
    }

    /** An evaluation set of examples already tokenized, in consecutive micro-batches of {@code size}. */
    public JavaRDD<TokenBlock> evaluationTokens(List<TokenizedExample> examples, int size, String what) {
        List<TokenBlock> blocks = new ArrayList<>();
        for (int from = 0, k = 0; from < examples.size(); from += size, k++) {
            blocks.add(TokenBlock.of(k, examples.subList(from, Math.min(examples.size(), from + size))));
        }
        return persist(blocks, what);
    }

    /** The number of partitions the examples are spread over. */
    public int partitions() {
        return partitions;
    }

    /** The sums of the last step (its tokens, say), or null before the first. */
    public Sums lastSums() {
        return lastSums;
    }

    /** The timing of the last step's job, or null before the first. */
    public JobStats lastJob() {
        return lastJob;
    }

    /**
     * Caches an evaluation set on the executors in consecutive micro-batches of {@code size}, checked
     * as the training data is.
     */
    public JavaRDD<TokenBlock> evaluationSet(List<? extends TaskExample> examples, int size, String what) {
        List<TextBlock> blocks = new ArrayList<>();
        for (int from = 0, k = 0; from < examples.size(); from += size, k++) {
            blocks.add(TextBlock.of(k, examples.subList(from, Math.min(examples.size(), from + size))));
        }
        return cache(blocks, what);
    }

    private JavaRDD<TokenBlock> cache(List<TextBlock> blocks, String what) {
        sc.setJobDescription(name + ": tokenize and cache " + what);
        JavaRDD<TokenBlock> rdd = spread(blocks.toArray(new TextBlock[0])).mapPartitions(new Tokenize(base))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<String> errors = rdd.filter(b -> b.error() != null).map(TokenBlock::error).take(1);
        if (!errors.isEmpty()) {
            rdd.unpersist(false);
            shipped.remove(shipped.size() - 1).destroy();
            throw new IllegalArgumentException(errors.get(0));
        }
        cached.add(rdd);
        return rdd;
    }

    /**
     * The blocks over {@code min(partitions, blocks)} partitions, in consecutive slices as
     * {@code parallelize} cuts a list, but shipped once per executor as a broadcast: a parallelized
     * list's partitions carry their data inside every task, so each step's tasks would carry the
     * whole training text (or every pre-training window) again although the tokenized blocks are
     * cached. Here a task carries its partition's number; the broadcast stays until {@link #close()},
     * for an executor that recomputes a lost cached partition.
     */
    private <T> JavaRDD<T> spread(T[] blocks) {
        int p = Math.min(partitions, blocks.length);
        Broadcast<T[]> all = sc.broadcast(blocks);
        shipped.add(all);
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            slices.add(i);
        }
        return sc.parallelize(slices, p).mapPartitions(new Slice<>(all, p));
    }

    /** A partition's consecutive slice of the broadcast blocks. */
    static final class Slice<T> implements FlatMapFunction<Iterator<Integer>, T> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<T[]> all;
        private final int slices;

        Slice(Broadcast<T[]> all, int slices) {
            this.all = all;
            this.slices = slices;
        }

        @Override
        public Iterator<T> call(Iterator<Integer> slice) {
            T[] blocks = all.value();
            List<T> out = new ArrayList<>();
            while (slice.hasNext()) {
                int i = slice.next();
                int from = (int) ((long) i * blocks.length / slices), to = (int) ((long) (i + 1) * blocks.length / slices);
                out.addAll(Arrays.asList(blocks).subList(from, to));
            }
            return out.iterator();
        }
    }

    /** One Spark job. */
    @Override
    public Sums step(double[] theta, int step) {
        int[] blocks = batches.ofStep(step);
        sc.setJobDescription(name + " step " + step + ": " + blocks.length + " micro-batches of "
                + batches.microBatchSize());
        List<BlockResult> parts = run(train, theta, new TrainBlocks(base, null, blocks, step, seed));
        Sums[] byBlock = new Sums[batches.count()];
        for (BlockResult p : parts) {
            byBlock[p.block()] = p.sums();
        }
        Sums total = Sums.zero();
        for (int k : blocks) {
            if (byBlock[k] == null) {
                throw new IllegalStateException("step " + step + ": no result for micro-batch " + k);
            }
            total = total.plus(byBlock[k]);
        }
        lastSums = total;
        return total;
    }

    /**
     * Evaluates {@code theta} on a set from {@link #evaluationSet}, one job, blocks added in order;
     * a generator's answers get up to {@code slack} tokens more than the reference.
     */
    public Sums evaluateSet(JavaRDD<TokenBlock> set, double[] theta, int slack, String description) {
        sc.setJobDescription(name + ": " + description);
        List<BlockResult> parts = run(set, theta, new TrainBlocks(base, slack, null, 0, seed));
        parts.sort((a, b) -> Integer.compare(a.block(), b.block()));
        Sums total = Sums.zero();
        for (BlockResult p : parts) {
            total = total.plus(p.sums());
        }
        return total;
    }

    /**
     * Trainable weights up to this size travel inside the step's task binary (which Spark broadcasts
     * to the executors anyway), saving each task a second fetch from the driver; larger ones (full
     * pre-training) go as a broadcast of their own, below the 1000 KiB at which Spark warns of a large
     * task binary.
     */
    static final int CLOSURE_WEIGHTS_BYTES = 768 << 10;

    /** {@link #CLOSURE_WEIGHTS_BYTES}; a test sets 0 to take the broadcast path with small weights. */
    int closureWeightsBytes = CLOSURE_WEIGHTS_BYTES;

    private List<BlockResult> run(JavaRDD<TokenBlock> rdd, double[] theta, TrainBlocks f) {
        Broadcast<double[]> b = (long) theta.length * Double.BYTES <= closureWeightsBytes ? null : sc.broadcast(theta);
        try {
            long t0 = System.nanoTime();
            List<BlockResult> parts = new ArrayList<>(rdd.mapPartitions(b == null ? f.with(theta) : f.with(b)).collect());
            double wall = (System.nanoTime() - t0) / 1e9, tasks = 0, longest = 0;
            for (BlockResult p : parts) {
                tasks += p.seconds();
                longest = Math.max(longest, p.seconds());
            }
            lastJob = new JobStats(parts.size(), wall, tasks, longest, JobStats.slots(sc));
            return parts;
        } finally {
            if (b != null) {
                b.destroy();
            }
        }
    }

    @Override
    public double lastOverheadSeconds() {
        return lastJob == null ? 0 : lastJob.overheadSeconds();
    }

    @Override
    public void close() {
        for (JavaRDD<TokenBlock> r : cached) {
            r.unpersist(false);
        }
        cached.clear();
        for (Broadcast<?> b : shipped) {
            b.destroy();
        }
        shipped.clear();
    }

    /**
     * The base model of {@code spec}, loaded once per JVM (the driver in local mode shares the
     * executors' copy); a model on a Hadoop path is copied to the local model cache first.
     */
    public static FineTuneModel model(FineTuneModel.Spec spec) throws IOException {
        return new Base(spec, ModelFiles.source(spec.model(), ModelFiles.executorConfiguration())).model();
    }

    /**
     * What tasks need to find their JVM's base model: the spec, and where its files are (for a Hadoop
     * path, the driver's fingerprint of them, which every executor checks before loading).
     */
    record Base(FineTuneModel.Spec spec, ModelFiles.Source source) implements Serializable {
        String key() {
            return "finetune-model/" + spec + (source.remote() ? "/" + source.fingerprint() : "");
        }

        FineTuneModel model() {
            return ExecutorSide.cached(key(), () -> {
                try {
                    return source.remote() ? spec.loadFrom(ModelFiles.local(source, ModelFiles.executorConfiguration()))
                            : spec.load();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the base model " + spec.model() + ": " + e.getMessage(), e);
                }
            });
        }

        /** A worker of the executor's pool for this model (workers are reused, one task at a time each). */
        Worker borrow() {
            Worker w = pool().poll();
            return w != null ? w : model().newWorker();
        }

        void giveBack(Worker w) {
            pool().offer(w);
        }

        private ConcurrentLinkedQueue<Worker> pool() {
            return ExecutorSide.cached("finetune-workers/" + key(), ConcurrentLinkedQueue::new);
        }
    }

    /** Tokenizes a partition's blocks with the executor's model; a bad example marks its block. */
    static final class Tokenize implements FlatMapFunction<Iterator<TextBlock>, TokenBlock> {
        private static final long serialVersionUID = 1L;
        private final Base base;

        Tokenize(Base base) {
            this.base = base;
        }

        @Override
        public Iterator<TokenBlock> call(Iterator<TextBlock> blocks) {
            FineTuneModel model = base.model();
            List<TokenBlock> out = new ArrayList<>();
            while (blocks.hasNext()) {
                TextBlock b = blocks.next();
                try {
                    out.add(TokenBlock.of(b.index(), model.tokenizeAll(b.examples())));
                } catch (IllegalArgumentException e) {
                    out.add(TokenBlock.failed(b.index(), e.getMessage()));
                }
            }
            return out.iterator();
        }
    }

    /**
     * A partition's part of a step (the given micro-batches it holds: loss and gradient) or of an
     * evaluation (every block it holds): one {@link BlockResult} per block.
     */
    static final class TrainBlocks implements FlatMapFunction<Iterator<TokenBlock>, BlockResult> {
        private static final long serialVersionUID = 1L;
        private final Base base;
        private final Integer slack;
        private final int[] blocks;
        private final int step;
        private final long seed;
        /** The trainable weights: in the task itself, or else as a broadcast. */
        private final double[] weights;
        private final Broadcast<double[]> theta;

        TrainBlocks(Base base, Integer slack, int[] blocks, int step, long seed) {
            this(base, slack, blocks, step, seed, null, null);
        }

        private TrainBlocks(Base base, Integer slack, int[] blocks, int step, long seed, double[] weights,
                            Broadcast<double[]> theta) {
            this.base = base;
            this.slack = slack;
            this.blocks = blocks == null ? null : blocks.clone();
            this.step = step;
            this.seed = seed;
            this.weights = weights;
            this.theta = theta;
        }

        TrainBlocks with(Broadcast<double[]> b) {
            return new TrainBlocks(base, slack, blocks, step, seed, null, b);
        }

        TrainBlocks with(double[] x) {
            return new TrainBlocks(base, slack, blocks, step, seed, x, null);
        }

        @Override
        public Iterator<BlockResult> call(Iterator<TokenBlock> partition) {
            int[] wanted = blocks == null ? null : blocks.clone();
            if (wanted != null) {
                Arrays.sort(wanted);
            }
            double[] x = weights != null ? weights : theta.value();
            Worker w = null;
            List<BlockResult> out = new ArrayList<>();
            try {
                while (partition.hasNext()) {
                    TokenBlock b = partition.next();
                    if (wanted != null && Arrays.binarySearch(wanted, b.index()) < 0) {
                        continue;
                    }
                    if (w == null) {
                        w = base.borrow();
                    }
                    long t0 = System.nanoTime();
                    List<TokenizedExample> examples = b.examples();
                    Sums s = slack != null ? w.evaluate(x, examples, slack, LocalSteps.evaluationSeed(seed, b.index()))
                            : w.train(x, examples, LocalSteps.dropoutSeed(seed, step, b.index()));
                    out.add(BlockResult.encode(b.index(), (System.nanoTime() - t0) / 1e9, s));
                }
            } finally {
                if (w != null) {
                    base.giveBack(w);
                }
            }
            return out.iterator();
        }
    }
}
