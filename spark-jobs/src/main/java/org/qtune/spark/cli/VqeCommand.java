package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.VqeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qtune vqe}: options to a {@link VqeJob.Config}. Progress lines go to stderr; the last stdout
 * line is one JSON object with the energy, the iterations and the parameters.
 */
@Command(name = "vqe", mixinStandardHelpOptions = true,
        description = "Find the ground-state energy of a Pauli-sum Hamiltonian with a variational circuit.")
final class VqeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hamiltonian", required = true, description = "text file, one weighted Pauli term per line")
    Path hamiltonian;

    @Option(names = "--ansatz", description = "hea (RY layers, CX line) or strongly-entangling (default: hea)")
    String ansatz;

    @Option(names = "--layers", description = "ansatz layers (default: the number of qubits)")
    Integer layers;

    @Option(names = "--optimizer",
            description = "lbfgs, adam, sgd, spsa, or cmaes (CMA-ES: gradient-free, a population of 4 + 3 ln n "
                    + "points per step, one Spark job per step with --spark) (default: lbfgs)")
    String optimizer;

    @Option(names = "--sigma0",
            description = "for cmaes: the initial step size, the first population's standard deviation around the "
                    + "start point in radians (default: 0.3)")
    Double sigma0;

    @Option(names = "--gradient",
            description = "adjoint (in the driver), parameter-shift (exact), or shots (parameter shift and values "
                    + "estimated from shots); the last two run each step as one Spark job (default: adjoint)")
    String gradient;

    @Option(names = "--shots", description = "shots per term and circuit with --gradient shots (default: 1000)")
    Integer shots;

    @Option(names = "--spark", description = "evaluate every step as one Spark job (implied by --gradient parameter-shift and shots; "
            + "with the default adjoint gradient only for the gradient-free --optimizer spsa or cmaes)")
    boolean spark;

    @Option(names = "--iterations", description = "maximum optimizer steps (default: 400)")
    Integer iterations;

    @Option(names = "--learning-rate", description = "for adam and sgd (default: 0.05)")
    Double learningRate;

    @Option(names = "--seed", description = "seeds the initial parameters, SPSA, CMA-ES and shots (default: 0)")
    Long seed;

    @Option(names = "--checkpoint-dir", description = "Hadoop path for checkpoints; an existing valid checkpoint of the same run is resumed")
    String checkpointDir;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default: 10)")
    Integer checkpointEvery;

    @Option(names = "--metrics-dir", description = "write metrics.jsonl (one line per step) and objective.png here")
    Path metricsDir;

    @Option(names = "--partitions", description = "Spark partitions of a step's circuits (default: 2)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master when steps run on Spark (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        VqeJob.Config config = new VqeJob.Config(hamiltonian.toString(), ansatz, layers, optimizer, sigma0, gradient, shots,
                spark, iterations, learningRate, seed, checkpointDir, checkpointEvery,
                metricsDir == null ? null : metricsDir.toString(), partitions, master);
        return JobCommand.execute(spec, new VqeJob(), config, dryRun);
    }
}
