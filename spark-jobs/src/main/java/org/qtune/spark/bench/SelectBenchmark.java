package org.qtune.spark.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.grad.AdjointGradient;
import org.qtune.optim.Seeds;
import org.qtune.select.Annealing;
import org.qtune.select.QuboQaoa;
import org.qtune.select.SelectionProblem;
import org.qtune.sim.Simulator;
import org.qtune.spark.exec.JobStats;
import org.qtune.spark.select.SparkSelection;

/**
 * The selection solvers' cost, behind {@code qtune bench --select}: QAOA on one block against its
 * size (one evaluation of the expected energy and its adjoint gradient, and a whole block solve:
 * one start, at most {@link #QAOA_STEPS} L-BFGS steps, p = 3, the XY mixer), blocks solved as one
 * Spark job; simulated annealing against the number of candidates (one restart in the driver, and
 * restarts as one Spark job). Problems are random unit embeddings of dimension 384 (MiniLM's), k a
 * tenth of the candidates; Spark's share of a job is its wall time less the tasks' computing (as
 * {@link JobStats} counts it), over the wall time.
 */
public final class SelectBenchmark {
    /** L-BFGS steps per QAOA block solve. */
    static final int QAOA_STEPS = 30;
    /** The largest block whose whole solve is timed (larger ones: one evaluation only). */
    static final int SOLVE_LIMIT = 20;
    static final int[] ANNEAL_SIZES = {1_000, 2_000, 5_000, 10_000};
    static final int ANNEAL_SWEEPS = 20;

    private SelectBenchmark() {
    }

    static SelectionProblem problem(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] e = new double[n][384];
        for (double[] row : e) {
            for (int d = 0; d < row.length; d++) {
                row[d] = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
            }
        }
        return SelectionProblem.of(e, null, SelectionProblem.DEFAULT_ALPHA, 0);
    }

    public static String run(JavaSparkContext sc, List<Integer> blockSizes, int partitions, int repeats, PrintStream progress) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "Spark master %s, %d partitions, %d task slots.%n%n",
                sc.master(), partitions, JobStats.slots(sc)));
        QuboQaoa.Settings settings = new QuboQaoa.Settings(QuboQaoa.Mixer.XY, 3, 1, QAOA_STEPS, 64);
        md.append("QAOA on one block (XY mixer from a Dicke state, p = 3, k = a third of the block), on one thread as an "
                + "executor's task runs it; a block solve is one start of at most " + QAOA_STEPS + " L-BFGS steps; the Spark job solves " + partitions
                + " such blocks at once:\n\n");
        md.append("| qubits | gates | evaluation + gradient s | block solve s | L-BFGS steps | Spark job s | tasks s (sum) "
                + "| Spark's share |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        try (Simulator sim = new Simulator(org.qtune.sim.SimulatorOptions.defaults().withThreads(1))) {
            for (int n : blockSizes) {
                SelectionProblem p = problem(n, n);
                int k = Math.max(1, n / 3);
                SelectionProblem.Qubo q = p.qubo(k);
                var circuit = QuboQaoa.circuitFor(q, k, settings);
                double[] x = new SplittableRandom(1).doubles(circuit.circuit().numParameters(), 0, 1).toArray();
                double eval = Double.MAX_VALUE;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    new AdjointGradient(sim).compute(circuit.circuit(), x, circuit.cost());
                    eval = Math.min(eval, (System.nanoTime() - t0) / 1e9);
                }
                progress.printf(Locale.ROOT, "bench --select: QAOA at %d qubits, %.3f s per evaluation%n", n, eval);
                String solve = "-", steps = "-", job = "-", tasks = "-", share = "-";
                if (n <= SOLVE_LIMIT) {
                    long t0 = System.nanoTime();
                    QuboQaoa.Result res = QuboQaoa.solve(q, k, settings, 1, sim);
                    solve = String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9);
                    steps = Integer.toString(res.iterations());
                    List<SelectionProblem.Qubo> qubos = new ArrayList<>();
                    int[] quotas = new int[partitions];
                    long[] seeds = new long[partitions];
                    for (int b = 0; b < partitions; b++) {
                        qubos.add(q);
                        quotas[b] = k;
                        seeds[b] = Seeds.derive(1, 3, b);
                    }
                    sc.setJobDescription("bench --select: QAOA on " + partitions + " blocks of " + n);
                    JobStats st = SparkSelection.solveBlocks(sc, qubos, quotas, settings, seeds, partitions).job();
                    job = String.format(Locale.ROOT, "%.2f", st.wallSeconds());
                    tasks = String.format(Locale.ROOT, "%.2f", st.taskSeconds());
                    share = String.format(Locale.ROOT, "%.1f %%", 100 * st.overheadSeconds() / st.wallSeconds());
                }
                md.append(String.format(Locale.ROOT, "| %d | %d | %.4f | %s | %s | %s | %s | %s |%n", n,
                        circuit.circuit().operations().size(), eval, solve, steps, job, tasks, share));
            }
        }
        md.append("\nSimulated annealing (k = N / 10, " + ANNEAL_SWEEPS + " sweeps of N proposals; redundancies kept as a "
                + "double matrix up to " + SelectionProblem.DENSE_LIMIT + " candidates, a float one up to "
                + SelectionProblem.FLOAT_LIMIT + "; the problem build includes the random embeddings); the Spark job "
                + "runs " + partitions + " restarts at once, each task building the problem:\n\n");
        md.append("| N | problem build s | one restart s | Spark job s | tasks s (sum, builds included) | Spark's share |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int n : ANNEAL_SIZES) {
            long b0 = System.nanoTime();
            SelectionProblem p = problem(n, n);
            double build = (System.nanoTime() - b0) / 1e9;
            int k = n / 10;
            long t0 = System.nanoTime();
            Annealing.solve(p, k, 1, ANNEAL_SWEEPS);
            double one = (System.nanoTime() - t0) / 1e9;
            long[] seeds = new long[partitions];
            for (int r = 0; r < partitions; r++) {
                seeds[r] = Seeds.derive(1, 2, r);
            }
            sc.setJobDescription("bench --select: " + partitions + " annealing restarts at N = " + n);
            JobStats st = SparkSelection.anneal(sc, p, k, seeds, ANNEAL_SWEEPS, partitions).job();
            progress.printf(Locale.ROOT, "bench --select: annealing at N = %d, %.2f s per restart%n", n, one);
            md.append(String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %.2f | %.1f %% |%n", n, build, one,
                    st.wallSeconds(),
                    st.taskSeconds(), 100 * st.overheadSeconds() / st.wallSeconds()));
        }
        return md.toString();
    }
}
