package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qtune.data.MicroBatches;
import org.qtune.data.TaskExample;
import org.qtune.adapter.CircuitMode;
import org.qtune.finetune.FineTuneModel;
import org.qtune.finetune.GeneratedLora;
import org.qtune.finetune.Method;
import org.qtune.finetune.Sums;
import org.qtune.finetune.TokenizedExample;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.model.HfModels;
import org.qtune.model.format.DType;
import org.qtune.model.format.Safetensors;
import org.qtune.optim.AdamW;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.LearningRateSchedule;
import org.qtune.optim.OptimizationResult;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.train.CheckpointStore;
import org.qtune.spark.train.DataParallelSteps;
import org.qtune.spark.train.GeneratorState;
import org.qtune.train.MetricsLog;
import org.qtune.train.RunFingerprint;
import org.qtune.train.TrainingLoop;

/**
 * {@code finetune}: trains nothing, a classification head, or LoRA adapters of a transformer on a
 * task, data-parallel on Spark (one job per step, see {@link DataParallelSteps}); AdamW with
 * warm-up and cosine decay and gradient clipping on the driver; validation every K steps;
 * fingerprinted checkpoints that a rerun resumes bit for bit; and in {@code --out}: metrics.jsonl,
 * loss.png and validation.png, report.json and report.md, the adapter in PEFT layout (and an
 * encoder's head as classifier.safetensors). The report's metric is the held-out test set's.
 */
