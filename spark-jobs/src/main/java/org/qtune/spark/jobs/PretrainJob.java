package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.data.ArithmeticProblems;
import org.qtune.data.MicroBatches;
import org.qtune.data.PretrainText;
import org.qtune.data.PromptAnswer;
import org.qtune.data.Splits;
import org.qtune.data.TaskExample;
import org.qtune.finetune.FineTuneModel;
import org.qtune.finetune.Method;
import org.qtune.finetune.Sums;
import org.qtune.finetune.TokenizedExample;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.model.DecoderPass;
import org.qtune.model.HfModels;
import org.qtune.model.Qwen2;
import org.qtune.model.format.DType;
import org.qtune.model.format.Safetensors;
import org.qtune.optim.AdamW;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.LearningRateSchedule;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Seeds;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.train.CheckpointStore;
import org.qtune.spark.train.DataParallelSteps;
import org.qtune.tokenize.BpeTrainer;
import org.qtune.tokenize.Tokenizer;
import org.qtune.train.MetricsLog;
import org.qtune.train.RunFingerprint;
import org.qtune.train.TrainingLoop;

/**
 * {@code pretrain}: a small Qwen2-architecture decoder trained from scratch, every parameter,
 * data-parallel on Spark with the machinery of {@code finetune} (fixed micro-batches, one job per
 * step, AdamW with warm-up and cosine decay, clipping, fingerprinted checkpoints): on the public-domain
 * text of {@code qtune data pretrain-text} mixed with generated arithmetic problems, with a byte-level
 * BPE vocabulary trained here first. Saved in Hugging Face layout (config.json, model.safetensors,
 * tokenizer.json) so that {@code qtune generate}, {@code finetune} and {@code transformers} load it.
 *
 * <p>No problem of the arithmetic task's validation or test sets (any level, data seed 0, the
 * default sizes) is in the pre-training text: those prompts are generated and left out, so that a
 * fine-tuned model's held-out score is not a memorized one.
 */
public final class PretrainJob extends Job<PretrainJob.Config, PretrainJob.Prepared, PretrainJob.Report> {
    static final String EOS = "<|endoftext|>";

