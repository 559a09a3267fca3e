package org.qtune.spark.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.eval.RowEvaluator;
import org.qtune.grad.Gradient;
import org.qtune.grad.ShiftPlan;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.sim.Measurements;
import org.qtune.sim.ShotEstimator;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.exec.CircuitSpec;
import org.qtune.spark.exec.ExecutorSide;
import org.qtune.spark.exec.JobStats;

/**
 * Evaluates one parameterized circuit at many parameter vectors in one Spark job: the circuit and
 * observable are broadcast once ({@link CircuitSpec}), only the parameter vectors travel, many per
 * task. Results come back in input order, whatever the partition count. Expectations are exact, or
 * estimated from seeded shots where row i draws from its own stream (derived from the job's seed and
 * i), so the estimates do not depend on the partitioning either.
 *
 * <p>{@link #parameterShift} and {@link #evaluate} lay out gradients with a {@link ShiftPlan} so that
 * every shifted circuit of every request of an optimizer step runs in the same single job. Each job's
 * timing is kept ({@link #lastJob()}) to tell simulation from Spark overhead.
 */
public final class BatchEvaluator {
    private final JavaSparkContext sc;
    private final int partitions;
    private volatile JobStats lastJob;

    public BatchEvaluator(JavaSparkContext sc, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        this.sc = sc;
        this.partitions = partitions;
    }

    /** The timing of the last job this evaluator ran, or null before the first. */
    public JobStats lastJob() {
        return lastJob;
    }

    /** Exact {@code <H>} at each parameter vector (rows of {@code thetas}), in order; one Spark job. */
    public double[] expectations(Circuit circuit, PauliSum observable, double[][] thetas, String description) {
        return expectations(circuit, observable, thetas, 0, 0, description);
    }