public final class FinetuneJob extends Job<FinetuneJob.Config, FinetuneJob.Prepared, FinetuneJob.Report> {
    /**
     * @param model          {@code minilm} or a Hugging Face directory (an encoder for classification, a decoder
     *                       for generation)
     * @param task           spam-assassin, arithmetic, or jsonl:PATH (rows {"text", "label"} or {"prompt", "answer"})
     * @param eval           the held-out test file of a jsonl task
     * @param dataDir        where {@code qtune data} put the corpora (default $QTUNE_DATA or ~/.cache/qtune/data)
     * @param method         none, head-only (encoders) or lora
     * @param targets        LoRA's target layers by short name (q, k, v, o, up, down, gate; default q,v)
     * @param steps          optimizer steps
     * @param batch          examples per step
     * @param microBatch     examples per forward and backward pass (the unit spread over partitions); the step
     *                       accumulates batch / microBatch of them
     * @param evalEvery      steps between validation evaluations (and the default checkpoint interval)
     * @param maxTokens      longest tokenized example (default 128 for classification, 64 for generation)
     * @param trainSize      training examples to keep after the validation split (the low-data setting), or all
     * @param curriculum     none (default), length or loss (each epoch easiest first by that difficulty), or
     *                       competence (Platanios et al. 2019: draws from the easiest c(t) share)
     * @param difficulty     competence's difficulty: length (default) or loss (the initial model's mean loss)
     * @param competenceStart competence's c0 (default 0.01)
     * @param competenceSteps competence's T, the step from which every example is drawn (default steps / 2)
     * @param trainSubset    rows to train on (JSON lines or Parquet, as {@code select} writes them), each one of the
     *                       training examples the task gives after the validation split and trainSize; null: all
     * @param validationSize examples cut from the training set for validation
     * @param testSize       test examples to evaluate (a seeded subset), or all
     * @param level          the arithmetic task's difficulty, 1 to 4
     * @param seed           the run's seed: initial head and adapters, dropout, micro-batch order
     * @param dataSeed       the data's seed: splits, subsets, generated problems (fixed across run seeds)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, String task, String eval, String dataDir, String method, Integer rank,
                         Double alpha, Double dropout, List<String> targets, Integer qubits, Integer circuitLayers,
                         Integer bottleneck, Integer mpoBond, Integer chunk, Integer mappingWidth,
                         Integer generatorPartitions, String circuitGradient, Integer shots, Integer evalShots, Integer steps,
                         Integer batch,
                         Integer microBatch, Double learningRate, Double weightDecay, Integer warmupSteps,
                         Double clipNorm, Integer evalEvery, Integer checkpointEvery, Integer maxTokens, Integer trainSize,
                         String trainSubset, String curriculum, String difficulty, Double competenceStart,
                         Integer competenceSteps, Integer validationSize, Integer testSize, Integer level, Long seed, Long dataSeed,
                         Integer partitions, String master, Double wattsPerCore, String out) implements JobConfig {
        public Config {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model is required (minilm or a Hugging Face directory)");
            }
            if (task == null || !(task.equals(FinetuneTasks.SPAM) || task.equals(FinetuneTasks.ARITHMETIC)
                    || (task.startsWith(FinetuneTasks.JSONL) && task.length() > FinetuneTasks.JSONL.length()))) {
                throw new IllegalArgumentException("--task must be spam-assassin, arithmetic or jsonl:PATH, got " + task);
            }
            if (task.startsWith(FinetuneTasks.JSONL) && (eval == null || eval.isBlank())) {
                throw new IllegalArgumentException("--task jsonl:PATH needs --eval PATH (the held-out test rows)");
            }
            if (out == null || out.isBlank()) {
                throw new IllegalArgumentException("--out is required (a directory for the report, metrics and adapter)");
            }
            dataDir = dataDir != null ? dataDir : defaultDataDir();
            Method m = Method.parse(method == null ? "lora" : method);
            method = m.id();
            rank = rank == null ? 8 : rank;
            FineTuneModel.QthaShape shape = FineTuneModel.QthaShape.DEFAULT;
            qubits = qubits == null ? shape.qubits() : qubits;
            circuitLayers = circuitLayers == null ? shape.circuitLayers() : circuitLayers;
            bottleneck = bottleneck == null ? shape.bottleneck() : bottleneck;
            mpoBond = mpoBond == null ? shape.mpoBond() : mpoBond;
            chunk = chunk == null ? 64 : chunk;
            mappingWidth = mappingWidth == null ? 32 : mappingWidth;
            circuitGradient = circuitGradient == null ? ADJOINT : circuitGradient;
            shots = shots == null ? 0 : shots;
            evalShots = evalShots == null ? 0 : evalShots;
            // s = alpha / r as LoRA's, with r the qubits for a QTHA member: 2 r by default either way
            alpha = alpha == null ? 2.0 * (m.qtha() != null ? qubits : rank) : alpha;
            wattsPerCore = wattsPerCore == null ? DEFAULT_WATTS_PER_CORE : wattsPerCore;
            dropout = dropout == null ? 0.0 : dropout;
            targets = targets == null || targets.isEmpty() ? List.of("q", "v") : List.copyOf(targets);
            steps = steps == null ? 100 : steps;
            batch = batch == null ? 16 : batch;
            microBatch = microBatch == null ? Math.min(8, batch) : microBatch;
            learningRate = learningRate == null ? 5e-4 : learningRate;
            weightDecay = weightDecay == null ? 0.01 : weightDecay;
            warmupSteps = warmupSteps == null ? steps / 10 : warmupSteps;
            clipNorm = clipNorm == null ? 1.0 : clipNorm;
            evalEvery = evalEvery == null ? Math.max(1, steps / 5) : evalEvery;
            checkpointEvery = checkpointEvery == null ? evalEvery : checkpointEvery;
            curriculum = curriculum == null ? "none" : curriculum;
            if (!List.of("none", "length", "loss", "competence").contains(curriculum)) {
                throw new IllegalArgumentException("--curriculum must be none, length, loss or competence, got " + curriculum);
            }
            if (difficulty != null && !curriculum.equals("competence")) {
                throw new IllegalArgumentException("--difficulty applies to --curriculum competence only");
            }
            difficulty = curriculum.equals("competence") ? (difficulty == null ? "length" : difficulty)
                    : curriculum.equals("none") ? null : curriculum;
            if (difficulty != null && !difficulty.equals("length") && !difficulty.equals("loss")) {
                throw new IllegalArgumentException("--difficulty must be length or loss, got " + difficulty);
            }
            if (!curriculum.equals("competence") && (competenceStart != null || competenceSteps != null)) {
                throw new IllegalArgumentException("--competence-start and --competence-steps apply to --curriculum "
                        + "competence only");
            }
            if (curriculum.equals("competence")) {
                competenceStart = competenceStart == null ? 0.01 : competenceStart;
                if (!(competenceStart > 0 && competenceStart <= 1)) {
                    throw new IllegalArgumentException("--competence-start must be in (0, 1], got " + competenceStart);
                }
                competenceSteps = competenceSteps == null ? Math.max(1, steps / 2)
                        : Checks.atLeast("--competence-steps", competenceSteps, 1);
            }
            validationSize = validationSize == null ? 200 : validationSize;
            level = level == null ? 2 : level;
            seed = seed == null ? 0L : seed;
            dataSeed = dataSeed == null ? 0L : dataSeed;
            partitions = partitions == null ? 2 : partitions;
            Checks.atLeast("--rank", rank, 1);
            Checks.inRange("--qubits", qubits, 1, org.qtune.adapter.QthaConfig.MAX_QUBITS);
            Checks.inRange("--circuit-layers", circuitLayers, 1, 64);
            Checks.atLeast("--bottleneck", bottleneck, 1);
            Checks.inRange("--mpo-bond", mpoBond, 1, 256);
            Checks.atLeast("--chunk", chunk, 1);
            Checks.inRange("--mapping-width", mappingWidth, 1, 4096);
            if (generatorPartitions != null) {
                if (m != Method.QUANTUM_TRAIN) {
                    throw new IllegalArgumentException("--generator-partitions is for quantum-train, not " + m.id());
                }
                if (generatorPartitions < 0 || generatorPartitions > 0 && Integer.bitCount(generatorPartitions) != 1) {
                    throw new IllegalArgumentException("--generator-partitions must be 0 (the driver) or a power of two,"
                            + " got " + generatorPartitions);
                }
            }
            checkCircuitMode(m, circuitGradient, shots, evalShots);
            Checks.finitePositive("--watts-per-core", wattsPerCore);
            Checks.finitePositive("--alpha", alpha);
            Checks.inRange("--dropout", dropout, 0, 0.9);
            TrainingProgress.checkSchedule(steps, batch, microBatch, learningRate, weightDecay, warmupSteps, clipNorm,
                    evalEvery, checkpointEvery);
            if (maxTokens != null) {
                Checks.atLeast("--max-tokens", maxTokens, 4);
            }
            if (trainSize != null) {
                Checks.atLeast("--train-size", trainSize, 1);
            }
            Checks.atLeast("--validation-size", validationSize, 1);
            if (testSize != null) {
                Checks.atLeast("--test-size", testSize, 1);
            }
            Checks.inRange("--level", level, 1, 4);
            Checks.atLeast("--partitions", partitions, 1);
            if (master != null) {
                MasterUrl.parse("--master", master);
            }
        }

        private static void checkCircuitMode(Method m, String gradient, int shots, int evalShots) {
            if (!gradient.equals(ADJOINT) && !gradient.equals(PARAMETER_SHIFT)) {
                throw new IllegalArgumentException("--circuit-gradient must be adjoint or parameter-shift, got " + gradient);
            }
            Checks.inRange("--shots", shots, 0, CircuitMode.MAX_SHOTS);
            Checks.inRange("--eval-shots", evalShots, 0, CircuitMode.MAX_SHOTS);
            boolean circuit = m.qtha() != null && m.qtha().mixer().isCircuit();
            if (!circuit && (gradient.equals(PARAMETER_SHIFT) || shots > 0 || evalShots > 0)) {
                throw new IllegalArgumentException("--circuit-gradient, --shots and --eval-shots are for a QTHA method "
                        + "with a circuit (qtha, qtha-noent, qtha-bc), not " + m.id());
            }
            if (shots > 0 && gradient.equals(ADJOINT)) {
                throw new IllegalArgumentException("--shots trains from shot estimates, which needs --circuit-gradient "
                        + "parameter-shift (the adjoint needs the state, which a device does not give)");
            }
        }

        static String defaultDataDir() {
            String env = System.getenv("QTUNE_DATA");
            return env != null && !env.isBlank() ? env : Path.of(System.getProperty("user.home"), ".cache", "qtune", "data")
                    .toString();
        }

        Method parsedMethod() {
            return Method.parse(method);
        }

        /** The QTHA shape of the options (used by the QTHA methods only). */
        FineTuneModel.QthaShape qthaShape() {
            return new FineTuneModel.QthaShape(qubits, circuitLayers, bottleneck, mpoBond,
                    circuitGradient.equals(PARAMETER_SHIFT), shots);
        }