    /**
     * @param dataDir         where {@code qtune data pretrain-text} put the text
     * @param out             the model directory to write
     * @param vocab           BPE vocabulary size (special token included)
     * @param hidden          hidden width
     * @param layers          decoder layers
     * @param heads           attention heads (head dimension hidden / heads)
     * @param kvHeads         key/value heads
     * @param intermediate    SwiGLU width
     * @param context         tokens per training window
     * @param maxChars        characters read from each text source at most (its documents in order)
     * @param arithmeticShare the share of the corpus's characters that are arithmetic problems
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String dataDir, String out, Integer vocab, Integer hidden, Integer layers, Integer heads,
                         Integer kvHeads, Integer intermediate, Integer context, Integer maxChars, Double arithmeticShare,
                         Integer steps, Integer batch, Integer microBatch, Double learningRate, Double weightDecay,
                         Integer warmupSteps, Double clipNorm, Integer evalEvery, Integer checkpointEvery,
                         Integer validationWindows, Long seed, Integer partitions, String master) implements JobConfig {
        public Config {
            if (out == null || out.isBlank()) {
                throw new IllegalArgumentException("--out is required (the model directory to write)");
            }
            dataDir = dataDir != null ? dataDir : FinetuneJob.Config.defaultDataDir();
            vocab = vocab == null ? 2048 : vocab;
            hidden = hidden == null ? 256 : hidden;
            layers = layers == null ? 4 : layers;
            heads = heads == null ? 4 : heads;
            kvHeads = kvHeads == null ? 2 : kvHeads;
            intermediate = intermediate == null ? 704 : intermediate;
            context = context == null ? 128 : context;
            maxChars = maxChars == null ? 3_000_000 : maxChars;
            arithmeticShare = arithmeticShare == null ? 0.25 : arithmeticShare;
            steps = steps == null ? 1000 : steps;
            batch = batch == null ? 16 : batch;
            microBatch = microBatch == null ? Math.min(8, batch) : microBatch;
            learningRate = learningRate == null ? 2e-3 : learningRate;
            weightDecay = weightDecay == null ? 0.1 : weightDecay;
            warmupSteps = warmupSteps == null ? Math.max(1, steps / 20) : warmupSteps;
            clipNorm = clipNorm == null ? 1.0 : clipNorm;
            evalEvery = evalEvery == null ? Math.max(1, steps / 10) : evalEvery;
            checkpointEvery = checkpointEvery == null ? evalEvery : checkpointEvery;
            validationWindows = validationWindows == null ? 64 : validationWindows;
            seed = seed == null ? 0L : seed;
            partitions = partitions == null ? 2 : partitions;
            Checks.inRange("--vocab", vocab, 258, 1 << 20);
            Checks.atLeast("--hidden", hidden, 8);
            Checks.atLeast("--layers", layers, 1);
            Checks.atLeast("--heads", heads, 1);
            Checks.atLeast("--kv-heads", kvHeads, 1);
            if (hidden % heads != 0 || (hidden / heads) % 2 != 0 || heads % kvHeads != 0) {
                throw new IllegalArgumentException("need --hidden a multiple of --heads with an even head dimension, and "
                        + "--heads a multiple of --kv-heads; got " + hidden + ", " + heads + ", " + kvHeads);
            }
            Checks.atLeast("--intermediate", intermediate, 1);
            Checks.inRange("--context", context, 8, 4096);
            Checks.atLeast("--max-chars", maxChars, 1000);
            Checks.inRange("--arithmetic-share", arithmeticShare, 0, 0.95);
            TrainingProgress.checkSchedule(steps, batch, microBatch, learningRate, weightDecay, warmupSteps, clipNorm,
                    evalEvery, checkpointEvery);
            Checks.atLeast("--validation-windows", validationWindows, 1);
            Checks.atLeast("--partitions", partitions, 1);
            if (master != null) {
                MasterUrl.parse("--master", master);
            }
        }

        Qwen2.Config model() {
            return new Qwen2.Config(vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, context,
                    10000, 1e-6, true, true, false, false);
        }

        @Override
        public Map<String, Long> seeds() {
            return Map.of("run", seed);
        }

        @Override
        public List<String> inputs() {
            return PretrainText.files(Path.of(dataDir)).values().stream().map(Path::toString).toList();
        }
    }

    public record Prepared(long parameters) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String out, long parameters, int vocab, long corpusChars, long trainTokens, int trainWindows,
                         int steps, double trainLoss, double validationLoss, double validationPerplexity,
                         double tokensPerSecond, double sparkOverheadShare, double wallSeconds,
                         Map<String, String> samples) {
    }

    public PretrainJob() {
        super("pretrain", Config.class);
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        for (Path f : PretrainText.files(Path.of(c.dataDir())).values()) {
            if (!Files.isRegularFile(f)) {
                throw new java.io.FileNotFoundException(f + " is missing; run qtune data pretrain-text --data-dir "
                        + c.dataDir() + " first");
            }
        }
        AtomicFiles.checkCreatableDirectory("--out", Path.of(c.out()));
        return new Prepared(c.model().parameters());
    }

    @Override
    public JobPlan plan(Config c, Prepared p) {
        // parameters, AdamW's moments and the step's sums in double; per worker the model, its gradient
        // and a micro-batch's activations in float
        long params = p.parameters();
        // in double: absurd sizes must come out as a huge plan, not an overflowed one
        double tokens = (double) c.microBatch() * c.context();
        long driver = clamp(params * 48.0 + (512L << 20));
        long executor = clamp(params * 12.0 + tokens * c.layers() * c.hidden() * 160 + tokens * c.vocab() * 4);
        return new JobPlan(clamp((double) driver + executor), executor, true, String.format(Locale.ROOT,
                "pre-train a %,d-parameter decoder for %d steps of %d x %d tokens", params, c.steps(), c.batch(),
                c.context()));
    }

    private static long clamp(double bytes) {
        return (long) Math.min(Long.MAX_VALUE / 4.0, bytes);
    }

    @Override
    public List<String> outputs(Config c) {
        return List.of(Path.of(c.out(), "report.json").toString());
    }

    @Override
    public String reportPrefix(Config c) {
        return Path.of(c.out()) + "/";
    }

    @Override
    public String markdown(Config c, Report r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "A decoder of %,d parameters (vocabulary %d) "
                + "pre-trained for %d steps on %,d tokens (%,d windows) from %,d characters; the model, its tokenizer "
                + "and config are in this folder, the loss curves in loss.png and validation.png.%n%n"
                + "| | |%n| --- | --- |%n| final training loss | %.4f |%n| validation loss, perplexity | %.4f, %.2f |%n"
                + "| tokens per second | %.0f |%n| Spark's share of a step | %.1f %% |%n",
                r.parameters(), r.vocab(), r.steps(), r.trainTokens(), r.trainWindows(), r.corpusChars(), r.trainLoss(),
                r.validationLoss(), r.validationPerplexity(), r.tokensPerSecond(), 100 * r.sparkOverheadShare()));
        s.append("\nGreedy continuations by the saved model:\n\n| prompt | continuation |\n| --- | --- |\n");
        r.samples().forEach((prompt, text) -> s.append("| ").append(prompt.replace("|", "\\|")).append(" | ")
                .append(text.replace("|", "\\|").replace("\n", " ")).append(" |\n"));
        return s.toString();
    }

    /** The arithmetic task's held-out prompts (levels 1 to 4, data seed 0, default sizes), kept out of the text. */
    static Set<String> heldOutPrompts() {
        Set<String> out = new HashSet<>();
        for (int level = 1; level <= 4; level++) {
            List<List<TaskExample>> parts = FinetuneTasks.arithmetic(level, 0, 0, 200, 500);
            for (TaskExample e : parts.get(1)) {
                out.add(((PromptAnswer) e).prompt());
            }
            for (TaskExample e : parts.get(2)) {
                out.add(((PromptAnswer) e).prompt());
            }
        }
        return out;
    }