    /**
     * {@code <H>} at each parameter vector, in order, as one Spark job: exact when {@code shots == 0},
     * else estimated from {@code shots} samples per term, row i seeded from {@code (seed, i)}.
     */
    public double[] expectations(Circuit circuit, PauliSum observable, double[][] thetas, int shots, long seed,
                                 String description) {
        if (observable.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable uses qubit " + (observable.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        List<Row> rows = new ArrayList<>(thetas.length);
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < thetas.length; i++) {
            circuit.checkTheta(thetas[i]);
            rows.add(new Row(i, thetas[i], shots == 0 ? 0 : seeds.nextLong()));
        }
        Broadcast<CircuitSpec> spec = sc.broadcast(CircuitSpec.of(circuit, observable));
        try {
            sc.setJobDescription(description + ": " + thetas.length + " circuits");
            long t0 = System.nanoTime();
            List<double[]> out = sc.parallelize(rows, Math.min(partitions, Math.max(1, rows.size())))
                    .mapPartitions(new EvaluateRows(spec, shots)).collect();
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] values = new double[thetas.length];
            double taskSeconds = 0, longest = 0;
            for (double[] r : out) {
                if (r[0] < 0) {
                    taskSeconds += r[1];
                    longest = Math.max(longest, r[1]);
                } else {
                    values[(int) r[0]] = r[1];
                }
            }
            lastJob = new JobStats(thetas.length, wall, taskSeconds, longest, JobStats.slots(sc));
            return values;
        } finally {
            spec.destroy();
        }
    }

    /** The exact parameter-shift gradient of {@code <H>} as one batched job. */
    public Gradient parameterShift(Circuit circuit, double[] theta, PauliSum observable) {
        return parameterShift(circuit, theta, observable, "qtune parameter shift");
    }

    /** As {@link #parameterShift(Circuit, double[], PauliSum)}, with the Spark job described as given. */
    public Gradient parameterShift(Circuit circuit, double[] theta, PauliSum observable, String description) {
        ShiftPlan plan = ShiftPlan.of(circuit);
        return plan.combine(expectations(plan.expanded(), observable, plan.points(theta), description), 0);
    }

    /**
     * All of an optimizer step's requests as ONE Spark job: a value-only request is one circuit, a
     * request with a gradient its parameter-shift circuits ({@code plan} must be the plan of the
     * circuit the requests' points belong to). Exact for {@code shots == 0}, else every circuit is
     * estimated from seeded shots.
     */
    public List<Evaluation> evaluate(ShiftPlan plan, PauliSum observable, List<EvaluationRequest> requests, int shots,
                                     long seed, String description) {
        List<double[]> points = new ArrayList<>();
        for (EvaluationRequest r : requests) {
            if (r.needsGradient()) {
                Collections.addAll(points, plan.points(r.point()));
            } else {
                points.add(plan.angles(r.point()));
            }
        }
        double[] v = expectations(plan.expanded(), observable, points.toArray(new double[0][]), shots, seed,
                description);
        List<Evaluation> out = new ArrayList<>(requests.size());
        int next = 0;
        for (EvaluationRequest r : requests) {
            if (r.needsGradient()) {
                Gradient g = plan.combine(v, next);
                out.add(new Evaluation(g.value(), g.gradient()));
                next += plan.pointsPerGradient();
            } else {
                out.add(Evaluation.of(v[next++]));
            }
        }
        return out;
    }

    /**
     * One output row per parameter vector (the circuit's parameter order), in input order, as ONE
     * Spark job: the rows spread over the partitions, each task running its rows through the batched
     * simulator ({@link RowEvaluator}) {@code batchSize} at a time. A row's numbers do not depend on
     * the partitioning.
     */
    public double[][] rows(Circuit circuit, PauliSum observable, RowEvaluator.GradientKind gradient,
                           double[][] thetas, int batchSize, String description) {
        // build one evaluator here first: bad settings fail on the driver, before any task
        new RowEvaluator(circuit, observable, gradient, batchSize).close();
        List<Row> rows = new ArrayList<>(thetas.length);
        for (int i = 0; i < thetas.length; i++) {
            circuit.checkTheta(thetas[i]);
            rows.add(new Row(i, thetas[i], 0));
        }
        PauliSum h = observable != null ? observable : PauliSum.parse("0");
        Broadcast<CircuitSpec> spec = sc.broadcast(CircuitSpec.of(circuit, h));
        String key = ExecutorSide.key(spec);
        boolean withObservable = observable != null;
        try {
            sc.setJobDescription(description + ": " + thetas.length + " rows");
            long t0 = System.nanoTime();
            List<double[]> out = sc.parallelize(rows, Math.min(partitions, Math.max(1, rows.size())))
                    .mapPartitions((FlatMapFunction<Iterator<Row>, double[]>) it -> {
                        long s0 = System.nanoTime();
                        List<Row> mine = new ArrayList<>();
                        it.forEachRemaining(mine::add);
                        List<double[]> result = new ArrayList<>(mine.size() + 1);
                        if (!mine.isEmpty()) {
                            ExecutorSide.Built built = ExecutorSide.rebuilt(key, spec);
                            double[][] th = new double[mine.size()][];
                            for (int i = 0; i < th.length; i++) {
                                th[i] = mine.get(i).theta();
                            }
                            try (RowEvaluator ev = new RowEvaluator(built.circuit(),
                                    withObservable ? built.observable() : null, gradient, batchSize)) {
                                double[][] values = ev.evaluate(th);
                                for (int i = 0; i < th.length; i++) {
                                    double[] r = new double[1 + values[i].length];
                                    r[0] = mine.get(i).index();
                                    System.arraycopy(values[i], 0, r, 1, values[i].length);
                                    result.add(r);
                                }
                            }
                        }
                        result.add(new double[] {-1, (System.nanoTime() - s0) / 1e9});
                        return result.iterator();
                    }).collect();
            double wall = (System.nanoTime() - t0) / 1e9;
            double[][] values = new double[thetas.length][];
            double taskSeconds = 0, longest = 0;
            for (double[] r : out) {
                if (r[0] < 0) {
                    taskSeconds += r[1];
                    longest = Math.max(longest, r[1]);
                } else {
                    values[(int) r[0]] = java.util.Arrays.copyOfRange(r, 1, r.length);
                }
            }
            lastJob = new JobStats(thetas.length, wall, taskSeconds, longest, JobStats.slots(sc));
            return values;
        } finally {
            spec.destroy();
        }
    }

    /** One parameter vector, its position in the batch, and the seed of its shots (unused when exact). */
    public record Row(int index, double[] theta, long seed) implements java.io.Serializable {
    }

    /**
     * Runs a partition's rows through the broadcast circuit (rebuilt once per JVM and broadcast) and
     * appends one record {-1, seconds} with the time the partition spent simulating.
     */
    static final class EvaluateRows implements FlatMapFunction<Iterator<Row>, double[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<CircuitSpec> spec;
        private final int shots;
        private final String key;

        EvaluateRows(Broadcast<CircuitSpec> spec, int shots) {
            this.spec = spec;
            this.shots = shots;
            this.key = ExecutorSide.key(spec);
        }

        @Override
        public Iterator<double[]> call(Iterator<Row> rows) {
            long t0 = System.nanoTime();
            ExecutorSide.Built built = ExecutorSide.rebuilt(key, spec);
            Simulator sim = ExecutorSide.simulator();
            List<double[]> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                StateVector s = sim.run(built.circuit(), r.theta());
                double v = shots == 0 ? Measurements.expectation(s, built.observable())
                        : ShotEstimator.estimate(sim, s, built.observable(), shots, new SplittableRandom(r.seed()));
                out.add(new double[] {r.index(), v});
            }
            out.add(new double[] {-1, (System.nanoTime() - t0) / 1e9});
            return out.iterator();
        }
    }
}