        @Override
        public Map<String, Long> seeds() {
            return Map.of("run", seed, "data", dataSeed);
        }

        @Override
        public List<String> inputs() {
            List<String> local = new ArrayList<>();
            if (task.equals(FinetuneTasks.SPAM)) {
                FinetuneTasks.spamFiles(this).forEach(p -> local.add(p.toString()));
            }
            List<String> files = new ArrayList<>();
            if (task.startsWith(FinetuneTasks.JSONL)) {
                files.add(task.substring(FinetuneTasks.JSONL.length()));
                files.add(eval);
            }
            if (trainSubset != null) {
                files.add(trainSubset);
            }
            for (String p : files) {
                if (!p.contains("://") && Files.isRegularFile(Path.of(p))) {
                    local.add(p);
                }
            }
            return local;
        }
    }

    /** The model's description (no weights read). */
    public record Prepared(HfModels.Description model) {
    }

    /** The run's result; {@code metric} is the test set's, higher is better. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String task, String method, long seed, String model, int trainableParameters,
                         int adapterParameters, long loraR8Parameters, int circuitParameters, int mpoParameters,
                         long baseParameters, String metricName, double metric, double testLoss, double accuracy,
                         double f1, double validationMetric, double validationLoss, double trainLoss, int steps,
                         int batch, double learningRate, int trainExamples, int validationExamples, int testExamples,
                         int partitions, double trainTokensPerSecond, double sparkOverheadShare, double wallSeconds,
                         double coreSeconds, double energyWattHours, String circuitMode, String generatorState, int evalShots,
                         double shotMetric, double shotTestLoss, String adapter, String out) {
        /** The adapter's parameters as a share of LoRA r = 8's on the same targets. */
        public double shareOfLoraR8() {
            return loraR8Parameters == 0 ? Double.NaN : (double) adapterParameters / loraR8Parameters;
        }
    }

    /** Watts per busy core for the energy estimate (--watts-per-core sets another). */
    public static final double DEFAULT_WATTS_PER_CORE = RunReports.DEFAULT_WATTS_PER_CORE;

    /** --circuit-gradient's values. */
    static final String ADJOINT = "adjoint", PARAMETER_SHIFT = "parameter-shift";

    public FinetuneJob() {
        super("finetune", Config.class);
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        HfModels.Description d = Models.describe("--model", c.model());
        Method m = c.parsedMethod();
        if (m == Method.HEAD_ONLY && d.family().equals("decoder")) {
            throw new IllegalArgumentException("--method head-only trains a classification head: it needs an encoder, and "
                    + c.model() + " is a decoder");
        }
        boolean generation = c.task().equals(FinetuneTasks.ARITHMETIC);
        if (generation && !d.family().equals("decoder")) {
            throw new IllegalArgumentException("--task arithmetic generates answers: it needs a decoder, and " + c.model()
                    + " is an encoder");
        }
        if (c.task().equals(FinetuneTasks.SPAM) && d.family().equals("decoder")) {
            throw new IllegalArgumentException("--task spam-assassin is a classification: it needs an encoder (minilm or a"
                    + " BERT directory), and " + c.model() + " is a decoder");
        }
        FinetuneTasks.check(c);
        AtomicFiles.checkCreatableDirectory("--out", Path.of(c.out()));
        return new Prepared(d);
    }

    @Override
    public JobPlan plan(Config c, Prepared p) {
        long model = Models.loadBytes(p.model());
        long tokens = (long) c.microBatch() * maxTokens(c, p.model());
        // activations kept for the backward, per token and layer: a generous bound from the benchmarks
        // in double: absurd sizes must come out as a huge plan, not an overflowed one
        double work = (double) tokens * p.model().layers() * p.model().hidden() * 160;
        // trainable parameters: in the driver AdamW's x, m, v and their next values, the step's sums, the
        // evaluation's copies and the broadcast (about 20 doubles each); in a worker the adapters' values and
        // gradients (floats), a micro-batch's gradient as doubles and as floats. In local mode the
        // executors are the driver's threads: two workers' share comes on top.
        double trainable = trainable(c, p.model());
        double executor = model + work + trainable * 40;
        long driver = (long) Math.min(Long.MAX_VALUE / 4.0, executor + work + trainable * (20 * 8 + 40));
        return new JobPlan(driver, (long) Math.min(Long.MAX_VALUE / 4.0, executor), true, c.method() + " on " + c.task() + ", " + c.steps()
                + " steps of " + c.batch() + " examples over " + c.partitions() + " partitions");
    }

    /** The trainable parameters of the run, from the model's shapes alone. */
    private static double trainable(Config c, HfModels.Description d) {
        double n = 0;
        Method m = c.parsedMethod();
        boolean encoder = d.family().equals("encoder");
        FineTuneModel.Spec spec = new FineTuneModel.Spec(c.model(), m, c.rank(), c.alpha(), c.dropout(), c.targets(), 2, 4,
                0, c.qthaShape());
        if (m == Method.LORA) {
            n += spec.lora(encoder).trainableParameters(d.linears());
        } else if (m.qtha() != null) {
            n += spec.qthaConfig(encoder).trainableParameters(d.linears());
        }
        if (m != Method.NONE && d.family().equals("encoder")) {
            n += (double) d.hidden() * 8;
        }
        return n;
    }

    static int maxTokens(Config c, HfModels.Description d) {
        return c.maxTokens() != null ? c.maxTokens() : d.family().equals("decoder") ? 64 : 128;
    }

    @Override
    public String memoryAdvice(Config c) {
        return ", or a smaller --micro-batch or --max-tokens";
    }

    @Override
    public List<String> outputs(Config c) {
        Path out = Path.of(c.out());
        return List.of(out.resolve("report.json").toString(), out.resolve("report.md").toString());
    }

    @Override
    public Report run(Config c, Prepared p, JobContext context) throws Exception {
        long t0 = System.nanoTime();
        PrintStream progress = context.progress();
        JavaSparkContext sc = context.spark("qtune finetune", c.master(), TrainingProgress.SPARK_DEFAULTS);
        SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        FinetuneTasks.Data data = FinetuneTasks.load(c, spark);
        Method method = c.parsedMethod();
        boolean generated = method == Method.QUANTUM_TRAIN;
        // Quantum-Train's workers run LoRA with generated weights; the generator lives on the driver
        FineTuneModel.Spec spec = new FineTuneModel.Spec(c.model(), generated ? Method.LORA : method, c.rank(), c.alpha(),
                c.dropout(), c.targets(), data.classes(), maxTokens(c, p.model()), c.seed(), c.qthaShape());
        FineTuneModel model = DataParallelSteps.model(spec);
        GeneratorState generatorState = new GeneratorState(sc, c.generatorPartitions(), c.partitions());
        GeneratedLora generator = generated ? new GeneratedLora(model, c.chunk(), c.circuitLayers(), c.mappingWidth(),
                generatorState) : null;
        UnaryOperator<double[]> toModel = generated ? generator::toModel : x -> x;
        int trainable = generated ? generator.parameterCount() : model.trainableParameters();
        progress.printf("finetune: %s on %s, %,d trainable of %,d parameters; %d training, %d validation, %d test"
                + " examples%n", method.id(), c.task(), trainable, model.baseParameters(),
                data.train().size(), data.validation().size(), data.test().size());
        if (generated) {
            progress.printf("finetune: Quantum-Train generates %,d LoRA weights from %d qubits (%,d angles) and a mapping"
                    + " network of width %d, chunks of %d; its state %s%n", generator.generator().weights(),
                    generator.generator().qubits(), generator.generator().circuitParameterCount(), c.mappingWidth(),
                    Math.min(c.chunk(), generator.generator().weights()),
                    generatorState.describe(generator.generator().qubits()));
        }
        int slack = 2;
        double[] theta = generated ? generator.initialParameters() : model.initialParameters();
        // the sampler refuses a training set smaller than a step: before anything is written
        MicroBatches batches = batches(c, data, model, toModel.apply(theta), progress);
        Path out = Path.of(c.out());
        Files.createDirectories(out);
        double trainLoss, tokensPerSecond = Double.NaN, overheadShare = Double.NaN;
        try (DataParallelSteps steps = new DataParallelSteps(sc, spec, data.train(), batches, c.seed(), c.partitions(),
                "qtune finetune")) {
            JavaRDD<TokenBlock> validation = steps.evaluationSet(data.validation(), c.microBatch(), "the validation set");
            JavaRDD<TokenBlock> test = steps.evaluationSet(data.test(), c.microBatch(), "the test set");
            if (method == Method.NONE) {
                JavaRDD<TokenBlock> sample = steps.evaluationSet(data.train().subList(0, Math.min(data.train().size(),
                        c.batch() * 4)), c.microBatch(), "a training sample");
                trainLoss = steps.evaluateSet(sample, toModel.apply(theta), slack, "training loss of the unadapted model")
                        .meanLoss();
            } else {
                AdamW adamw = new AdamW(c.learningRate(), c.weightDecay(), c.clipNorm(),
                        LearningRateSchedule.cosine(c.warmupSteps(), c.steps()));
                TrainingLoop loop = new TrainingLoop(adamw, generated ? generator.wrap(steps) : steps,
                        ConvergenceCheck.iterations(c.steps()))
                        .checkpoints(new CheckpointStore(out.resolve("checkpoints").toString(), 2), c.checkpointEvery())
                        .fingerprint(fingerprint(c, data, spec, p.model().dir()));
                TrainingProgress lines = new TrainingProgress(c.steps(), c.evalEvery(), c.learningRate(),
                        LearningRateSchedule.cosine(c.warmupSteps(), c.steps()), steps, progress, data.metricName(),
                        validation, slack);
                lines.toModel = toModel;
                try (MetricsLog metrics = new MetricsLog(out.resolve("metrics.jsonl"))) {
                    lines.metrics = metrics;
                    loop.metrics(metrics).metrics(lines);
                    OptimizationResult r = loop.run(theta);
                    theta = r.x();
                    trainLoss = r.value();
                    metrics.plot(out.resolve("loss.png"), "qtune finetune: training loss (" + method.id() + ", "
                            + c.task() + ", seed " + c.seed() + ")");
                    metrics.plot(out.resolve("validation.png"), "qtune finetune: validation " + data.metricName(),
                            "validation_" + data.metricName());
                }
                tokensPerSecond = lines.tokensPerSecond();
                overheadShare = lines.overheadShare();
            }
            progress.printf("finetune: evaluating %d validation and %d test examples%n", data.validation().size(),
                    data.test().size());
            double[] modelTheta = toModel.apply(theta);
            Sums v = steps.evaluateSet(validation, modelTheta, slack, "validation");
            Sums t = steps.evaluateSet(test, modelTheta, slack, "test");
            Sums shot = null;
            if (c.evalShots() > 0) {
                // the same trained adapter with each circuit output estimated from shots, as a device reports it
                FineTuneModel.Spec sampled = new FineTuneModel.Spec(spec.model(), spec.method(), spec.rank(), spec.alpha(),
                        spec.dropout(), spec.targets(), spec.classes(), spec.maxTokens(), spec.seed(),
                        spec.qtha().withShots(c.evalShots()));
                progress.printf("finetune: evaluating the test set again, each circuit output from %,d shots per token%n",
                        c.evalShots());
                try (DataParallelSteps shots = new DataParallelSteps(sc, sampled, data.train(), batches, c.seed(),
                        c.partitions(), "qtune finetune (shots)")) {
                    shot = shots.evaluateSet(test, modelTheta, slack, "test, " + c.evalShots() + " shots per circuit");
                }
            }
            String adapter = null;
            if (model.hasLoraForm()) {
                // Quantum-Train's generated weights are a LoRA adapter like any other; QTHA's A and AB a LoRA pair
                Path dir = out.resolve("adapter");
                model.exportAdapter(modelTheta, dir);
                adapter = dir.toString();
            }
            if (!data.generation() && method != Method.NONE) {
                writeHead(out.resolve("classifier.safetensors"), modelTheta, model, data.classes());
            }
            boolean encoder = !data.generation();
            long loraR8 = new FineTuneModel.Spec(c.model(), Method.LORA, 8, 16, 0, c.targets(), 2, 4, 0).lora(encoder)
                    .trainableParameters(p.model().linears());
            int circuit = 0, mpo = 0;
            if (generated) {
                circuit = generator.generator().circuitParameterCount();
            }
            if (method.qtha() != null) {
                org.qtune.adapter.QthaAdapters q = model.qthaAdapters();
                circuit = q.circuitParameterCount();
                mpo = q.mpoParameterCount();
            }
            double coreSeconds = context.coreSeconds();
            int adapterParameters = generated ? generator.generator().parameterCount()
                    : method.adapts() ? model.innerParameters() : 0;
            Report report = new Report(c.task(), method.id(), c.seed(), c.model(), trainable, adapterParameters, loraR8,
                    circuit, mpo, model.baseParameters(), data.metricName(), metric(t, data.metricName()), t.meanLoss(), t.accuracy(),
                    data.generation() ? Double.NaN : t.f1(), metric(v, data.metricName()), v.meanLoss(), trainLoss,
                    method == Method.NONE ? 0 : c.steps(), c.batch(), c.learningRate(), data.train().size(),
                    data.validation().size(), data.test().size(), c.partitions(), tokensPerSecond, overheadShare,
                    (System.nanoTime() - t0) / 1e9, coreSeconds, coreSeconds * c.wattsPerCore() / 3600,
                    method.qtha() != null && method.qtha().mixer().isCircuit() ? spec.qtha().circuitMode().describe()
                            : null, generated ? generatorState.describe(generator.generator().qubits()) : null, c.evalShots(), shot == null ? Double.NaN : metric(shot, data.metricName()),
                    shot == null ? Double.NaN : shot.meanLoss(), adapter, out.toString());
            progress.print(runTable(report));
            AtomicFiles.writeString(out.resolve("report.json"), JobJson.write(JobJson.tree(report)) + "\n");
            AtomicFiles.writeString(out.resolve("report.md"), markdown(c, report, spec));
            return report;
        }
    }

    static double metric(Sums s, String name) {
        return name.equals("f1") ? s.f1() : s.accuracy();
    }

    /** The head's weight [classes, hidden] and bias, after the LoRA parameters in theta. */
    private static void writeHead(Path file, double[] theta, FineTuneModel model, int classes) throws IOException {
        int hidden = model.encoder().config().hidden(), at = theta.length - classes * hidden - classes;
        float[] w = new float[classes * hidden], b = new float[classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) theta[at++];
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) theta[at++];
        }
        Map<String, Safetensors.FloatTensor> t = new LinkedHashMap<>();
        t.put("classifier.weight", new Safetensors.FloatTensor(new long[] {classes, hidden}, w));
        t.put("classifier.bias", new Safetensors.FloatTensor(new long[] {classes}, b));
        Safetensors.write(file, t, Map.of("format", "pt", "pooling", "mean"), DType.F32);
    }

    /**
     * The run's sampler: seeded micro-batches, or a curriculum's over the examples' difficulty (token
     * count, or the initial model's mean loss on each, computed here on the driver).
     */
    private static MicroBatches batches(Config c, FinetuneTasks.Data data, FineTuneModel model, double[] theta0,
                                        PrintStream progress) {
        int perStep = c.batch() / c.microBatch();
        if (c.difficulty() == null) {
            return new MicroBatches(data.train().size(), c.microBatch(), perStep, c.seed());
        }
        List<TokenizedExample> tokens = model.tokenizeAll(data.train());
        double[] difficulty = new double[tokens.size()];
        if (c.difficulty().equals("length")) {
            for (int i = 0; i < difficulty.length; i++) {
                difficulty[i] = tokens.get(i).idsView().length;
            }
        } else {
            long t0 = System.nanoTime();
            difficulty = model.newWorker().lossPerExample(theta0, tokens);
            progress.printf(Locale.ROOT, "finetune: the initial model's loss on each of %d training examples (%.1f s)%n",
                    tokens.size(), (System.nanoTime() - t0) / 1e9);
        }
        boolean competence = c.curriculum().equals("competence");
        return MicroBatches.curriculum(difficulty, c.microBatch(), perStep, c.seed(), new MicroBatches.Curriculum(
                competence, competence ? c.competenceStart() : 0, competence ? c.competenceSteps() : 0));
    }

    /**
     * What determines the run's trajectory: the model, the training data's content, the method and its
     * settings, the optimizer's, the batch and the seeds; not the partitions, the master or the
     * evaluation interval, so a run can resume on another cluster.
     */
    private static RunFingerprint fingerprint(Config c, FinetuneTasks.Data data, FineTuneModel.Spec spec,
                                              Path modelDir) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("job", "finetune");
        f.put("model", c.model());
        if (!Models.isMiniLm(c.model())) {
            // the local directory (a model on a Hadoop path: its local copy)
            Path config = modelDir.resolve("config.json");
            f.put("model_config_sha256", RunFingerprint.sha256(Files.readAllBytes(config)));
        }
        StringBuilder examples = new StringBuilder();
        for (TaskExample e : data.train()) {
            examples.append(e).append('\n');
        }
        f.put("train_sha256", RunFingerprint.sha256(examples.toString().getBytes(StandardCharsets.UTF_8)));
        f.put("spec", spec.toString());
        f.put("method", c.method());
        if (c.parsedMethod() == Method.QUANTUM_TRAIN) {
            f.put("quantum_train", Map.of("chunk", c.chunk(), "circuit_layers", c.circuitLayers(), "mapping_width",
                    c.mappingWidth()));
        }
        f.put("steps", c.steps());
        f.put("batch", c.batch());
        f.put("micro_batch", c.microBatch());
        f.put("learning_rate", c.learningRate());
        f.put("weight_decay", c.weightDecay());
        f.put("warmup_steps", c.warmupSteps());
        f.put("clip_norm", c.clipNorm());
        f.put("seed", c.seed());
        if (!c.curriculum().equals("none")) {
            f.put("curriculum", c.curriculum() + "/" + c.difficulty()
                    + (c.curriculum().equals("competence") ? "/" + c.competenceStart() + "/" + c.competenceSteps() : ""));
        }
        return RunFingerprint.of("finetune " + c.method() + " " + c.task() + " seed " + c.seed(), f);
    }

    private static String markdown(Config c, Report r, FineTuneModel.Spec spec) {
        StringBuilder s = new StringBuilder();
        s.append("# qtune finetune: ").append(r.method()).append(" on ").append(r.task()).append("\n\n");
        s.append("| | |\n| --- | --- |\n");
        row(s, "model", r.model() + " (" + String.format(Locale.ROOT, "%,d", r.baseParameters()) + " parameters, frozen)");
        row(s, "method", c.parsedMethod() == Method.QUANTUM_TRAIN ? "quantum-train: the weights of " + describe(spec)
                + ", generated in chunks of " + c.chunk() + " by a circuit of " + c.circuitLayers() + " layers and a mapping "
                + "network of width " + c.mappingWidth() : describe(spec));
        row(s, "trainable parameters", String.format(Locale.ROOT, "%,d", r.trainableParameters()));
        if (r.adapterParameters() > 0) {
            row(s, "adapter parameters", String.format(Locale.ROOT, "%,d = %.1f %% of LoRA r = 8's %,d on the same "
                    + "targets%s", r.adapterParameters(), 100 * r.shareOfLoraR8(), r.loraR8Parameters(),
                    r.circuitParameters() + r.mpoParameters() == 0 ? "" : String.format(Locale.ROOT,
                            " (circuit angles %,d, MPO cores %,d)", r.circuitParameters(), r.mpoParameters())));
        }
        row(s, "examples (train / validation / test)", r.trainExamples() + " / " + r.validationExamples() + " / "
                + r.testExamples());
        row(s, "steps x batch", r.steps() + " x " + r.batch() + " (micro-batches of " + c.microBatch() + ")");
        row(s, "optimizer", "AdamW lr " + c.learningRate() + ", weight decay " + c.weightDecay() + ", warm-up "
                + c.warmupSteps() + " then cosine, clip " + c.clipNorm());
        row(s, "seeds (run / data)", c.seed() + " / " + c.dataSeed());
        row(s, "test " + r.metricName(), fmt(r.metric()));
        row(s, "test loss", fmt(r.testLoss()));
        row(s, "test accuracy", fmt(r.accuracy()));
        if (!Double.isNaN(r.f1())) {
            row(s, "test F1 (class 1)", fmt(r.f1()));
        }
        if (r.evalShots() > 0) {
            row(s, "test " + r.metricName() + ", circuits from " + r.evalShots() + " shots", fmt(r.shotMetric()));
            row(s, "test loss, circuits from " + r.evalShots() + " shots", fmt(r.shotTestLoss()));
        }
        row(s, "validation " + r.metricName(), fmt(r.validationMetric()));
        row(s, "validation loss", fmt(r.validationLoss()));
        row(s, "final training loss", fmt(r.trainLoss()));
        row(s, "training tokens/s", fmt(r.trainTokensPerSecond()));
        row(s, "Spark overhead (share of a step)", fmt(r.sparkOverheadShare()));
        row(s, "wall seconds", fmt(r.wallSeconds()));
        row(s, "core-seconds", fmt(r.coreSeconds()));
        row(s, "energy (estimate)", String.format(Locale.ROOT, "%.3g Wh at %s W per busy core", r.energyWattHours(),
                fmt(c.wattsPerCore())));
        row(s, "partitions, master", r.partitions() + ", " + (c.master() == null ? "local" : c.master()));
        row(s, "qtune", BuildInfo.VERSION + " (" + BuildInfo.COMMIT + ")");
        s.append("\n").append(runTable(r)).append("\nThe provenance (config hash, input hashes, Spark settings, CPU time) is in report.json.provenance.json;"
                + " the curves are loss.png and validation.png, the steps metrics.jsonl.\n");
        return s.toString();
    }

    /** The method with its settings, in words. */
    static String describe(FineTuneModel.Spec spec) {
        Method m = spec.method();
        String targets = ", targets " + String.join(",", spec.targets()) + ", dropout " + spec.dropout();
        if (m == Method.LORA) {
            return "lora r = " + spec.rank() + ", alpha = " + spec.alpha() + targets;
        }
        if (m.qtha() != null) {
            FineTuneModel.QthaShape q = spec.qtha();
            StringBuilder d = new StringBuilder(m.id()).append(" (").append(m.qtha().id().toUpperCase(Locale.ROOT))
                    .append("): r = ").append(q.qubits());
            if (m.qtha().mixer().isCircuit()) {
                d.append(" qubits, ").append(q.circuitLayers()).append(" circuit layers");
            }
            if (m.qtha().mpo()) {
                d.append(", MPO bottleneck ").append(q.bottleneck()).append(" bond ").append(q.mpoBond());
            }
            if (m.qtha().mixer().isCircuit()) {
                d.append(", circuits ").append(q.circuitMode().describe());
            }
            return d.append(", alpha = ").append(spec.alpha()).append(targets).toString();
        }
        return m.id();
    }

    /**
     * The run as one row of the seeds' table that docs/RESULTS.md gathers: method, seed, trainable
     * parameters and their share of LoRA r = 8's, losses, metric, wall time, core-seconds, energy.
     */
    static String runTable(Report r) {
        String share = r.adapterParameters() > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * r.shareOfLoraR8()) : "-";
        return "| method | seed | trainable | adapter / LoRA r=8 | train loss | held-out loss | held-out " + r.metricName()
                + " | wall s | core-s | energy Wh (est.) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| ---: |\n" + String.format(Locale.ROOT, "| %s | %d | %,d | %s | %s | %s | %s | %.0f | %.0f | %.2f |%n",
                r.method(), r.seed(), r.trainableParameters(), share, fmt(r.trainLoss()), fmt(r.testLoss()),
                fmt(r.metric()), r.wallSeconds(), r.coreSeconds(), r.energyWattHours());
    }

    private static void row(StringBuilder s, String k, String v) {
        s.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }
}
