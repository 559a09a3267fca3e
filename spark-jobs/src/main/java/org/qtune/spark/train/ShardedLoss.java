package org.qtune.spark.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.ParameterSplit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.spark.data.Example;
import org.qtune.spark.exec.CircuitSpec;
import org.qtune.spark.exec.ExecutorSide;
import org.qtune.spark.exec.JobStats;

/**
 * The mean loss of a data-encoded circuit over a dataset that stays on the executors: each example's
 * features are bound to the circuit's input parameters, the other parameters are the trainable
 * weights, the prediction is {@code <readout>}. Each partition (data shard) sums its examples' losses
 * and weight gradients (adjoint, one backward sweep per example), the driver adds the shard sums in
 * partition order — the same numbers for the same partitioning, and up to summation order for any
 * other. Every request of an optimizer step is answered in ONE Spark job; only the weights travel.
 */
public final class ShardedLoss implements AutoCloseable {
    /** The loss of one prediction f (an expectation in [-1, 1]) against its target y. */
    public enum Loss {
        /** (f - y)^2. */
        SQUARED_ERROR {
            @Override
            public double value(double f, double y) {
                return (f - y) * (f - y);
            }

            @Override
            public double derivative(double f, double y) {
                return 2 * (f - y);
            }
        },
        /**
         * Cross-entropy for labels y in {0, 1} with p = (1 - f) / 2, the probability of reading 1 from a
         * Z readout; p is kept in [1e-12, 1 - 1e-12] so that a confident wrong answer costs a finite loss.
         */
        LOG_LOSS {
            @Override
            public double value(double f, double y) {
                double p = probability(f);
                return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
            }

            @Override
            public double derivative(double f, double y) {
                double p = probability(f);
                double dLdp = -(y / p - (1 - y) / (1 - p));
                return p == 1e-12 || p == 1 - 1e-12 ? 0 : -0.5 * dLdp;
            }

            private double probability(double f) {
                return Math.min(1 - 1e-12, Math.max(1e-12, (1 - f) / 2));
            }
        };

        public abstract double value(double f, double y);

        public abstract double derivative(double f, double y);
    }

    private final JavaSparkContext sc;
    private final JavaRDD<Example> data;
    private final Circuit circuit;
    private final PauliSum readout;
    private final Loss loss;
    private final int[] weightIndex;
    private final ParameterSplit split;
    private final Broadcast<CircuitSpec> spec;
    private final long size;
    private volatile JobStats lastJob;

