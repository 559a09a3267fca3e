package org.qtune.spark.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.qtune.data.ArithmeticProblems;
import org.qtune.data.JsonLinesRows;
import org.qtune.data.LabeledText;
import org.qtune.data.Splits;
import org.qtune.data.TaskExample;
import org.qtune.optim.Seeds;
import org.qtune.spark.data.TaskFiles;

/**
 * The tasks {@code finetune} knows, each as train, validation and test examples: {@code spam-assassin}
 * (the files {@code qtune data spam-assassin} writes), {@code arithmetic} (generated), and
 * {@code jsonl:PATH} with {@code --eval PATH}. The validation split is always cut from the training
 * examples with the data seed, before any low-data subset is taken, and never overlaps the test set;
 * learning rates are chosen on it, never on the test set.
 */
final class FinetuneTasks {
    static final String SPAM = "spam-assassin", ARITHMETIC = "arithmetic", JSONL = "jsonl:";

    private FinetuneTasks() {
    }

    /** A task's examples, how it is scored, and the files it read. */
    record Data(List<TaskExample> train, List<TaskExample> validation, List<TaskExample> test, String metricName,
                int classes, boolean generation, List<String> files) {
    }

    /** The most arithmetic problems of one split a run generates (about 200 bytes each in memory). */
    static final int MAX_GENERATED = 1_000_000;

    /** Refuses generated splits larger than {@link #MAX_GENERATED}, before any is made. */
    static void checkGenerated(Integer train, Integer validation, Integer test) {
        String[] names = {"--train-size", "--validation-size", "--test-size"};
        Integer[] sizes = {train, validation, test};
        for (int i = 0; i < 3; i++) {
            if (sizes[i] != null && sizes[i] > MAX_GENERATED) {
                throw new IllegalArgumentException(names[i] + " " + sizes[i] + ": at most " + MAX_GENERATED
                        + " generated arithmetic problems per split");
            }
        }
    }

    /** Checks the task's name and that its files exist, without Spark (for a plan). */
    static void check(FinetuneJob.Config c) throws IOException {
        if (c.task().equals(ARITHMETIC)) {
            checkGenerated(c.trainSize(), c.validationSize(), c.testSize());
        }
        if (c.task().equals(SPAM)) {
            for (Path f : spamFiles(c)) {
                if (!Files.isRegularFile(f)) {
                    throw new java.io.FileNotFoundException("--task spam-assassin: " + f + " is missing; run qtune data"
                            + " spam-assassin --data-dir " + c.dataDir() + " first");
                }
            }
        } else if (c.task().startsWith(JSONL)) {
            TaskFiles.checkReadable("--task", c.task().substring(JSONL.length()));
            TaskFiles.checkReadable("--eval", c.eval());
        }
        if (c.trainSubset() != null) {
            TaskFiles.checkReadable("--train-subset", c.trainSubset());
        }
    }

