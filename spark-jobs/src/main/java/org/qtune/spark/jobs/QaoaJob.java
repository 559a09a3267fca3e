package org.qtune.spark.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.sim.TopProbabilities;
import org.qtune.resources.MemoryEstimate;
import org.qtune.spark.launch.CircuitMemory;
import org.qtune.train.Minimizer;

/**
 * {@code qaoa}: QAOA for weighted MaxCut. Maximizes the expected cut with L-BFGS and adjoint
 * gradients from several seeded starting points; reports the expected cut, the most probable cut,
 * the exact maximum (brute force, up to 26 vertices) and the approximation ratio.
 */
public final class QaoaJob extends Job<QaoaJob.Config, WeightedGraph, QaoaJob.Report> {
    /** Largest graph whose maximum cut is found by brute force for the approximation ratio. */
    static final int BRUTE_FORCE_VERTICES = 26;

    /**
     * @param graph edge list file: "u v [weight]" per line
     * @param p QAOA depth
     * @param restarts seeded starting points
     * @param iterations L-BFGS steps per start
     * @param seed seeds the starting points
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String graph, Integer p, Integer restarts, Integer iterations, Long seed) implements JobConfig {
        public Config {
            if (graph == null) {
                throw new IllegalArgumentException("missing the graph (--graph)");
            }
            p = p == null ? 1 : p;
            restarts = restarts == null ? 8 : restarts;
            iterations = iterations == null ? 300 : iterations;
            seed = seed == null ? 0L : seed;
            if (p < 1 || restarts < 1) {
                throw new IllegalArgumentException("--p and --restarts must be >= 1");
            }
            Checks.atLeast("--iterations", iterations, 1);
        }

        @Override
        public Map<String, Long> seeds() {
            return Map.of("starting_points", seed);
        }

        @Override
        public List<String> inputs() {
            return List.of(graph);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(double expectedCut, String mostProbableAssignment, double mostProbableCut, Double maxCut,
            Double approximationRatio, int p, int iterations, double[] parameters) {
    }

    public QaoaJob() {
        super("qaoa", Config.class);
    }

    @Override
    public WeightedGraph prepare(Config c) throws Exception {
        WeightedGraph g = WeightedGraph.read(Path.of(c.graph()));
        // the state, the adjoint's two more, and the circuit, checked before building it
        CircuitMemory.require("qaoa on " + g.numVertices() + " vertices at depth " + c.p(), g.numVertices(),
                Qaoa.gateCount(g, c.p()), 3, false, null, "a smaller --p");
        return g;
    }

    @Override
    public JobPlan plan(Config c, WeightedGraph g) throws Exception {
        int n = g.numVertices();
        return JobPlan.local(MemoryEstimate.stateVectors(n, 3).bytes() + MemoryEstimate.circuit(Qaoa.gateCount(g, c.p()))
                .bytes(), n + " qubits, p = " + c.p() + ", " + c.restarts() + " starts");
    }

    @Override
    public Report run(Config c, WeightedGraph g, JobContext context) throws Exception {
        Circuit circuit = Qaoa.maxCut(g, c.p());
        PauliSum cut = Qaoa.cutObservable(g);
        PauliSum negated = PauliSum.of(cut.terms().stream()
                .map(t -> new PauliSum.Term(-t.coefficient(), t.pauli())).toList());
        SplittableRandom rnd = new SplittableRandom(c.seed());
        OptimizationResult best = null;
        int totalIterations = 0;
        try (Simulator sim = new Simulator()) {
            for (int r = 0; r < c.restarts(); r++) {
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
                }, x0, ConvergenceCheck.iterations(c.iterations()).withGradientTolerance(1e-7));
                totalIterations += res.iterations();
                context.progress().printf("start %d: expected cut %.6f after %d steps%n", r + 1, -res.value(),
                        res.iterations());
                if (best == null || res.value() < best.value()) {
                    best = res;
                }
            }
            StateVector s = sim.run(circuit, best.x());
            long top = TopProbabilities.of(s, 1).get(0).index();
            double expected = -best.value();
            Double max = null, ratio = null;
            if (g.numVertices() <= BRUTE_FORCE_VERTICES) {
                max = g.maxCutBruteForce();
                ratio = expected / max;
            }
            return new Report(expected, Measurements.bitString(top, g.numVertices()), g.cutValue((int) top), max, ratio,
                    c.p(), totalIterations, best.x());
        }
    }
}
