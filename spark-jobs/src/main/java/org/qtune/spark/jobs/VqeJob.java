package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.circuit.ansatz.StronglyEntangling;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.hamiltonian.HamiltonianFile;
import org.qtune.optim.Adam;
import org.qtune.optim.CmaEs;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.MomentumSgd;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;
import org.qtune.optim.Spsa;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.resources.MemoryEstimate;
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.spark.launch.CircuitMemory;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.train.CheckpointStore;
import org.qtune.spark.train.CircuitStepEvaluator;
import org.qtune.train.MetricsLog;
import org.qtune.train.RunFingerprint;
import org.qtune.train.StepEvaluator;
import org.qtune.train.TrainingLoop;

/**
 * {@code vqe}: the variational quantum eigensolver for a Pauli-sum Hamiltonian file, with adjoint
 * gradients in the driver or every step as one Spark job (parameter shift, shots, or a
 * gradient-free optimizer's points).
 */
public final class VqeJob extends Job<VqeJob.Config, VqeJob.Prepared, VqeJob.Report> {
    static final List<String> ANSATZES = List.of("hea", "strongly-entangling");
    static final List<String> OPTIMIZERS = List.of("lbfgs", "adam", "sgd", "spsa", "cmaes");
    static final List<String> GRADIENTS = List.of("adjoint", "parameter-shift", "shots");

    /**
     * @param hamiltonian text file, one weighted Pauli term per line
     * @param ansatz hea (RY layers, CX line) or strongly-entangling
     * @param layers ansatz layers (null: the number of qubits)
     * @param optimizer lbfgs, adam, sgd, spsa or cmaes
     * @param sigma0 for cmaes: the first population's standard deviation (radians)
     * @param gradient adjoint (in the driver), parameter-shift (exact) or shots; the last two run on Spark
     * @param shots shots per term and circuit with gradient "shots"
     * @param spark evaluate every step as one Spark job
     * @param iterations maximum optimizer steps
     * @param learningRate for adam and sgd
     * @param seed seeds the initial parameters, SPSA, CMA-ES and shots
     * @param checkpointDir Hadoop path for checkpoints (null: none); a valid checkpoint there is resumed
     * @param checkpointEvery steps between checkpoints
     * @param metricsDir directory for metrics.jsonl and objective.png (null: none)
     * @param partitions Spark partitions of a step's circuits
     * @param master Spark master (null: spark-submit's, else local mode)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String hamiltonian, String ansatz, Integer layers, String optimizer, Double sigma0,
            String gradient, Integer shots, Boolean spark, Integer iterations, Double learningRate, Long seed,
            String checkpointDir, Integer checkpointEvery, String metricsDir, Integer partitions, String master)
            implements JobConfig {
        public Config {
            if (hamiltonian == null) {
                throw new IllegalArgumentException("missing the Hamiltonian (--hamiltonian)");
            }
            ansatz = ansatz == null ? "hea" : ansatz;
            optimizer = optimizer == null ? "lbfgs" : optimizer;
            sigma0 = sigma0 == null ? 0.3 : sigma0;
            gradient = gradient == null ? "adjoint" : gradient;
            shots = shots == null ? 1000 : shots;
            spark = spark != null && spark;
            iterations = iterations == null ? 400 : iterations;
            learningRate = learningRate == null ? 0.05 : learningRate;
            seed = seed == null ? 0L : seed;
            checkpointEvery = checkpointEvery == null ? 10 : checkpointEvery;
            partitions = partitions == null ? 2 : partitions;
            if (!ANSATZES.contains(ansatz)) {
                throw new IllegalArgumentException("unknown --ansatz '" + ansatz + "' (hea, strongly-entangling)");
            }
            if (!OPTIMIZERS.contains(optimizer)) {
                throw new IllegalArgumentException("unknown --optimizer '" + optimizer + "' (lbfgs, adam, sgd, spsa, cmaes)");
            }
            if (!GRADIENTS.contains(gradient)) {
                throw new IllegalArgumentException("unknown --gradient '" + gradient + "' (adjoint, parameter-shift, shots)");
            }
            if (layers != null && layers < 1) {
                throw new IllegalArgumentException("--layers must be >= 1");
            }
            if (shots < 1) {
                throw new IllegalArgumentException("--shots must be >= 1");
            }
            Checks.atLeast("--iterations", iterations, 1);
            Checks.finitePositive("--learning-rate", learningRate);
            Checks.finitePositive("--sigma0", sigma0);
            Checks.atLeast("--checkpoint-every", checkpointEvery, 1);
            Checks.atLeast("--partitions", partitions, 1);
            if (master != null) {
                MasterUrl.parse("--master", master);
            }
            boolean gradientFree = optimizer.equals("spsa") || optimizer.equals("cmaes");
            if (spark && gradient.equals("adjoint") && !gradientFree) {
                throw new IllegalArgumentException("adjoint gradients run in the driver: with --spark use --gradient "
                        + "parameter-shift or shots, or a gradient-free --optimizer (spsa, cmaes)");
            }
        }

        /** Whether steps run as Spark jobs. */
        boolean onSpark() {
            return spark || !gradient.equals("adjoint");
        }

