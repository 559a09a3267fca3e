package org.qtune.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ansatz.DataReuploading;
import org.qtune.circuit.ansatz.Qcbm;
import org.qtune.qnn.QuantumLayer;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.batch.BatchParameters;
import org.qtune.sim.batch.BatchProgram;
import org.qtune.sim.batch.BatchState;

/**
 * The small-circuit benchmark behind {@code qtune bench --small}: on one thread, a batch of B circuits
 * through the batched simulator against the project's own single-state simulator running the same B
 * circuits one by one, in the same run. Circuits: the QCBM of the yardstiq quantum-benchmarks suite
 * ({@link Qcbm#yardstiq}: 9 layers of Rz Rx Rz on every qubit between CNOT rings: first layer Rx Rz,
 * last Rz Rx; 37n gates) with shared angles and with a per-member angle on every rotation; and the
 * QTHA quantum layer, forward and forward + backward. Amplitude updates = gates x 2^n per circuit.
 */
public final class SmallCircuitBenchmark {
    /** Yao's batched QCBM at 4 qubits, batch 1000, one core (yardstiq quantum-benchmarks): 0.72 us per circuit. */
    public static final double YAO_QCBM4_US = 0.72;

    private SmallCircuitBenchmark() {
    }

    /** The qubit counts of the report in docs/BENCHMARKS.md, the default of {@code qtune bench --small}. */
    public static final int DEFAULT_MIN_QUBITS = 4;
    public static final int DEFAULT_MAX_QUBITS = 12;

    /**
     * What {@link #run} holds at once at its largest n: the batch of QCBM states, and the QTHA layer's
     * batches at 8 qubits (its forward states and the backward's two).
     */
    public static MemoryEstimate memory(int maxQubits, int batch) {
        return MemoryEstimate.batchStates(maxQubits, batch, 1).plus(MemoryEstimate.batchStates(8, batch, 3));
    }

