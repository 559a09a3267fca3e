package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qtune.data.JsonLinesRows;
import org.qtune.data.LabeledText;
import org.qtune.data.TaskExample;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.optim.Seeds;
import org.qtune.select.Annealing;
import org.qtune.select.Decomposition;
import org.qtune.select.QuboQaoa;
import org.qtune.select.SelectionProblem;
import org.qtune.select.Selectors;
import org.qtune.spark.data.TaskFiles;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.select.SparkSelection;

/**
 * {@code select}: chooses k training examples by the selection problem of {@code select}
 * (relevance to a task anchor against redundancy, over sentence embeddings computed on the
 * executors) with one of six methods: {@code qubo-qaoa} (QAOA on the simulator; problems larger
 * than a block cut into blocks solved as one Spark job, then refined), {@code qubo-anneal}
 * (simulated annealing, seeded restarts on the executors), and the classical {@code random},
 * {@code kcenter}, {@code facility} and {@code greedy}; {@code exact} (brute force) is the reference
 * for small problems. Labelled data is one problem per label with
 * quotas proportional to the label counts; the energy reported is then the sum of the labels'
 * problems' E. The chosen rows are written atomically as JSON lines in input order.
 */
public final class SelectJob extends Job<SelectJob.Config, SelectJob.Prepared, SelectJob.Report> {
    static final List<String> METHODS = List.of("qubo-qaoa", "qubo-anneal", "random", "kcenter", "facility", "greedy",
            "exact");
    /** Most candidates a run takes (their embeddings and the annealing field fit a default heap). */
    static final int MAX_CANDIDATES = 200_000;

    /**
     * @param data           the candidates: JSON lines or Parquet ({text, label} or {prompt, answer}), any Hadoop path
     * @param anchor         examples whose mean embedding is the task anchor (default: the candidates')
     * @param k              examples to choose
     * @param method         one of {@link #METHODS}
     * @param alpha          weight of relevance against redundancy, in [0, 1] (default 0.5)
     * @param threshold      redundancies below it count as 0, in [0, 1) (default 0)
     * @param byLabel        one problem per label with proportional quotas (default true; labelled data only)
     * @param validationSize leave out the validation examples {@code finetune} cuts from the same file with
     *                       the same data seed (default 0: choose from every row)
     * @param dataSeed       the data seed of that validation split (default 0)
     * @param seed           the selection's seed (random draws, annealing, QAOA starts, k-means)
     * @param model          the encoder for the embeddings: minilm (default) or a Hugging Face encoder directory
     * @param maxTokens      tokens embedded per example (default 128)
     * @param block          QAOA qubits per block (default 12, at most 24)
     * @param depth          QAOA layers p (default 3)
     * @param mixer          xy (default) or penalty
     * @param starts         QAOA starting points per block (default 4)
     * @param refineRounds   qbsolv-style refinement rounds after the blocks (default 20)
     * @param restarts       annealing restarts (default 4)
     * @param sweeps         annealing sweeps of N proposals (default 200)
     * @param partitions     Spark partitions (default 2)
     * @param master         Spark master (default: spark-submit's, else local[*])
     * @param embeddingCache a folder that keeps the embeddings between runs over the same rows (default: none)
     * @param out            the chosen rows (JSON lines)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String data, String anchor, Integer k, String method, Double alpha, Double threshold,
                         Boolean byLabel, Integer validationSize, Long dataSeed, Long seed, String model, Integer maxTokens,
                         Integer block, Integer depth, String mixer, Integer starts, Integer refineRounds, Integer restarts,
                         Integer sweeps, Integer partitions, String master, String embeddingCache, String out)
            implements JobConfig {
        public Config {
            if (data == null || data.isBlank()) {
                throw new IllegalArgumentException("--data is required (the candidates, JSON lines or Parquet)");
            }
            if (out == null || out.isBlank()) {
                throw new IllegalArgumentException("--out is required (the file for the chosen rows)");
            }
            if (k == null) {
                throw new IllegalArgumentException("--k is required (how many examples to choose)");
            }
            Checks.atLeast("--k", k, 1);
            if (method == null || !METHODS.contains(method)) {
                throw new IllegalArgumentException("--method must be one of " + String.join(", ", METHODS) + ", got "
                        + method);
            }
            alpha = alpha == null ? SelectionProblem.DEFAULT_ALPHA : Checks.inRange("--alpha", alpha, 0, 1);
            threshold = threshold == null ? 0 : threshold;
            if (!(threshold >= 0 && threshold < 1)) {
                throw new IllegalArgumentException("--threshold must be in [0, 1), got " + threshold);
            }
            byLabel = byLabel == null || byLabel;
            validationSize = validationSize == null ? 0 : Checks.atLeast("--validation-size", validationSize, 0);
            dataSeed = dataSeed == null ? 0L : dataSeed;
            seed = seed == null ? 0L : seed;
            model = model == null ? SparkSelection.MINILM : model;
            maxTokens = maxTokens == null ? 128 : Checks.inRange("--max-tokens", maxTokens, 2, 512);
            block = block == null ? Decomposition.DEFAULT_BLOCK : Checks.inRange("--block", block, 2, QuboQaoa.MAX_QUBITS);
            depth = depth == null ? 3 : Checks.inRange("--depth", depth, 1, 50);
            mixer = mixer == null ? "xy" : mixer.toLowerCase(Locale.ROOT);
            if (!mixer.equals("xy") && !mixer.equals("penalty")) {
                throw new IllegalArgumentException("--mixer must be xy or penalty, got " + mixer);
            }
            starts = starts == null ? 4 : Checks.inRange("--starts", starts, 1, 1000);
            refineRounds = refineRounds == null ? 20 : Checks.inRange("--refine-rounds", refineRounds, 0, 100_000);
            restarts = restarts == null ? 4 : Checks.inRange("--restarts", restarts, 1, 10_000);
            sweeps = sweeps == null ? Annealing.DEFAULT_SWEEPS : Checks.inRange("--sweeps", sweeps, 1, 1_000_000);
            partitions = partitions == null ? 2 : Checks.atLeast("--partitions", partitions, 1);
            if (master != null) {
                MasterUrl.parse("--master", master);
            }
        }

        QuboQaoa.Settings qaoa() {
            return new QuboQaoa.Settings(QuboQaoa.Mixer.valueOf(mixer.toUpperCase(Locale.ROOT)), depth, starts, 100, 64);
        }

        @Override
        public Map<String, Long> seeds() {
            return Map.of("selection", seed, "data", dataSeed);
        }

        @Override
        public List<String> inputs() {
            List<String> in = new ArrayList<>();
            for (String p : anchor == null ? List.of(data) : List.of(data, anchor)) {
                if (!p.contains("://")) {
                    in.add(p);
                }
            }
            return in;
        }
    }

    /** Nothing is read before the run but the paths' checks. */
    public record Prepared() {
    }