    /**
     * Caches {@code data} (memory, spilling to disk) and checks it in one job: every example must have
     * one feature per input name. {@code inputs} name circuit parameters; the remaining parameters, in
     * the circuit's order, are the weights.
     */
    public ShardedLoss(JavaRDD<Example> data, Circuit circuit, List<String> inputs, PauliSum readout, Loss loss) {
        if (readout.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("readout uses qubit " + (readout.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        this.split = ParameterSplit.of(circuit, inputs);
        this.weightIndex = split.weightIndex();
        this.sc = JavaSparkContext.fromSparkContext(data.context());
        this.data = data.persist(StorageLevel.MEMORY_AND_DISK());
        this.circuit = circuit;
        this.readout = readout;
        this.loss = loss;
        int k = inputs.size();
        sc.setJobDescription("qtune: check and cache the training data");
        List<long[]> checks = this.data.mapPartitions((Iterator<Example> it) -> {
            long n = 0, bad = -1;
            while (it.hasNext()) {
                if (it.next().featuresView().length != k && bad < 0) {
                    bad = n;
                }
                n++;
            }
            return Collections.singletonList(new long[] {n, bad}).iterator();
        }).collect();
        long total = 0;
        for (int p = 0; p < checks.size(); p++) {
            if (checks.get(p)[1] >= 0) {
                this.data.unpersist(false);
                throw new IllegalArgumentException("example " + checks.get(p)[1] + " of data partition " + p
                        + " does not have " + k + " features (one per input: " + String.join(", ", inputs) + ")");
            }
            total += checks.get(p)[0];
        }
        if (total == 0) {
            this.data.unpersist(false);
            throw new IllegalArgumentException("the dataset is empty");
        }
        this.size = total;
        this.spec = sc.broadcast(CircuitSpec.of(circuit, readout));
    }

    /** The trainable parameters, in the order weight vectors use. */
    public List<String> weightNames() {
        return split.weightNames();
    }

    /** The number of examples. */
    public long size() {
        return size;
    }

    /** The timing of the last {@link #evaluate} job, or null before the first. */
    public JobStats lastJob() {
        return lastJob;
    }

    /**
     * The mean loss (and its weight gradient where asked) at each request's weight vector, as one
     * Spark job over all shards.
     */
    public List<Evaluation> evaluate(List<EvaluationRequest> requests, String description) {
        int m = weightIndex.length;
        double[][] weights = new double[requests.size()][];
        boolean[] gradient = new boolean[requests.size()];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = requests.get(r).point();
            gradient[r] = requests.get(r).needsGradient();
            if (weights[r].length != m) {
                throw new IllegalArgumentException("a weight vector needs " + m + " values, got " + weights[r].length);
            }
        }
        sc.setJobDescription(description + ": " + requests.size() + " point(s) over " + size + " examples");
        long t0 = System.nanoTime();
        List<double[]> shards = data.mapPartitionsWithIndex(
                new ShardSums(spec, ExecutorSide.key(spec), loss, split, weights, gradient), true)
                .collect();
        double wall = (System.nanoTime() - t0) / 1e9;
        // shard sums added in partition order: collect() returns partitions in order
        int width = 1 + m;
        double[] total = new double[requests.size() * width];
        double taskSeconds = 0, longest = 0;
        for (double[] shard : shards) {
            taskSeconds += shard[0];
            longest = Math.max(longest, shard[0]);
            for (int i = 0; i < total.length; i++) {
                total[i] += shard[1 + i];
            }
        }
        lastJob = new JobStats(requests.size(), wall, taskSeconds, longest, JobStats.slots(sc));
        List<Evaluation> out = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            double value = total[r * width] / size;
            if (!gradient[r]) {
                out.add(Evaluation.of(value));
                continue;
            }
            double[] g = new double[m];
            for (int j = 0; j < m; j++) {
                g[j] = total[r * width + 1 + j] / size;
            }
            out.add(new Evaluation(value, g));
        }
        return out;
    }

    /** The loss at one example, computed in the driver: the reference the distributed sums are tested against. */
    public Gradient exampleLoss(Simulator sim, Example e, double[] weights) {
        double[] theta = split.bind(e.featuresView(), weights, circuit.numParameters());
        Gradient g = new AdjointGradient(sim).compute(circuit, theta, readout);
        double[] dw = new double[weightIndex.length];
        double d = loss.derivative(g.value(), e.target());
        for (int j = 0; j < dw.length; j++) {
            dw[j] = d * g.gradient()[weightIndex[j]];
        }
        return new Gradient(loss.value(g.value(), e.target()), dw);
    }

    @Override
    public void close() {
        data.unpersist(false);
        spec.destroy();
    }

    /**
     * One shard's sums: {seconds, then per request: loss sum, weight-gradient sums (zeros when not asked)}.
     */
    static final class ShardSums implements Function2<Integer, Iterator<Example>, Iterator<double[]>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<CircuitSpec> spec;
        private final String key;
        private final Loss loss;
        private final ParameterSplit split;
        private final double[][] weights;
        private final boolean[] gradient;

        ShardSums(Broadcast<CircuitSpec> spec, String key, Loss loss, ParameterSplit split, double[][] weights,
                  boolean[] gradient) {
            this.spec = spec;
            this.key = key;
            this.loss = loss;
            this.split = split;
            this.weights = weights;
            this.gradient = gradient;
        }

        @Override
        public Iterator<double[]> call(Integer partition, Iterator<Example> examples) {
            long t0 = System.nanoTime();
            ExecutorSide.Built built = ExecutorSide.rebuilt(key, spec);
            Simulator sim = ExecutorSide.simulator();
            AdjointGradient adjoint = new AdjointGradient(sim);
            int[] weightIndex = split.weightIndex();
            int m = weightIndex.length, width = 1 + m, n = built.circuit().numParameters();
            double[] sums = new double[1 + weights.length * width];
            while (examples.hasNext()) {
                Example e = examples.next();
                for (int r = 0; r < weights.length; r++) {
                    double[] theta = split.bind(e.featuresView(), weights[r], n);
                    int at = 1 + r * width;
                    if (!gradient[r]) {
                        double f = Measurements.expectation(sim.run(built.circuit(), theta), built.observable());
                        sums[at] += loss.value(f, e.target());
                        continue;
                    }
                    Gradient g = adjoint.compute(built.circuit(), theta, built.observable());
                    sums[at] += loss.value(g.value(), e.target());
                    double d = loss.derivative(g.value(), e.target());
                    double[] dtheta = g.gradient();
                    for (int j = 0; j < m; j++) {
                        sums[at + 1 + j] += d * dtheta[weightIndex[j]];
                    }
                }
            }
            sums[0] = (System.nanoTime() - t0) / 1e9;
            return Collections.singletonList(sums).iterator();
        }
    }
}
