package org.qtune.spark.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.Qaoa;
import org.qtune.circuit.ansatz.WeightedGraph;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;
import org.qtune.io.Plots;
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.sim.TopProbabilities;
import org.qtune.resources.MemoryEstimate;
import org.qtune.select.MultiStart;
import org.qtune.spark.launch.CircuitMemory;

/**
 * {@code qaoa}: QAOA for weighted MaxCut. Maximizes the expected cut with L-BFGS and adjoint
 * gradients from several seeded starting points; reports the expected cut, the most probable cut,
 * the exact maximum (brute force, up to 26 vertices) and the approximation ratio. With an output
 * folder it also writes report.json, report.md and cuts.png: the probability of each cut value a
 * measurement of the optimized state gives (up to 22 vertices).
 */
public final class QaoaJob extends Job<QaoaJob.Config, WeightedGraph, QaoaJob.Report> {
    /** Largest graph whose maximum cut is found by brute force for the approximation ratio. */
    static final int BRUTE_FORCE_VERTICES = 26;
    /** Most seeded starts a run may ask for. */
    static final int MAX_RESTARTS = 10_000;

    /**
     * @param graph edge list file: "u v [weight]" per line
     * @param p QAOA depth
     * @param restarts seeded starting points
     * @param iterations L-BFGS steps per start
     * @param seed seeds the starting points
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String graph, Integer p, Integer restarts, Integer iterations, Long seed, String out)
            implements JobConfig {
        /** Without an output folder: the report on stdout only. */
        public Config(String graph, Integer p, Integer restarts, Integer iterations, Long seed) {
            this(graph, p, restarts, iterations, seed, null);
        }

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
            // each start is a whole optimization: a count beyond this is a typo, not a plan
            Checks.inRange("--restarts", restarts, 1, MAX_RESTARTS);
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
            Double approximationRatio, int p, int iterations, double[] parameters, List<double[]> cutDistribution,
            String out, int edges) {
    }

    /** Largest graph whose whole cut distribution is computed for --out (2^n states). */
    static final int DISTRIBUTION_VERTICES = 22;

    public QaoaJob() {
        super("qaoa", Config.class);
    }

    @Override
    public WeightedGraph prepare(Config c) throws Exception {
        WeightedGraph g = WeightedGraph.read(Path.of(c.graph()));
        if (c.out() != null) {
            AtomicFiles.checkCreatableDirectory("--out", Path.of(c.out()));
            if (g.numVertices() > DISTRIBUTION_VERTICES) {
                throw new IllegalArgumentException("--out writes the distribution of every cut, up to "
                        + DISTRIBUTION_VERTICES + " vertices; " + c.graph() + " has " + g.numVertices()
                        + " (run without --out)");
            }
        }
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
        try (Simulator sim = new Simulator()) {
            MultiStart.Best found = MultiStart.minimize(sim, circuit, negated, c.restarts(), c.iterations(), c.seed(),
                    (start, res) -> context.progress().printf("start %d: expected cut %.6f after %d steps%n", start,
                            -res.value(), res.iterations()));
            OptimizationResult best = found.result();
            int totalIterations = found.iterations();
            StateVector s = sim.run(circuit, best.x());
            long top = TopProbabilities.of(s, 1).get(0).index();
            double expected = -best.value();
            Double max = null, ratio = null;
            if (g.numVertices() <= BRUTE_FORCE_VERTICES) {
                max = g.maxCutBruteForce();
                ratio = expected / max;
            }
            List<double[]> distribution = c.out() == null ? null : cutDistribution(g, Measurements.probabilities(s));
            Report report = new Report(expected, Measurements.bitString(top, g.numVertices()), g.cutValue((int) top), max,
                    ratio, c.p(), totalIterations, best.x(), distribution, c.out(), g.edges().size());
            if (c.out() != null) {
                plotCuts(c, report);
            }
            return report;
        }
    }

    /** The probability of each cut value under the optimized state, values ascending: [cut, probability]. */
    static List<double[]> cutDistribution(WeightedGraph g, double[] probabilities) {
        java.util.TreeMap<Double, Double> byCut = new java.util.TreeMap<>();
        for (int x = 0; x < probabilities.length; x++) {
            if (probabilities[x] > 0) {
                // equal cuts of a weighted graph can differ in their last bits (edge weights summed in
                // another order): one bar per value to 1e-9
                byCut.merge(Math.rint(g.cutValue(x) * 1e9) / 1e9, probabilities[x], Double::sum);
            }
        }
        List<double[]> out = new java.util.ArrayList<>();
        byCut.forEach((cut, p) -> out.add(new double[] {cut, p}));
        return out;
    }

    @Override
    public List<String> outputs(Config c) {
        if (c.out() == null) {
            return List.of();
        }
        Path out = Path.of(c.out());
        return List.of(out.resolve("report.json").toString(), out.resolve("report.md").toString(),
                out.resolve("cuts.png").toString());
    }

    @Override
    public String reportPrefix(Config c) {
        return c.out() == null ? null : Path.of(c.out()) + "/";
    }

    private static void plotCuts(Config c, Report r) throws java.io.IOException {
        Path out = Path.of(c.out());
        java.nio.file.Files.createDirectories(out);
        double[] cuts = new double[r.cutDistribution().size()], probabilities = new double[cuts.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = r.cutDistribution().get(i)[0];
            probabilities[i] = r.cutDistribution().get(i)[1];
        }
        Plots.bars(out.resolve("cuts.png"), "QAOA p = " + r.p() + " on " + c.graph() + ": the cut a measurement gives",
                "cut value", "probability", cuts, probabilities);
    }

    @Override
    public String markdown(Config c, Report r) {
        StringBuilder s = new StringBuilder();
        s.append("MaxCut on ").append(c.graph()).append("\n\n| | |\n| --- | --- |\n");
        s.append(String.format(Locale.ROOT, "| graph | %d vertices, %d edges |%n", r.mostProbableAssignment().length(),
                r.edges()));
        s.append(String.format(Locale.ROOT, "| depth p, starts, L-BFGS steps (all starts) | %d, %d, %d |%n", r.p(),
                c.restarts(), r.iterations()));
        s.append(String.format(Locale.ROOT, "| seed (starting points) | %d |%n", c.seed()));
        s.append(String.format(Locale.ROOT, "| expected cut | %.6f |%n", r.expectedCut()));
        s.append(String.format(Locale.ROOT, "| most probable assignment (cut) | %s (%.6g) |%n", r.mostProbableAssignment(),
                r.mostProbableCut()));
        if (r.maxCut() != null) {
            s.append(String.format(Locale.ROOT, "| maximum cut (brute force), approximation ratio | %.6g, %.4f |%n",
                    r.maxCut(), r.approximationRatio()));
        }
        if (r.cutDistribution() != null) {
            s.append("\nProbability of each cut value (cuts.png):\n\n| cut | probability |\n| ---: | ---: |\n");
            for (double[] e : r.cutDistribution()) {
                s.append(String.format(Locale.ROOT, "| %.6g | %.6f |%n", e[0], e[1]));
            }
        }
        return s.toString();
    }
}