    /**
     * What was chosen and how: the method, k, the candidates n, E of the choice (the sum over the
     * labels' problems), per label its candidates, quota and E, the seconds spent embedding and
     * solving (and whether the embeddings came from --embedding-cache), and for QAOA the blocks solved and E before the refinement.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String method, int k, int n, double energy, double seconds, double alpha, double threshold,
                         Map<String, Part> labels, double embeddingSeconds, boolean embeddingsFromCache,
                         double solveSeconds, Integer blocks,
                         Double energyBeforeRefinement, String out) {
    }

    /** One label's problem: candidates, quota, E of its choice. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Part(int candidates, int chosen, double energy) {
    }

    public SelectJob() {
        super("select", Config.class);
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        TaskFiles.checkReadable("--data", c.data());
        if (c.anchor() != null) {
            TaskFiles.checkReadable("--anchor", c.anchor());
        }
        Path out = Path.of(c.out());
        AtomicFiles.checkWritableDirectory("--out", out.toAbsolutePath().getParent());
        AtomicFiles.checkWritable("--out", out);
        if (!c.model().equals(SparkSelection.MINILM)) {
            org.qtune.model.HfModels.Description d = Models.describe("--model", c.model());
            if (!d.family().equals("encoder")) {
                throw new IllegalArgumentException("--model " + c.model() + " is a " + d.modelType()
                        + " decoder; select embeds with a BERT-family encoder");
            }
        }
        return new Prepared();
    }

    @Override
    public JobPlan plan(Config c, Prepared p) {
        // the encoder, the embeddings, and a problem's redundancies: kept in float up to 12,288 candidates
        // (576 MiB) on the driver and in each annealing task; n is known only once the data is read, so
        // the plan takes the largest matrix
        long matrix = (long) SelectionProblem.FLOAT_LIMIT * SelectionProblem.FLOAT_LIMIT * Float.BYTES;
        long bytes = (300L << 20) + matrix;
        return new JobPlan(bytes, bytes, true, "choose " + c.k() + " examples by " + c.method());
    }

    @Override
    public List<String> outputs(Config c) {
        return List.of(c.out());
    }

    @Override
    public String reportPrefix(Config c) {
        return c.out() + ".";
    }

    @Override
    public Report run(Config c, Prepared prepared, JobContext context) throws Exception {
        long t0 = System.nanoTime();
        JavaSparkContext sc = context.spark("qtune select", c.master());
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        List<TaskExample> rows = TaskFiles.read(spark, c.data(), null);
        if (c.validationSize() > 0) {
            if (c.validationSize() >= rows.size()) {
                throw new IllegalArgumentException("--validation-size " + c.validationSize() + " leaves none of the "
                        + rows.size() + " rows of " + c.data());
            }
            rows = FinetuneTasks.validationSplit(rows, c.validationSize(), c.dataSeed()).rest();
        }
        int n = rows.size();
        if (n > MAX_CANDIDATES) {
            throw new IllegalArgumentException(c.data() + " has " + n + " candidates; select takes at most " + MAX_CANDIDATES);
        }
        if (c.k() > n) {
            throw new IllegalArgumentException("--k " + c.k() + " is more than the " + n + " candidates");
        }
        List<TaskExample> anchorRows = c.anchor() == null ? null : TaskFiles.read(spark, c.anchor(), null);
        context.progress().printf("select: embedding %d candidates%s with %s on %d partitions%n", n,
                anchorRows == null ? "" : " and " + anchorRows.size() + " anchor examples", c.model(), c.partitions());
        boolean[] fromCache = {true};
        double[][] e = embed(c, sc, rows, "the candidates", context, fromCache);
        double[][] anchor = anchorRows == null ? e : embed(c, sc, anchorRows, "the anchor", context, fromCache);
        double embedded = (System.nanoTime() - t0) / 1e9;
        // the problems: one per label (labelled data, unless --by-label false), else one
        Map<String, int[]> groups = groups(rows, c.byLabel());
        int[] sizes = groups.values().stream().mapToInt(g -> g.length).toArray();
        int[] quotas = Decomposition.quotas(sizes, c.k());
        Map<String, Part> parts = new LinkedHashMap<>();
        List<Integer> chosen = new ArrayList<>();
        double energy = 0, before = 0;
        int blocks = 0, label = 0;
        long t1 = System.nanoTime();
        for (Map.Entry<String, int[]> g : groups.entrySet()) {
            int[] members = g.getValue();
            int quota = quotas[label];
            long seed = Seeds.derive(c.seed(), 19, label++);
            double[][] sub = new double[members.length][];
            for (int m = 0; m < members.length; m++) {
                sub[m] = e[members[m]];
            }
            SelectionProblem p = SelectionProblem.of(sub, anchor, c.alpha(), c.threshold());
            Solved s = quota == 0 ? new Solved(new int[0], 0, 0) : solve(c, p, quota, seed, sc, context, g.getKey());
            double partEnergy = quota == 0 ? 0 : p.energy(s.chosen());
            parts.put(g.getKey(), new Part(members.length, quota, partEnergy));
            energy += partEnergy;
            before += quota == 0 ? 0 : s.before();
            blocks += s.blocks();
            for (int i : s.chosen()) {
                chosen.add(members[i]);
            }
        }
        double solved = (System.nanoTime() - t1) / 1e9;
        chosen.sort(null);
        StringBuilder lines = new StringBuilder();
        for (int i : chosen) {
            lines.append(JsonLinesRows.line(rows.get(i))).append('\n');
        }
        AtomicFiles.writeString(Path.of(c.out()), lines.toString());
        context.progress().printf(Locale.ROOT, "select: %d of %d chosen by %s, E = %.6f; wrote %s%n", chosen.size(), n,
                c.method(), energy, c.out());
        boolean qaoa = c.method().equals("qubo-qaoa");
        return new Report(c.method(), c.k(), n, energy, (System.nanoTime() - t0) / 1e9, c.alpha(), c.threshold(), parts,
                embedded, fromCache[0], solved, qaoa ? blocks : null, qaoa ? before : null, c.out());
    }

    /** The rows' embeddings: from --embedding-cache when it holds them, else computed on the executors (and stored). */
    private static double[][] embed(Config c, JavaSparkContext sc, List<TaskExample> rows, String what, JobContext context,
                                    boolean[] fromCache) throws java.io.IOException {
        List<String> texts = rows.stream().map(JsonLinesRows::text).toList();
        org.qtune.select.EmbeddingCache cache = c.embeddingCache() == null ? null
                : new org.qtune.select.EmbeddingCache(Path.of(c.embeddingCache()));
        double[][] e = cache == null ? null : cache.read(c.model(), c.maxTokens(), texts);
        if (e != null) {
            context.progress().printf("select: the embeddings of %s from %s%n", what, cache.file(c.model(), c.maxTokens(),
                    texts));
            return e;
        }
        fromCache[0] = false;
        sc.setJobDescription("select: embed " + what);
        e = SparkSelection.embed(sc, texts, c.model(), c.maxTokens(), c.partitions());
        if (cache != null) {
            cache.write(c.model(), c.maxTokens(), texts, e);
        }
        return e;
    }

