package org.qtune.spark.select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.qtune.model.HfModels;
import org.qtune.model.MiniLm;
import org.qtune.model.SentenceEmbeddings;
import org.qtune.select.Annealing;
import org.qtune.select.QuboQaoa;
import org.qtune.select.SelectionProblem;
import org.qtune.spark.exec.ExecutorSide;
import org.qtune.spark.exec.JobStats;

/**
 * Embedding, block solving and annealing restarts as Spark jobs. What a task needs travels in its
 * function (Spark ships a stage's functions to each executor once); each result carries its index
 * and the driver puts them back in order.
 */
public final class SparkSelection {
    /** The model name that means all-MiniLM-L6-v2 from its jar. */
    public static final String MINILM = "minilm";

    private SparkSelection() {
    }

    /** Each task's answer in order, and the job's timing (the tasks time their own solving). */
    public record Answers(List<int[]> chosen, JobStats job) {
    }

    /** A sentence embedder for {@code model} (minilm or a Hugging Face encoder directory), texts cut at maxTokens. */
    public static SentenceEmbeddings embedder(String model, int maxTokens) throws IOException {
        if (MINILM.equals(model)) {
            MiniLm m = MiniLm.load();
            return new SentenceEmbeddings(m.encoder(), m.tokenizer(), Math.min(maxTokens, MiniLm.MAX_TOKENS));
        }
        HfModels.Loaded m = HfModels.load(Path.of(model));
        if (m.tokenizer() == null) {
            throw new IOException(model + " has neither tokenizer.json nor vocab.txt");
        }
        if (m.encoder() == null) {
            throw new IllegalArgumentException(model + " is not an encoder (embeddings need a BERT-family model)");
        }
        return new SentenceEmbeddings(m.encoder(), m.tokenizer(), Math.min(maxTokens, m.encoder().config().maxPositions()));
    }

    /** The unit embedding of every text, in input order, computed over {@code partitions} tasks. */
    public static double[][] embed(JavaSparkContext sc, List<String> texts, String model, int maxTokens, int partitions) {
        int p = Math.max(1, Math.min(partitions, texts.size()));
        List<double[]> rows = sc.parallelize(slices(p), p)
                .mapPartitions(new Embed(texts.toArray(new String[0]), p, model, maxTokens)).collect();
        double[][] out = new double[texts.size()][];
        for (double[] r : rows) {
            out[(int) r[0]] = Arrays.copyOfRange(r, 1, r.length);
        }
        return out;
    }