    /**
     * Every measurement, as a Markdown report (one thread); with {@code threads} > 1 the QTHA layer is
     * also timed on that many threads (member blocks spread over them), for the scaling against one.
     */
    public static String run(List<Integer> qubits, int batch, int repeats, int threads, PrintStream progress) {
        for (int n : qubits) {
            if (n < 2 || n > BatchState.MAX_QUBITS || ((long) batch << n) > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the small-circuit benchmark runs 2.." + BatchState.MAX_QUBITS
                        + " qubits in batches of at most 2^31 amplitudes, got n = " + n + " with batch " + batch);
            }
        }
        int largest = qubits.stream().mapToInt(Integer::intValue).max().orElse(2);
        MemoryEstimate need = memory(largest, batch);
        MemoryBudget.heap().require("the small-circuit benchmark at n = " + largest + ", batch " + batch, need,
                "raise -Xmx (QTUNE_HEAP=" + MemoryBudget.heapOptionFor(need) + "), or lower --max-qubits or --batch");
        StringBuilder md = new StringBuilder();
        md.append(String.format("One thread, batch %d, best of %d runs. Yao's batched QCBM at 4 qubits: %.2f us per "
                + "circuit.%n%n", batch, repeats, YAO_QCBM4_US));
        md.append("| n | gates | unbatched us/circuit | shared: us/circuit | shared: G amp-updates/s | shared: speed-up "
                + "| per-member: us/circuit | per-member: G amp-updates/s | per-member / shared |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int n : qubits) {
            progress.printf("bench: small circuits n=%d%n", n);
            Circuit c = Qcbm.yardstiq(n);
            int gates = c.operations().size();
            SplittableRandom rnd = new SplittableRandom(n);
            double[][] rows = new double[batch][];
            for (int b = 0; b < batch; b++) {
                rows[b] = rnd.doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
            }
            // the project's single-state path: the same circuits one by one (fewer of them at larger n)
            int single = Math.max(8, Math.min(batch, (1 << 16) >> n));
            double unbatched;
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(1))) {
                unbatched = bestMicros(() -> {
                    for (int b = 0; b < single; b++) {
                        Measurements.expectationZAll(sim.run(c, rows[b]));
                    }
                }, repeats) / single;
            }
            double shared = time(c, List.of(), rows, batch, repeats);
            List<String> all = new ArrayList<>();
            c.parameters().forEach(p -> all.add(p.name()));
            double member = time(c, all, rows, batch, repeats);
            double amps = (double) gates * (1 << n);
            md.append(String.format("| %d | %d | %.2f | %.3f | %.2f | %.0fx | %.3f | %.2f | %.2f |%n", n, gates, unbatched,
                    shared, amps / shared / 1e3, unbatched / shared, member, amps / member / 1e3, member / shared));
        }
        md.append("\nQTHA layer (RY(x) encoding, CRZ ring, RY, reversed ring, RY per layer; 2 layers; Z readout on every"
                + " qubit), inputs per member, weights shared; on the general batched program and adjoint, and on the"
                + " tiled path `QuantumLayer.qtha` uses:\n\n");
        md.append("| n | path | threads | forward us/row | forward+backward us/row | (forward+backward) / forward "
                + "| forward+backward speed-up over one thread |\n|---|---|---|---|---|---|---|\n");
        for (int n : new int[] {4, 6, 8}) {
            for (boolean tiled : new boolean[] {false, true}) {
                double oneThread = 0;
                for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
                    progress.printf("bench: QTHA layer n=%d, %s path, %d thread(s)%n", n, tiled ? "tiled" : "general", t);
                    try (QuantumLayer layer = tiled ? QuantumLayer.qtha(n, 2, t)
                            : new QuantumLayer(DataReuploading.qtha(n, 2), DataReuploading.inputs(n),
                                    QuantumLayer.zReadouts(n), t)) {
                        layer.setWeights(new SplittableRandom(1).doubles(layer.weightNames().size(), -1, 1).toArray());
                        SplittableRandom rnd = new SplittableRandom(2);
                        double[][] x = new double[batch][];
                        double[][] up = new double[batch][];
                        for (int b = 0; b < batch; b++) {
                            x[b] = rnd.doubles(n, -Math.PI, Math.PI).toArray();
                            up[b] = rnd.doubles(n, -1, 1).toArray();
                        }
                        double fwd = bestMicros(() -> layer.forward(x), repeats) / batch;
                        double both = bestMicros(() -> {
                            layer.forward(x);
                            layer.backward(up);
                        }, repeats) / batch;
                        if (t == 1) {
                            oneThread = both;
                        }
                        md.append(String.format("| %d | %s | %d | %.3f | %.3f | %.2f | %.2fx |%n", n,
                                tiled ? "tiled" : "general", t, fwd, both, both / fwd, oneThread / both));
                    }
                }
            }
        }
        return md.toString();
    }

    /** Runs {@code body} for about a second (the JIT compiles the Vector API kernels), then times the best of {@code repeats}. */
    static double bestMicros(Runnable body, int repeats) {
        long warm = System.nanoTime();
        for (int r = 0; r < 5 || System.nanoTime() - warm < 1_000_000_000L; r++) {
            body.run();
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            body.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e3);
        }
        return best;
    }

    private static double time(Circuit c, List<String> perMember, double[][] rows, int batch, int repeats) {
        boolean[] pm = new boolean[c.numParameters()];
        for (String name : perMember) {
            pm[c.parameterIndex(Parameter.of(name))] = true;
        }
        double[][] table = rows;
        if (perMember.isEmpty()) {
            table = new double[batch][];
            for (int b = 0; b < batch; b++) {
                table[b] = rows[0];
            }
        }
        BatchParameters p = BatchParameters.fromRows(table, pm);
        try (BatchProgram prog = BatchProgram.compile(c, perMember, 4, 1)) {
            BatchState s = BatchState.zero(c.numQubits(), batch);
            return bestMicros(() -> {
                prog.run(p, s);
                s.expectationZAll();
            }, repeats) / batch;
        }
    }
}