    /** The candidates' indices by label ("all" for unlabelled data or --by-label false), labels in order. */
    static Map<String, int[]> groups(List<TaskExample> rows, boolean byLabel) {
        Map<Integer, List<Integer>> g = new TreeMap<>();
        boolean labelled = byLabel && rows.get(0) instanceof LabeledText;
        for (int i = 0; i < rows.size(); i++) {
            g.computeIfAbsent(labelled ? ((LabeledText) rows.get(i)).label() : -1, x -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        g.forEach((key, v) -> out.put(key < 0 ? "all" : "label " + key, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** A problem's choice, E before any refinement, and the QAOA blocks it took. */
    record Solved(int[] chosen, double before, int blocks) {
    }

    private static Solved solve(Config c, SelectionProblem p, int k, long seed, JavaSparkContext sc, JobContext context,
                                String what) {
        switch (c.method()) {
            case "random":
                return done(p, Selectors.random(p, k, seed));
            case "greedy":
                return done(p, Selectors.greedy(p, k));
            case "kcenter":
                return done(p, Selectors.kCenter(p, k));
            case "facility":
                return done(p, Selectors.facility(p, k));
            case "exact":
                return done(p, Selectors.bruteForce(p, k));
            case "qubo-anneal": {
                long[] seeds = new long[c.restarts()];
                for (int r = 0; r < seeds.length; r++) {
                    seeds[r] = Seeds.derive(seed, 2, r);
                }
                sc.setJobDescription("select: anneal " + what + " (" + seeds.length + " restarts)");
                int[] best = null;
                double bestE = Double.POSITIVE_INFINITY;
                for (int[] a : SparkSelection.anneal(sc, p, k, seeds, c.sweeps(), c.partitions()).chosen()) {
                    double e = p.energy(a);
                    if (e < bestE) {
                        bestE = e;
                        best = a;
                    }
                }
                return done(p, best);
            }
            default: {
                QuboQaoa.Settings s = c.qaoa();
                List<Decomposition.Block> blocks = p.size() <= c.block()
                        ? List.of(new Decomposition.Block(java.util.stream.IntStream.range(0, p.size()).toArray(), k))
                        : Decomposition.blocks(p, k, c.block(), Seeds.derive(seed, 1, 0));
                List<SelectionProblem.Qubo> qubos = new ArrayList<>();
                int[] quotas = new int[blocks.size()];
                long[] seeds = new long[blocks.size()];
                for (int b = 0; b < blocks.size(); b++) {
                    qubos.add(Decomposition.blockQubo(p, k, blocks.get(b)));
                    quotas[b] = blocks.get(b).quota();
                    seeds[b] = Seeds.derive(seed, 3, b);
                }
                context.progress().printf("select: QAOA on %d block(s) of %s (up to %d qubits, p = %d, %s mixer)%n",
                        blocks.size(), what, c.block(), c.depth(), c.mixer());
                // a job per wave of blocks, so that a long solve shows its progress (the answers do not
                // depend on the waves: each block has its own seed)
                int wave = Math.max(8, 4 * c.partitions());
                List<int[]> answers = new ArrayList<>();
                long w0 = System.nanoTime();
                for (int from = 0; from < blocks.size(); from += wave) {
                    int to = Math.min(blocks.size(), from + wave);
                    sc.setJobDescription("select: QAOA on blocks " + (from + 1) + "-" + to + " of " + blocks.size() + " ("
                            + what + ")");
                    answers.addAll(SparkSelection.solveBlocks(sc, qubos.subList(from, to),
                            java.util.Arrays.copyOfRange(quotas, from, to), s, java.util.Arrays.copyOfRange(seeds, from, to),
                            c.partitions()).chosen());
                    double elapsed = (System.nanoTime() - w0) / 1e9;
                    context.progress().printf(Locale.ROOT, "select: %d of %d blocks solved, %.0f s, ETA %.0f s%n", to,
                            blocks.size(), elapsed, elapsed / to * (blocks.size() - to));
                }
                int[] joined = Decomposition.join(blocks, answers);
                double before = p.energy(joined);
                int[] refined = joined;
                if (blocks.size() > 1 && c.refineRounds() > 0) {
                    try (org.qtune.sim.Simulator sim = new org.qtune.sim.Simulator()) {
                        refined = Decomposition.refine(p, k, joined, (q, kk, sd) -> QuboQaoa.solve(q, kk, s, sd, sim).chosen(),
                                c.block(), c.refineRounds(), Seeds.derive(seed, 4, 0));
                    }
                    context.progress().printf(Locale.ROOT, "select: refinement took E from %.6f to %.6f%n", before,
                            p.energy(refined));
                }
                return new Solved(refined, before, blocks.size());
            }
        }
    }

    private static Solved done(SelectionProblem p, int[] chosen) {
        return new Solved(chosen, p.energy(chosen), 0);
    }
}