    @Override
    public Report run(Config c, Prepared p, JobContext context) throws Exception {
        long t0 = System.nanoTime();
        PrintStream progress = context.progress();
        Path out = Path.of(c.out());
        Files.createDirectories(out);
        // the corpus: each source's documents in order up to --max-chars, then arithmetic problems
        List<String> docs = new ArrayList<>();
        long chars = 0;
        for (Map.Entry<String, Path> src : PretrainText.files(Path.of(c.dataDir())).entrySet()) {
            long own = 0;
            for (PretrainText.Document d : PretrainText.read(src.getValue())) {
                if (own >= c.maxChars()) {
                    break;
                }
                docs.add(d.text());
                own += d.text().length();
            }
            chars += own;
            progress.printf("pretrain: %s, %,d characters%n", src.getKey(), own);
        }
        long arithmeticChars = (long) (chars * c.arithmeticShare() / (1 - c.arithmeticShare()));
        Set<String> heldOut = heldOutPrompts();
        SplittableRandom r = new SplittableRandom(Seeds.derive(c.seed(), 7, 0));
        long made = 0, skipped = 0;
        int i = 0;
        while (made < arithmeticChars) {
            PromptAnswer q = ArithmeticProblems.problem(r, ArithmeticProblems.level(1 + i % 4), "p" + i);
            i++;
            if (heldOut.contains(q.prompt())) {
                skipped++;
                continue;
            }
            String text = q.prompt() + q.answer();
            docs.add(text);
            made += text.length();
        }
        chars += made;
        progress.printf("pretrain: %,d arithmetic problems (%,d characters; %,d left out as held-out prompts)%n", i - skipped,
                made, skipped);
        // the vocabulary, then the initial model beside it: the executors load the base from there
        long tb = System.nanoTime();
        BpeTrainer trainer = new BpeTrainer();
        docs.forEach(trainer::add);
        String tokenizerJson = BpeTrainer.tokenizerJson(trainer.train(c.vocab(), List.of(EOS)));
        progress.printf("pretrain: BPE vocabulary of %d trained in %.1f s%n", c.vocab(), (System.nanoTime() - tb) / 1e9);
        Path initial = out.resolve("initial");
        Files.createDirectories(initial);
        AtomicFiles.writeString(initial.resolve("tokenizer.json"), tokenizerJson);
        Qwen2 init = Qwen2.initialized(c.model(), 0.02, Seeds.derive(c.seed(), 8, 0));
        AtomicFiles.writeString(initial.resolve("config.json"), c.model().toHuggingFace(0).toPrettyString() + "\n");
        Safetensors.write(initial.resolve("model.safetensors"), init.tensors(), Map.of("format", "pt"), DType.F32);
        FineTuneModel.Spec spec = new FineTuneModel.Spec(initial.toString(), Method.FULL, 1, 1, 0, List.of("q"), 0,
                c.context(), c.seed());
        FineTuneModel model = DataParallelSteps.model(spec);
        // windows of running text: documents shuffled, joined by end-of-text, cut every --context tokens
        Tokenizer tok = model.tokenizer();
        int[] order = MicroBatches.permutation(docs.size(), new SplittableRandom(Seeds.derive(c.seed(), 10, 0)));
        List<Integer> stream = new ArrayList<>();
        for (int k : order) {
            for (int id : tok.encode(docs.get(k))) {
                stream.add(id);
            }
            stream.add(0);
        }
        List<TokenizedExample> windows = new ArrayList<>();
        for (int from = 0; from + c.context() <= stream.size(); from += c.context()) {
            int[] ids = new int[c.context()];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = stream.get(from + t);
            }
            windows.add(new TokenizedExample(ids, -1, 1, null));
        }
        if (windows.size() <= c.validationWindows() + c.batch()) {
            throw new IllegalArgumentException("the corpus makes only " + windows.size() + " windows of " + c.context()
                    + " tokens; raise --max-chars or lower --context");
        }
        Splits.Split<TokenizedExample> split = Splits.take(windows, c.validationWindows(), Seeds.derive(c.seed(), 11, 0));
        List<TokenizedExample> train = split.rest();
        progress.printf("pretrain: %,d tokens, %,d training windows and %d validation windows of %d; %,d parameters%n",
                stream.size(), train.size(), split.first().size(), c.context(), model.trainableParameters());
        JavaSparkContext sc = context.spark("qtune pretrain", c.master(), TrainingProgress.SPARK_DEFAULTS);
        MicroBatches batches = new MicroBatches(train.size(), c.microBatch(), c.batch() / c.microBatch(), c.seed());
        double[] theta = model.initialParameters();
        double trainLoss, tokensPerSecond, overheadShare;
        Sums v;
        try (DataParallelSteps steps = DataParallelSteps.ofTokens(sc, spec, train, batches, c.seed(), c.partitions(),
                "qtune pretrain")) {
            JavaRDD<TokenBlock> validation = steps.evaluationTokens(split.first(), c.microBatch(), "validation windows");
            AdamW adamw = new AdamW(c.learningRate(), c.weightDecay(), c.clipNorm(),
                    LearningRateSchedule.cosine(c.warmupSteps(), c.steps()));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("job", "pretrain");
            f.put("config", c.toString().replace(", out=" + c.out(), "").replace(", partitions=" + c.partitions(), "")
                    .replace(", master=" + c.master(), ""));
            f.put("tokenizer_sha256", RunFingerprint.sha256(tokenizerJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            TrainingLoop loop = new TrainingLoop(adamw, steps, ConvergenceCheck.iterations(c.steps()))
                    .checkpoints(new CheckpointStore(out.resolve("checkpoints").toString(), 2), c.checkpointEvery())
                    .fingerprint(RunFingerprint.of("pretrain seed " + c.seed(), f));
            TrainingProgress lines = new TrainingProgress(c.steps(), c.evalEvery(), c.learningRate(),
                    LearningRateSchedule.cosine(c.warmupSteps(), c.steps()), steps, progress, null, validation, 0);
            try (MetricsLog metrics = new MetricsLog(out.resolve("metrics.jsonl"))) {
                lines.metrics = metrics;
                loop.metrics(metrics).metrics(lines);
                OptimizationResult result = loop.run(theta);
                theta = result.x();
                trainLoss = result.value();
                metrics.plot(out.resolve("loss.png"), "qtune pretrain: training loss (seed " + c.seed() + ")");
                metrics.plot(out.resolve("validation.png"), "qtune pretrain: validation loss", "validation_loss");
            }
            tokensPerSecond = lines.tokensPerSecond();
            overheadShare = lines.overheadShare();
            v = steps.evaluateSet(validation, theta, 0, "final validation");
        }
        model.exportModel(theta, out);
        Map<String, String> samples = samples(out, progress);
        Report report = new Report(out.toString(), model.trainableParameters(), c.vocab(), chars, stream.size(),
                train.size(), c.steps(), trainLoss, v.meanLoss(), Math.exp(v.meanLoss()), tokensPerSecond, overheadShare,
                (System.nanoTime() - t0) / 1e9, samples);
        return report;
    }

    /** Greedy continuations of a few prompts by the saved model, read back from its directory. */
    private static Map<String, String> samples(Path dir, PrintStream progress) throws java.io.IOException {
        HfModels.Loaded m = HfModels.load(dir);
        DecoderPass pass = new DecoderPass(m.decoder(), Map.of());
        Map<String, String> out = new LinkedHashMap<>();
        List<String> prompts = List.of("Call me", "The Congress", "Question: Ana has 3 apples. She buys 4 more. How many"
                + " apples does she have now?\nAnswer:");
        for (String prompt : prompts) {
            int[] ids = m.tokenizer().encode(prompt);
            int room = m.decoder().config().maxPositions();
            if (ids.length > room / 2) {
                // a short --context: the prompt's end, leaving half the context for the continuation
                ids = java.util.Arrays.copyOfRange(ids, ids.length - room / 2, ids.length);
            }
            int[] gen = pass.generate(ids, Math.min(24, room - ids.length), t -> t == 0);
            String text = m.tokenizer().decode(gen);
            out.put(prompt, text);
            progress.printf("sample: %s|%s%n", prompt, text.replace("\n", "\\n"));
        }
        return out;
    }
}