    /**
     * The training examples that are rows of {@code subsetPath}, in the task's order; every row must be
     * one of {@code train} (same id and content) and appear once, or the run is refused: a row from the
     * validation or test split would leak it into training.
     */
    static List<TaskExample> subset(List<TaskExample> train, SparkSession spark, String subsetPath) throws IOException {
        JsonLinesRows.Kind kind = train.get(0) instanceof LabeledText ? JsonLinesRows.Kind.CLASSIFICATION
                : JsonLinesRows.Kind.GENERATION;
        List<TaskExample> rows = TaskFiles.read(spark, subsetPath, kind);
        java.util.Set<TaskExample> known = new java.util.HashSet<>(train), seen = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            TaskExample r = rows.get(i);
            if (!known.contains(r)) {
                throw new IllegalArgumentException("--train-subset " + subsetPath + ": row " + (i + 1) + " (id " + r.id()
                        + ") is not one of the task's " + train.size() + " training examples (after the validation split"
                        + " and --train-size); select from those only, with the same --validation-size and --data-seed");
            }
            if (!seen.add(r)) {
                throw new IllegalArgumentException("--train-subset " + subsetPath + ": row " + (i + 1) + " (id " + r.id()
                        + ") appears twice");
            }
        }
        List<TaskExample> out = new ArrayList<>();
        for (TaskExample e : train) {
            if (seen.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Path> spamFiles(FinetuneJob.Config c) {
        return org.qtune.data.mail.SpamAssassinCorpus.files(Path.of(c.dataDir()));
    }

    /**
     * The arithmetic task's train, validation and test problems: three disjoint streams of one data
     * seed, so that every run seed and method sees the same problems (and {@code qtune data
     * arithmetic} writes these very ones).
     */
    static List<List<TaskExample>> arithmetic(int level, long dataSeed, int train, int validation, int test) {
        return List.of(new ArrayList<>(ArithmeticProblems.generate(train, level, Seeds.derive(dataSeed, 1, level), "train")),
                new ArrayList<>(ArithmeticProblems.generate(validation, level, Seeds.derive(dataSeed, 2, level),
                        "validation")),
                new ArrayList<>(ArithmeticProblems.generate(test, level, Seeds.derive(dataSeed, 3, level), "test")));
    }

    /**
     * The validation examples cut from a pool of training examples ({@code first}) and the rest: the
     * one rule {@code finetune} and {@code select --validation-size} share, so that a selection is
     * made from exactly the examples fine-tuning trains on.
     */
    static Splits.Split<TaskExample> validationSplit(List<TaskExample> pool, int size, long dataSeed) {
        return Splits.take(pool, size, Seeds.derive(dataSeed, 4, 0));
    }

    /** Reads or generates the task's examples. */
    static Data load(FinetuneJob.Config c, SparkSession spark) throws IOException {
        long seed = c.dataSeed();
        if (c.task().equals(ARITHMETIC)) {
            List<List<TaskExample>> parts = arithmetic(c.level(), seed, c.trainSize() != null ? c.trainSize() : 2000,
                    c.validationSize(), c.testSize() != null ? c.testSize() : 500);
            List<TaskExample> train = c.trainSubset() == null ? parts.get(0) : subset(parts.get(0), spark, c.trainSubset());
            return new Data(train, parts.get(1), parts.get(2), "exact_match", 0, true, List.of());
        }
        List<TaskExample> pool, test;
        List<String> files = new ArrayList<>();
        if (c.task().equals(SPAM)) {
            List<Path> f = spamFiles(c);
            pool = TaskFiles.read(spark, f.get(0).toString(), JsonLinesRows.Kind.CLASSIFICATION);
            test = TaskFiles.read(spark, f.get(1).toString(), JsonLinesRows.Kind.CLASSIFICATION);
            f.forEach(p -> files.add(p.toString()));
        } else {
            String path = c.task().substring(JSONL.length());
            pool = TaskFiles.read(spark, path, null);
            JsonLinesRows.Kind kind = pool.get(0) instanceof LabeledText ? JsonLinesRows.Kind.CLASSIFICATION
                    : JsonLinesRows.Kind.GENERATION;
            test = TaskFiles.read(spark, c.eval(), kind);
            for (String p : List.of(path, c.eval())) {
                if (!p.contains("://") || p.startsWith("file:")) {
                    files.add(p.startsWith("file:") ? Path.of(java.net.URI.create(p)).toString() : p);
                }
            }
        }
        if (c.validationSize() >= pool.size()) {
            throw new IllegalArgumentException("--validation-size " + c.validationSize() + " leaves no training examples of "
                    + pool.size());
        }
        Splits.Split<TaskExample> split = validationSplit(pool, c.validationSize(), seed);
        List<TaskExample> train = split.rest();
        if (c.trainSize() != null) {
            if (c.trainSize() > train.size()) {
                throw new IllegalArgumentException("--train-size " + c.trainSize() + ": only " + train.size()
                        + " training examples after the validation split");
            }
            train = Splits.take(train, c.trainSize(), Seeds.derive(seed, 5, 0)).first();
        }
        if (c.trainSubset() != null) {
            train = subset(train, spark, c.trainSubset());
        }
        if (c.testSize() != null && c.testSize() < test.size()) {
            test = Splits.take(test, c.testSize(), Seeds.derive(seed, 6, 0)).first();
        }
        boolean generation = !(pool.get(0) instanceof LabeledText);
        int classes = 0;
        if (!generation) {
            for (List<TaskExample> part : List.of(pool, test)) {
                for (TaskExample e : part) {
                    classes = Math.max(classes, ((LabeledText) e).label() + 1);
                }
            }
            classes = Math.max(2, classes);
        }
        String metric = c.task().equals(SPAM) ? "f1" : generation ? "exact_match" : "accuracy";
        return new Data(train, split.first(), test, metric, classes, generation, files);
    }
}