        @Override
        public Map<String, Long> seeds() {
            return Map.of("initial_parameters", seed);
        }

        @Override
        public List<String> inputs() {
            return List.of(hamiltonian);
        }
    }

    public record Report(double energy, int iterations, int evaluations, String status, int qubits, String ansatz,
            int layers, String optimizer, String gradient, boolean spark, double[] parameters) {
    }

    /** What a run reads from its config once. */
    public record Prepared(PauliSum hamiltonian, Circuit circuit, int layers) {
    }

    public VqeJob() {
        super("vqe", Config.class);
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        if (c.metricsDir() != null) {
            AtomicFiles.checkWritableDirectory("--metrics-dir", Path.of(c.metricsDir()));
        }
        PauliSum h = HamiltonianFile.read(Path.of(c.hamiltonian()));
        int n = h.minQubits();
        if (n < 1) {
            throw new IllegalArgumentException("the Hamiltonian acts on no qubit");
        }
        int l = c.layers() != null ? c.layers() : n;
        HardwareEfficient.Builder hea = HardwareEfficient.builder(n).layers(l).entangler(HardwareEfficient.Entangler.CX)
                .topology(HardwareEfficient.Topology.LINE).finalRotations(true);
        long gates = c.ansatz().equals("hea") ? hea.gateCount() : StronglyEntangling.gateCount(n, l);
        // psi, lambda and a scratch state for the adjoint, and the circuit, checked before building it
        CircuitMemory.require("vqe on " + n + " qubits with " + l + " layers", n, gates, 3, c.onSpark(), c.master(),
                "fewer --layers");
        Circuit circuit = c.ansatz().equals("hea") ? hea.build() : StronglyEntangling.build(n, l);
        if (c.checkpointDir() != null) {
            CheckpointStore.checkWritable(c.checkpointDir());
        }
        return new Prepared(h, circuit, l);
    }

    @Override
    public List<String> outputs(Config c) {
        if (c.metricsDir() == null) {
            return List.of();
        }
        Path dir = Path.of(c.metricsDir());
        return List.of(dir.resolve("metrics.jsonl").toString(), dir.resolve("objective.png").toString(),
                dir.resolve("report.json").toString(), dir.resolve("report.md").toString());
    }

    @Override
    public JobPlan plan(Config c, Prepared p) throws Exception {
        int n = p.circuit().numQubits();
        long circuit = MemoryEstimate.circuit(p.circuit().operations().size()).bytes();
        return new JobPlan(MemoryEstimate.stateVectors(n, 3).bytes() + circuit,
                c.onSpark() ? MemoryEstimate.stateVectors(n, 1).bytes() + circuit : 0, c.onSpark(), n + " qubits, "
                + p.circuit().numParameters() + " parameters, " + c.optimizer() + (c.onSpark() ? " on Spark" : " in this JVM"));
    }

    @Override
    public Report run(Config c, Prepared p, JobContext context) throws Exception {
        PauliSum h = p.hamiltonian();
        Circuit circuit = p.circuit();
        Optimizer opt = switch (c.optimizer()) {
            case "lbfgs" -> new Lbfgs();
            case "adam" -> new Adam(c.learningRate());
            case "sgd" -> new MomentumSgd(c.learningRate(), 0.9);
            case "spsa" -> Spsa.calibrated(c.seed());
            default -> new CmaEs(c.sigma0(), c.seed());
        };
        double[] x0 = new SplittableRandom(c.seed()).doubles(circuit.numParameters(), -0.1, 0.1).toArray();
        JavaSparkContext sc = c.onSpark() ? context.spark("qtune vqe", c.master()) : null;
        try (Simulator sim = new Simulator()) {
            StepEvaluator evaluator = c.onSpark()
                    ? new CircuitStepEvaluator(new BatchEvaluator(sc, c.partitions()), circuit, h,
                            c.gradient().equals("shots") ? c.shots() : 0, c.seed(), "qtune vqe")
                    : (requests, step) -> {
                        List<Evaluation> out = new ArrayList<>();
                        for (EvaluationRequest r : requests) {
                            if (r.needsGradient()) {
                                Gradient g = new AdjointGradient(sim).compute(circuit, r.point(), h);
                                out.add(new Evaluation(g.value(), g.gradient()));
                            } else {
                                out.add(Evaluation.of(Measurements.expectation(sim.run(circuit, r.point()), h)));
                            }
                        }
                        return out;
                    };
            TrainingLoop loop = new TrainingLoop(opt, evaluator,
                    ConvergenceCheck.iterations(c.iterations()).withGradientTolerance(1e-8)).progress(context.progress());
            if (c.checkpointDir() != null) {
                loop.checkpoints(new CheckpointStore(c.checkpointDir(), 3), c.checkpointEvery())
                        .fingerprint(fingerprint(c, p.layers(), opt));
            }
            Path metricsDir = c.metricsDir() == null ? null : Path.of(c.metricsDir());
            MetricsLog metrics = metricsDir == null ? null : new MetricsLog(metricsDir.resolve("metrics.jsonl"));
            OptimizationResult r;
            try {
                if (metrics != null) {
                    loop.metrics(metrics);
                }
                r = loop.run(x0);
                if (metrics != null) {
                    metrics.plot(metricsDir.resolve("objective.png"), "qtune vqe: " + Path.of(c.hamiltonian()).getFileName()
                            + " (" + opt.name() + ", " + c.gradient() + ")");
                }
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
            }
            double energy = Measurements.expectation(sim.run(circuit, r.x()), h);
            Report report = new Report(energy, r.iterations(), r.evaluations(), r.status().name(), circuit.numQubits(),
                    c.ansatz(), p.layers(), opt.name(), c.gradient(), c.onSpark(), r.x());
            return report;
        }
    }

    /** What determines the run's trajectory: the Hamiltonian's content, circuit, optimizer settings, gradient, seed. */
    private static RunFingerprint fingerprint(Config c, int layers, Optimizer opt) throws java.io.IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("job", "vqe");
        config.put("hamiltonian_sha256", RunFingerprint.sha256(Files.readAllBytes(Path.of(c.hamiltonian()))));
        config.put("ansatz", c.ansatz());
        config.put("layers", layers);
        config.put("optimizer", opt.name());
        if (c.optimizer().equals("adam") || c.optimizer().equals("sgd")) {
            config.put("learning_rate", c.learningRate());
        }
        if (c.optimizer().equals("cmaes")) {
            config.put("sigma0", c.sigma0());
        }
        config.put("gradient", c.gradient());
        if (c.gradient().equals("shots")) {
            config.put("shots", c.shots());
        }
        config.put("seed", c.seed());
        return RunFingerprint.of("vqe " + Path.of(c.hamiltonian()).getFileName() + " " + opt.name() + " seed " + c.seed(),
                config);
    }

    @Override
    public String reportPrefix(Config c) {
        return c.metricsDir() == null ? null : Path.of(c.metricsDir()) + "/";
    }

    /** The run for people: what ran and where it ended, beside metrics.jsonl and objective.png. */
    @Override
    public String markdown(Config c, Report r) {
        StringBuilder s = new StringBuilder();
        s.append("Ground energy of ").append(c.hamiltonian()).append("\n\n| | |\n| --- | --- |\n");
        s.append(String.format(java.util.Locale.ROOT, "| energy | %.10f |%n", r.energy()));
        s.append(String.format(java.util.Locale.ROOT, "| qubits, ansatz, layers | %d, %s, %d |%n", r.qubits(), r.ansatz(),
                r.layers()));
        s.append(String.format(java.util.Locale.ROOT, "| optimizer, gradient | %s, %s%s |%n", r.optimizer(), r.gradient(),
                r.spark() ? " (evaluated on Spark)" : ""));
        s.append(String.format(java.util.Locale.ROOT, "| iterations, evaluations, status | %d, %d, %s |%n",
                r.iterations(), r.evaluations(), r.status()));
        s.append(String.format(java.util.Locale.ROOT, "| seed | %d |%n", c.seed()));
        s.append("\nThe energy against the step is objective.png (metrics.jsonl per step).\n");
        return s.toString();
    }
}
