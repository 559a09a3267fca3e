package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.Qaoa;
import org.qtune.circuit.ansatz.WeightedGraph;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.io.Checks;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.Minimizer;
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.launch.CircuitMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qtune qaoa}: QAOA for weighted MaxCut. Maximizes the expected cut with L-BFGS and adjoint
 * gradients from several seeded starting points, and prints one JSON object with the expected cut,
 * the most probable cut, the exact maximum (brute force, up to 26 vertices) and the approximation
 * ratio.
 */
@Command(name = "qaoa", mixinStandardHelpOptions = true, description = "QAOA for weighted MaxCut on a graph file.")
final class QaoaCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--graph", required = true, description = "edge list: 'u v [weight]' per line")
    Path graph;

    @Option(names = "--p", defaultValue = "1", description = "QAOA depth (default: ${DEFAULT-VALUE})")
    int p;

    @Option(names = "--restarts", defaultValue = "8", description = "seeded starting points (default: ${DEFAULT-VALUE})")
    int restarts;

    @Option(names = "--iterations", defaultValue = "300", description = "L-BFGS steps per start (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seed", defaultValue = "0", description = "seeds the starting points (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (p < 1 || restarts < 1) {
            throw new IllegalArgumentException("--p and --restarts must be >= 1");
        }
        Checks.atLeast("--iterations", iterations, 1);
        WeightedGraph g = WeightedGraph.read(graph);
        CircuitMemory.require("qaoa on " + g.numVertices() + " vertices at depth " + p, g.numVertices(),
                Qaoa.gateCount(g, p), 3, false, null, "a smaller --p");
        Circuit circuit = Qaoa.maxCut(g, p);
        PauliSum cut = Qaoa.cutObservable(g);
        PauliSum negated = PauliSum.of(cut.terms().stream()
                .map(t -> new PauliSum.Term(-t.coefficient(), t.pauli())).toList());
        SplittableRandom rnd = new SplittableRandom(seed);
        OptimizationResult best = null;
        int totalIterations = 0;
        try (Simulator sim = new Simulator()) {
            for (int r = 0; r < restarts; r++) {
                double[] x0 = new double[circuit.numParameters()];
                for (int i = 0; i < x0.length; i++) {
                    x0[i] = rnd.nextDouble(0, Math.PI / 2);
                }
                OptimizationResult res = Minimizer.minimize(new Lbfgs(), (x, grad) -> {
                    if (!grad) {
                        return Evaluation.of(Measurements.expectation(sim.run(circuit, x), negated));
                    }
                    Gradient gr = new AdjointGradient(sim).compute(circuit, x, negated);
                    return new Evaluation(gr.value(), gr.gradient());
                }, x0, ConvergenceCheck.iterations(iterations).withGradientTolerance(1e-7));
                totalIterations += res.iterations();
                System.err.printf("start %d: expected cut %.6f after %d steps%n", r + 1, -res.value(), res.iterations());
                if (best == null || res.value() < best.value()) {
                    best = res;
                }
            }
            StateVector s = sim.run(circuit, best.x());
            int top = (int) SimulateCommand.topProbabilities(s, 1).stream().map(e -> ((List<?>) e).get(0))
                    .mapToLong(v -> (Long) v).findFirst().orElse(0);
            Map<String, Object> json = new LinkedHashMap<>();
            double expected = -best.value();
            json.put("expected_cut", expected);
            json.put("most_probable_assignment", Measurements.bitString(top, g.numVertices()));
            json.put("most_probable_cut", g.cutValue(top));
            if (g.numVertices() <= 26) {
                double max = g.maxCutBruteForce();
                json.put("max_cut", max);
                json.put("approximation_ratio", expected / max);
            }
            json.put("p", p);
            json.put("iterations", totalIterations);
            json.put("parameters", best.x());
            spec.commandLine().getOut().println(Json.write(json));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
