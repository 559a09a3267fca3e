package org.qtune.spark.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.grad.ShiftPlan;
import org.qtune.optim.EvaluationRequest;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.spark.exec.JobStats;

/**
 * The batched-evaluation benchmark behind {@code qtune bench --batched}: circuits per second through
 * {@link BatchEvaluator} (one Spark job per batch) against the core simulator looping in the driver
 * JVM, for a 2-layer hardware-efficient ansatz with <sum Z_i>; the fixed cost of one optimizer
 * step's Spark job (a batch of one tiny circuit); and the Spark overhead inside a real optimizer step
 * (one parameter-shift gradient as one job, split into simulation and overhead by {@link JobStats}).
 */
public final class BatchBenchmark {
    private BatchBenchmark() {
    }

    public static String run(JavaSparkContext sc, List<Integer> qubits, int batch, int partitions, int repeats,
                             PrintStream progress) {
        StringBuilder md = new StringBuilder();
        md.append("Spark master ").append(sc.master()).append(", ").append(partitions).append(" partitions, batches of ")
                .append(batch).append(" circuits.\n\n");
        BatchEvaluator eval = new BatchEvaluator(sc, partitions);
        // fixed cost of one step's job: one 2-qubit circuit
        Circuit tiny = HardwareEfficient.builder(2).layers(1).build();
        double[][] one = {new double[tiny.numParameters()]};
        double jobBest = Double.MAX_VALUE;
        for (int r = 0; r < repeats + 2; r++) {
            long t0 = System.nanoTime();
            eval.expectations(tiny, PauliSum.sumZ(2), one, "bench: one tiny circuit");
            double t = (System.nanoTime() - t0) / 1e9;
            if (r >= 2) {
                jobBest = Math.min(jobBest, t);
            }
        }
        md.append(String.format("Spark job per optimizer step (one 2-qubit circuit): **%.1f ms** (best of %d).%n%n",
                jobBest * 1e3, repeats));
        md.append("One optimizer step = one parameter-shift gradient of the 2-layer ansatz with <sum Z_i>, as one job:\n\n");
        md.append("| n | circuits in the step | step wall s | task s (sum) | Spark overhead s | overhead share |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int n : new int[] {4, 8, 12, 16}) {
            Circuit c = HardwareEfficient.builder(n).layers(2).build();
            ShiftPlan plan = ShiftPlan.of(c);
            double[] x = new SplittableRandom(n).doubles(c.numParameters(), -1, 1).toArray();
            JobStats best = null;
            for (int r = 0; r < repeats + 1; r++) {
                eval.evaluate(plan, PauliSum.sumZ(n), List.of(new EvaluationRequest(x, true)), 0, 0,
                        "bench: optimizer step n=" + n);
                JobStats st = eval.lastJob();
                if (r > 0 && (best == null || st.wallSeconds() < best.wallSeconds())) {
                    best = st;
                }
            }
            md.append(String.format("| %d | %d | %.3f | %.3f | %.3f | %.0f%% |%n", n, best.items(), best.wallSeconds(),
                    best.taskSeconds(), best.overheadSeconds(), 100 * best.overheadSeconds() / best.wallSeconds()));
        }
        md.append("\n| n | core circuits/s | batched circuits/s | batched / core |\n|---|---|---|---|\n");
        for (int n : qubits) {
            progress.printf("bench: batched n=%d%n", n);
            Circuit c = HardwareEfficient.builder(n).layers(2).build();
            PauliSum h = PauliSum.sumZ(n);
            SplittableRandom rnd = new SplittableRandom(n);
            double[][] thetas = new double[batch][];
            for (int i = 0; i < batch; i++) {
                thetas[i] = rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
            }
            double core = Double.MAX_VALUE, spark = Double.MAX_VALUE;
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1))) {
                for (int r = 0; r < repeats + 1; r++) {
                    long t0 = System.nanoTime();
                    for (double[] t : thetas) {
                        Measurements.expectation(sim.run(c, t), h);
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (r > 0) {
                        core = Math.min(core, s);
                    }
                }
            }
            for (int r = 0; r < repeats + 1; r++) {
                long t0 = System.nanoTime();
                eval.expectations(c, h, thetas, "bench: batch n=" + n);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    spark = Math.min(spark, s);
                }
            }
            md.append(String.format("| %d | %.0f | %.0f | %.2f |%n", n, batch / core, batch / spark, core / spark));
        }
        return md.toString();
    }
}
