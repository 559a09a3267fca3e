package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.circuit.ansatz.StronglyEntangling;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.hamiltonian.HamiltonianFile;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
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
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.spark.launch.CircuitMemory;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.train.CheckpointStore;
import org.qtune.spark.train.CircuitStepEvaluator;
import org.qtune.spark.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qtune vqe}: the variational quantum eigensolver for a Hamiltonian file. Progress lines go to
 * stderr; the last stdout line is one JSON object with the energy, the iterations and the parameters.
 */
@Command(name = "vqe", mixinStandardHelpOptions = true,
        description = "Find the ground-state energy of a Pauli-sum Hamiltonian with a variational circuit.")
final class VqeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hamiltonian", required = true, description = "text file, one weighted Pauli term per line")
    Path hamiltonian;

    @Option(names = "--ansatz", defaultValue = "hea", description = "hea (RY layers, CX line) or strongly-entangling (default: ${DEFAULT-VALUE})")
    String ansatz;

    @Option(names = "--layers", description = "ansatz layers (default: the number of qubits)")
    Integer layers;

    @Option(names = "--optimizer", defaultValue = "lbfgs",
            description = "lbfgs, adam, sgd, spsa, or cmaes (CMA-ES: gradient-free, a population of 4 + 3 ln n "
                    + "points per step, one Spark job per step with --spark) (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--sigma0", defaultValue = "0.3",
            description = "for cmaes: the initial step size, the first population's standard deviation around the "
                    + "start point in radians (default: ${DEFAULT-VALUE})")
    double sigma0;

    @Option(names = "--gradient", defaultValue = "adjoint",
            description = "adjoint (in the driver), parameter-shift (exact), or shots (parameter shift and values "
                    + "estimated from shots); the last two run each step as one Spark job (default: ${DEFAULT-VALUE})")
    String gradient;

    @Option(names = "--shots", defaultValue = "1000", description = "shots per term and circuit with --gradient shots (default: ${DEFAULT-VALUE})")
    int shots;

    @Option(names = "--spark", description = "evaluate every step as one Spark job (implied by --gradient parameter-shift and shots; "
            + "with the default adjoint gradient only for the gradient-free --optimizer spsa or cmaes)")
    boolean spark;

    @Option(names = "--iterations", defaultValue = "400", description = "maximum optimizer steps (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--learning-rate", defaultValue = "0.05", description = "for adam and sgd (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--seed", defaultValue = "0", description = "seeds the initial parameters, SPSA, CMA-ES and shots (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--checkpoint-dir", description = "Hadoop path for checkpoints; an existing valid checkpoint is resumed")
    String checkpointDir;

    @Option(names = "--checkpoint-every", defaultValue = "10", description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--metrics-dir", description = "write metrics.jsonl (one line per step) and objective.png here")
    Path metricsDir;

    @Option(names = "--partitions", defaultValue = "2", description = "Spark partitions of a step's circuits (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--master", description = "Spark master when steps run on Spark (default: spark-submit's, else local[*])")
    String master;

    @Override
    public Integer call() throws Exception {
        Checks.finitePositive("--learning-rate", learningRate);
        Checks.finitePositive("--sigma0", sigma0);
        Checks.atLeast("--iterations", iterations, 1);
        Checks.atLeast("--checkpoint-every", checkpointEvery, 1);
        Checks.atLeast("--partitions", partitions, 1);
        if (master != null) {
            MasterUrl.parse("--master", master);
        }
        if (metricsDir != null) {
            AtomicFiles.checkWritableDirectory("--metrics-dir", metricsDir);
        }
        PauliSum h = HamiltonianFile.read(hamiltonian);
        int n = h.minQubits();
        if (n < 1) {
            throw new IllegalArgumentException("the Hamiltonian acts on no qubit");
        }
        int l = layers != null ? layers : n;
        if (l < 1) {
            throw new IllegalArgumentException("--layers must be >= 1");
        }
        HardwareEfficient.Builder hea = HardwareEfficient.builder(n).layers(l).entangler(HardwareEfficient.Entangler.CX)
                .topology(HardwareEfficient.Topology.LINE).finalRotations(true);
        long gates = switch (ansatz) {
            case "hea" -> hea.gateCount();
            case "strongly-entangling" -> StronglyEntangling.gateCount(n, l);
            default -> throw new IllegalArgumentException("unknown --ansatz '" + ansatz + "' (hea, strongly-entangling)");
        };
        Optimizer opt = switch (optimizer) {
            case "lbfgs" -> new Lbfgs();
            case "adam" -> new Adam(learningRate);
            case "sgd" -> new MomentumSgd(learningRate, 0.9);
            case "spsa" -> Spsa.calibrated(seed);
            case "cmaes" -> new CmaEs(sigma0, seed);
            default -> throw new IllegalArgumentException("unknown --optimizer '" + optimizer
                    + "' (lbfgs, adam, sgd, spsa, cmaes)");
        };
        if (!List.of("adjoint", "parameter-shift", "shots").contains(gradient)) {
            throw new IllegalArgumentException("unknown --gradient '" + gradient + "' (adjoint, parameter-shift, shots)");
        }
        boolean onSpark = spark || !gradient.equals("adjoint");
        boolean gradientFree = optimizer.equals("spsa") || optimizer.equals("cmaes");
        if (onSpark && gradient.equals("adjoint") && !gradientFree) {
            throw new IllegalArgumentException("adjoint gradients run in the driver: with --spark use --gradient "
                    + "parameter-shift or shots, or a gradient-free --optimizer (spsa, cmaes)");
        }
        if (shots < 1) {
            throw new IllegalArgumentException("--shots must be >= 1");
        }
        CircuitMemory.require("vqe on " + n + " qubits with " + l + " layers", n, gates, 3, onSpark, master,
                "fewer --layers");
        Circuit circuit = ansatz.equals("hea") ? hea.build() : StronglyEntangling.build(n, l);
        if (checkpointDir != null) {
            CheckpointStore.checkWritable(checkpointDir);
        }
        double[] x0 = new SplittableRandom(seed).doubles(circuit.numParameters(), -0.1, 0.1).toArray();
        SparkContexts.Session session = onSpark ? SparkContexts.open("qtune vqe", master) : null;
        JavaSparkContext sc = session == null ? null : session.sc();
        try (Simulator sim = new Simulator()) {
            TrainingLoop.StepEvaluator evaluator = onSpark
                    ? new CircuitStepEvaluator(new BatchEvaluator(sc, partitions), circuit, h,
                            gradient.equals("shots") ? shots : 0, seed, "qtune vqe")
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
                    ConvergenceCheck.iterations(iterations).withGradientTolerance(1e-8)).progress(System.err);
            if (checkpointDir != null) {
                loop.checkpoints(new CheckpointStore(checkpointDir, 3), checkpointEvery);
            }
            org.qtune.spark.train.MetricsLog metrics = metricsDir == null ? null
                    : new org.qtune.spark.train.MetricsLog(metricsDir.resolve("metrics.jsonl"));
            OptimizationResult r;
            try {
                loop.metrics(metrics);
                r = loop.run(x0);
                if (metrics != null) {
                    metrics.plot(metricsDir.resolve("objective.png"), "qtune vqe: " + hamiltonian.getFileName()
                            + " (" + opt.name() + ", " + gradient + ")");
                }
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
            }
            double energy = Measurements.expectation(sim.run(circuit, r.x()), h);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("energy", energy);
            json.put("iterations", r.iterations());
            json.put("evaluations", r.evaluations());
            json.put("status", r.status().name());
            json.put("qubits", n);
            json.put("ansatz", ansatz);
            json.put("layers", l);
            json.put("optimizer", opt.name());
            json.put("gradient", gradient);
            json.put("spark", onSpark);
            json.put("parameters", r.x());
            spec.commandLine().getOut().println(Json.write(json));
            spec.commandLine().getOut().flush();
        } finally {
            if (session != null) {
                session.close();
            }
        }
        return 0;
    }
}