    private static List<Integer> slices(int p) {
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            s.add(i);
        }
        return s;
    }

    /** A slice's texts embedded by the executor's encoder: rows {index, e_0, ..., e_{d-1}}. */
    static final class Embed implements FlatMapFunction<Iterator<Integer>, double[]> {
        private static final long serialVersionUID = 1L;
        private final String[] texts;
        private final int slices;
        private final String model;
        private final int maxTokens;

        Embed(String[] texts, int slices, String model, int maxTokens) {
            this.texts = texts;
            this.slices = slices;
            this.model = model;
            this.maxTokens = maxTokens;
        }

        @Override
        public Iterator<double[]> call(Iterator<Integer> slice) {
            SentenceEmbeddings e = ExecutorSide.cached("select-embedder/" + model + "/" + maxTokens, () -> {
                try {
                    return embedder(model, maxTokens);
                } catch (IOException x) {
                    throw new UncheckedIOException("cannot load the encoder " + model + ": " + x.getMessage(), x);
                }
            });
            List<double[]> out = new ArrayList<>();
            while (slice.hasNext()) {
                int s = slice.next();
                int from = (int) ((long) s * texts.length / slices), to = (int) ((long) (s + 1) * texts.length / slices);
                for (int i = from; i < to; i++) {
                    float[] v = e.embed(texts[i]);
                    double[] row = new double[v.length + 1];
                    row[0] = i;
                    for (int d = 0; d < v.length; d++) {
                        row[d + 1] = v[d];
                    }
                    out.add(row);
                }
            }
            return out.iterator();
        }
    }

    /**
     * QAOA on each block's QUBO for its quota, one task per block, with the block's own seed; the
     * answers in block order (indices into each block's variables).
     */
    public static Answers solveBlocks(JavaSparkContext sc, List<SelectionProblem.Qubo> qubos, int[] quotas,
                                          QuboQaoa.Settings settings, long[] seeds, int partitions) {
        int n = qubos.size();
        double[][] linear = new double[n][];
        double[][][] pair = new double[n][][];
        for (int b = 0; b < n; b++) {
            linear[b] = qubos.get(b).linear();
            pair[b] = qubos.get(b).pair();
        }
        int p = Math.max(1, Math.min(partitions, n));
        List<Integer> blocks = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            blocks.add(b);
        }
        long t0 = System.nanoTime();
        List<int[]> rows = sc.parallelize(blocks, p).mapPartitions(new SolveBlocks(linear, pair, quotas.clone(),
                seeds.clone(), settings.mixer().name(), settings.depth(), settings.starts(), settings.iterations(),
                settings.readout())).collect();
        return ordered(sc, rows, (System.nanoTime() - t0) / 1e9);
    }

    /** Rows {index, micros, values...} put in index order, index and time dropped; the job's timing from the times. */
    private static Answers ordered(JavaSparkContext sc, List<int[]> collected, double wall) {
        List<int[]> rows = new ArrayList<>(collected);
        rows.sort(Comparator.comparingInt(r -> r[0]));
        List<int[]> out = new ArrayList<>();
        double tasks = 0, longest = 0;
        for (int[] r : rows) {
            out.add(Arrays.copyOfRange(r, 2, r.length));
            tasks += r[1] / 1e6;
            longest = Math.max(longest, r[1] / 1e6);
        }
        return new Answers(out, new JobStats(rows.size(), wall, tasks, longest, JobStats.slots(sc)));
    }

    /** A row {index, micros, chosen...}. */
    private static int[] row(int index, long nanos, int[] chosen) {
        int[] row = new int[chosen.length + 2];
        row[0] = index;
        row[1] = (int) Math.min(Integer.MAX_VALUE, nanos / 1000);
        System.arraycopy(chosen, 0, row, 2, chosen.length);
        return row;
    }

    /** Blocks solved by QAOA on the executor's simulator: rows {block, chosen...}. */
    static final class SolveBlocks implements FlatMapFunction<Iterator<Integer>, int[]> {
        private static final long serialVersionUID = 1L;
        private final double[][] linear;
        private final double[][][] pair;
        private final int[] quotas;
        private final long[] seeds;
        private final String mixer;
        private final int depth, starts, iterations, readout;

        SolveBlocks(double[][] linear, double[][][] pair, int[] quotas, long[] seeds, String mixer, int depth, int starts,
                    int iterations, int readout) {
            this.linear = linear;
            this.pair = pair;
            this.quotas = quotas;
            this.seeds = seeds;
            this.mixer = mixer;
            this.depth = depth;
            this.starts = starts;
            this.iterations = iterations;
            this.readout = readout;
        }

        @Override
        public Iterator<int[]> call(Iterator<Integer> blocks) {
            QuboQaoa.Settings s = new QuboQaoa.Settings(QuboQaoa.Mixer.valueOf(mixer), depth, starts, iterations, readout);
            List<int[]> out = new ArrayList<>();
            while (blocks.hasNext()) {
                int b = blocks.next();
                long t0 = System.nanoTime();
                int[] chosen = quotas[b] == 0 ? new int[0] : QuboQaoa.solve(new SelectionProblem.Qubo(linear[b], pair[b]),
                        quotas[b], s, seeds[b], ExecutorSide.simulator()).chosen();
                out.add(row(b, System.nanoTime() - t0, chosen));
            }
            return out.iterator();
        }
    }

    /** One annealing restart per seed, one task each; the answers in seed order. */
    public static Answers anneal(JavaSparkContext sc, SelectionProblem problem, int k, long[] seeds, int sweeps,
                                     int partitions) {
        int p = Math.max(1, Math.min(partitions, seeds.length));
        List<Integer> restarts = new ArrayList<>();
        for (int r = 0; r < seeds.length; r++) {
            restarts.add(r);
        }
        long t0 = System.nanoTime();
        List<int[]> rows = sc.parallelize(restarts, p).mapPartitions(new Anneal(problem.unitEmbeddings(),
                problem.dimension(), problem.relevances(), problem.alpha(), problem.threshold(), k, seeds.clone(), sweeps))
                .collect();
        return ordered(sc, rows, (System.nanoTime() - t0) / 1e9);
    }

    /** Annealing restarts on a problem rebuilt once per executor from its parts: rows {restart, chosen...}. */
    static final class Anneal implements FlatMapFunction<Iterator<Integer>, int[]> {
        private static final long serialVersionUID = 1L;
        private final double[] unit, relevance;
        private final int dim, k, sweeps;
        private final double alpha, threshold;
        private final long[] seeds;

        Anneal(double[] unit, int dim, double[] relevance, double alpha, double threshold, int k, long[] seeds, int sweeps) {
            this.unit = unit;
            this.dim = dim;
            this.relevance = relevance;
            this.alpha = alpha;
            this.threshold = threshold;
            this.k = k;
            this.seeds = seeds;
            this.sweeps = sweeps;
        }

        @Override
        public Iterator<int[]> call(Iterator<Integer> restarts) {
            // built once per task, not cached: a large problem's matrix is hundreds of MB that a long-lived
            // executor should not keep; the task's first restart is timed with the build
            long built = System.nanoTime();
            SelectionProblem p = SelectionProblem.fromParts(unit, dim, relevance, alpha, threshold);
            List<int[]> out = new ArrayList<>();
            while (restarts.hasNext()) {
                int r = restarts.next();
                long t0 = Math.min(built, System.nanoTime());
                built = Long.MAX_VALUE;
                int[] chosen = Annealing.solve(p, k, seeds[r], sweeps);
                out.add(row(r, System.nanoTime() - t0, chosen));
            }
            return out.iterator();
        }
    }
}
