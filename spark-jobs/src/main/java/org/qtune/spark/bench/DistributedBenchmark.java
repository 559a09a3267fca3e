package org.qtune.spark.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.StateVector;
import org.qtune.spark.statevector.DistributedStateVector;

/**
 * The distributed state vector benchmark behind {@code qtune bench --distributed}: for each n, the
 * 4-layer hardware-efficient ansatz (RY, CZ ring) and QFT(n) on {@code partitions} partitions,
 * timed end to end with all {@code <Z_i>}; epochs, remaps, time per epoch and per remap, shuffled
 * bytes against the (1 - 2^-k) bound, and the ratio to the single-node simulator on the same circuit
 * in the driver JVM (when {@code compareLocal} and the state fits).
 */
public final class DistributedBenchmark {
    private DistributedBenchmark() {
    }

    /** What to measure. */
    public record Config(List<Integer> qubits, int partitions, int repeats, boolean compareLocal) {
    }

    public static String run(JavaSparkContext sc, Config cfg, PrintStream progress) {
        StringBuilder md = new StringBuilder();
        md.append("Spark master ").append(sc.master()).append(", default parallelism ")
                .append(sc.defaultParallelism()).append(", ").append(cfg.partitions()).append(" partitions.\n\n");
        md.append("| n | circuit | total s | epochs | remaps | s per epoch | s per remap | shuffled MiB | bound MiB | single-node s | distributed / single-node |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int n : cfg.qubits()) {
            for (String name : List.of("hea4", "qft")) {
                Circuit c = name.equals("hea4") ? HardwareEfficient.builder(n).layers(4).build() : qft(n);
                double[] theta = new SplittableRandom(7).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
                progress.printf("bench: distributed n=%d %s on %d partitions%n", n, name, cfg.partitions());
                double best = Double.MAX_VALUE, epochTime = 0, remapTime = 0;
                DistributedStateVector.RunStats stats = null;
                for (int r = 0; r < cfg.repeats(); r++) {
                    long t0 = System.nanoTime();
                    try (DistributedStateVector d = DistributedStateVector.zero(sc, n, cfg.partitions())) {
                        long t1 = System.nanoTime();
                        stats = d.apply(c, theta);
                        long t2 = System.nanoTime();
                        d.expectationZAll();
                        long t3 = System.nanoTime();
                        double total = (t3 - t0) / 1e9;
                        if (total < best) {
                            best = total;
                            epochTime = stats.epochSeconds() / Math.max(1, stats.epochs());
                            remapTime = stats.remapSeconds() / Math.max(1, stats.remaps());
                        }
                    }
                }
                String local = "-", ratio = "-";
                if (cfg.compareLocal() && (16L << n) * 2 < Runtime.getRuntime().maxMemory() / 2) {
                    try (Simulator sim = new Simulator(SimulatorOptions.defaults())) {
                        StateVector s = StateVector.zero(n);
                        double bestLocal = Double.MAX_VALUE;
                        for (int r = 0; r < cfg.repeats() + 1; r++) {
                            s.reset();
                            long t0 = System.nanoTime();
                            sim.apply(c, theta, s);
                            Measurements.expectationZAll(s);
                            double t = (System.nanoTime() - t0) / 1e9;
                            if (r > 0) {
                                bestLocal = Math.min(bestLocal, t);
                            }
                        }
                        local = String.format("%.3f", bestLocal);
                        ratio = String.format("%.1fx", best / bestLocal);
                    }
                }
                md.append(String.format("| %d | %s | %.2f | %d | %d | %.3f | %.3f | %.1f | %.1f | %s | %s |%n", n, name, best,
                        stats.epochs(), stats.remaps(), epochTime, remapTime, stats.shuffledBytes() / 1048576.0,
                        stats.remapBoundBytes() / 1048576.0, local, ratio));
            }
        }
        return md.toString();
    }

    static Circuit qft(int n) {
        Circuit.Builder b = Circuit.builder(n);
        for (int j = n - 1; j >= 0; j--) {
            b.add(Gate.H, j);
            for (int k = j - 1; k >= 0; k--) {
                b.add(Gate.CP, Math.PI / (1L << Math.min(62, j - k)), k, j);
            }
        }
        for (int q = 0; q < n / 2; q++) {
            b.add(Gate.SWAP, q, n - 1 - q);
        }
        return b.build();
    }
}
