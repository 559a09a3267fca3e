package org.qtune.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.StateVector;

/**
 * The simulator benchmark behind {@code qtune bench}: for each qubit count, dense one-qubit gates at
 * low, middle and high targets, a diagonal gate and CX, as time per gate and effective bandwidth
 * (32 * 2^n bytes per gate) against a STREAM-like triad measured in the same run; and the 4-layer
 * hardware-efficient ansatz (RY on every qubit, CZ ring) plus all {@code <Z_i>} in one pass, with
 * fusion and cache blocking, with fusion only, and one pass per gate. Best and median of repeats after
 * a warm-up; the figures that matter are the ratios, since the machine may be shared.
 */
public final class SimulatorBenchmark {
    /** Qulacs' published-class figure for the same ansatz at n = 24 on a 2-core AVX-512 machine. */
    static final double QULACS_ANSATZ_24_SECONDS = 2.2;

    /** What to measure. */
    public record Config(int minQubits, int maxQubits, int threads, int repeats, int triadElements) {
        public Config {
            if (minQubits < 4 || maxQubits > 30 || minQubits > maxQubits) {
                throw new IllegalArgumentException("qubits must satisfy 4 <= min <= max <= 30");
            }
            if (threads < 1 || repeats < 1 || triadElements < 1024) {
                throw new IllegalArgumentException("threads and repeats must be >= 1, triad elements >= 1024");
            }
        }

        /** Triad arrays of 2^25 doubles (256 MiB each): far beyond any cache. */
        public static Config of(int min, int max, int threads, int repeats) {
            return new Config(min, max, threads, repeats, 1 << 25);
        }
    }

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int min = 20, max = 28, threads = Runtime.getRuntime().availableProcessors(), repeats = 5;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--min-qubits" -> min = Integer.parseInt(args[++i]);
                case "--max-qubits" -> max = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String report = run(Config.of(min, max, threads, repeats), System.err);
        System.out.println(report);
        if (out != null) {
            writeAtomically(out, report);
        }
    }

    /** Writes text to a temporary file beside {@code target}, then renames it into place. */
    public static void writeAtomically(Path target, String text) throws IOException {
        org.qtune.io.AtomicFiles.writeString(target, text);
    }

    /** Sweeps of the triad probe at least. */
    static final int TRIAD_REPEATS = 10;

    /**
     * What {@link #run} holds at its largest n: the state, a second one-array copy of it above the page
     * size, and the triad probe's three arrays (garbage by then, but perhaps not yet collected).
     */
    public static MemoryEstimate memory(Config cfg) {
        int n = cfg.maxQubits();
        return MemoryEstimate.stateVectors(n, n > StateVector.DEFAULT_PAGE_QUBITS ? 2 : 1)
                .plus("the triad probe's 3 arrays", 3L * Double.BYTES * cfg.triadElements());
    }

    /** Runs every measurement and returns a Markdown report; progress lines go to {@code progress}. */
    public static String run(Config cfg, PrintStream progress) throws Exception {
        MemoryEstimate need = memory(cfg);
        MemoryBudget.heap().require("the benchmark at n = " + cfg.maxQubits(), need, "raise -Xmx (QTUNE_HEAP="
                + MemoryBudget.heapOptionFor(need) + ") or lower the largest n (--max-qubits)");
        StringBuilder md = new StringBuilder();
        try (Simulator probe = new Simulator(SimulatorOptions.defaults().withThreads(cfg.threads()))) {
            md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                    .append(System.getProperty("java.version")).append(", max heap ")
                    .append(Runtime.getRuntime().maxMemory() >> 30).append(" GiB, ")
                    .append(cfg.threads()).append(" simulator thread(s), Vector API kernels: ")
                    .append(probe.usesVectorKernels() ? "yes" : "no").append(".\n\n");
        }
        progress.println("bench: triad bandwidth probe");
        // the reference for every ratio: its best over at least 10 sweeps (under 1 s), so that one
        // disturbed sweep on a shared machine does not make every gate look faster than it is
        int triadRepeats = Math.max(cfg.repeats(), TRIAD_REPEATS);
        double triad = MemoryBandwidth.triadGBs(cfg.triadElements(), cfg.threads(), triadRepeats);
        md.append(String.format("Java STREAM-like triad, %d thread(s), best of %d: **%.1f GB/s** (24 bytes per "
                + "element).%n%n", cfg.threads(), triadRepeats, triad));

        md.append("### Single gates (default options)\n\n");
        md.append("| n | gate | best ms | median ms | GB/s (32*2^n per gate) | / triad |\n|---|---|---|---|---|---|\n");
        List<String> ansatzRows = new ArrayList<>();
        for (int n = cfg.minQubits(); n <= cfg.maxQubits(); n++) {
            StateVector s = StateVector.zero(n);
            try (Simulator sim = new Simulator(SimulatorOptions.defaults().withThreads(cfg.threads()))) {
                for (Object[] g : singleGates(n)) {
                    String name = (String) g[0];
                    Circuit c = (Circuit) g[1];
                    progress.printf("bench: n=%d %s%n", n, name);
                    double[] t = time(() -> sim.apply(c, new double[0], s), cfg.repeats());
                    double gbs = 32.0 * (1L << n) / t[0] / 1e9;
                    md.append(String.format("| %d | %s | %.2f | %.2f | %.1f | %.2f |%n", n, name, t[0] * 1e3,
                            t[1] * 1e3, gbs, gbs / triad));
                }
                if (s.numPages() > 1) {
                    // the same gates on the top qubit with the state in one pair of arrays, for the
                    // page layout's gain (see StateVector)
                    StateVector flat = StateVector.zero(n, n);
                    for (Object[] g : singleGates(n)) {
                        String name = (String) g[0];
                        if (!name.endsWith("q" + (n - 1))) {
                            continue;
                        }
                        progress.printf("bench: n=%d %s, one array%n", n, name);
                        Circuit c = (Circuit) g[1];
                        double[] t = time(() -> sim.apply(c, new double[0], flat), cfg.repeats());
                        double gbs = 32.0 * (1L << n) / t[0] / 1e9;
                        md.append(String.format("| %d | %s, one array | %.2f | %.2f | %.1f | %.2f |%n", n, name,
                                t[0] * 1e3, t[1] * 1e3, gbs, gbs / triad));
                    }
                }
            }
            ansatzRows.add(ansatz(n, s, cfg, progress));
        }
        md.append("\n### 4-layer hardware-efficient ansatz (RY on every qubit, CZ ring) + all <Z_i>\n\n");
        md.append("| n | fused+blocked s | passes | fused only s | one pass per gate s | passes | unfused / fused+blocked |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        ansatzRows.forEach(md::append);
        return md.toString();
    }

    private static List<Object[]> singleGates(int n) {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] u3 = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
        List<Object[]> out = new ArrayList<>();
        for (int t : new int[] {0, n / 2, n - 1}) {
            out.add(new Object[] {"h q" + t, Circuit.builder(n).add(Gate.H, t).build()});
        }
        for (int t : new int[] {0, n / 2, n - 1}) {
            out.add(new Object[] {"u3 q" + t, Circuit.builder(n).add(Gate.U3, u3, t).build()});
        }
        out.add(new Object[] {"rz q" + (n / 2), Circuit.builder(n).add(Gate.RZ, 0.3, n / 2).build()});
        out.add(new Object[] {"cx q0,q" + (n - 1), Circuit.builder(n).add(Gate.CX, 0, n - 1).build()});
        out.add(new Object[] {"cx q" + (n / 2 - 1) + ",q" + (n / 2), Circuit.builder(n).add(Gate.CX, n / 2 - 1, n / 2).build()});
        return out;
    }

    private static String ansatz(int n, StateVector s, Config cfg, PrintStream progress) {
        Circuit c = HardwareEfficient.builder(n).layers(4).build();
        double[] theta = new SplittableRandom(7).doubles(c.numParameters(), -Math.PI, Math.PI).toArray();
        SimulatorOptions d = SimulatorOptions.defaults().withThreads(cfg.threads());
        double[] best = new double[3];
        int[] passes = new int[3];
        SimulatorOptions[] opts = {d, d.withBlocking(false), d.unoptimized()};
        for (int k = 0; k < 3; k++) {
            progress.printf("bench: n=%d ansatz %s%n", n, k == 0 ? "fused+blocked" : k == 1 ? "fused" : "unfused");
            try (Simulator sim = new Simulator(opts[k])) {
                best[k] = time(() -> {
                    s.reset();
                    sim.apply(c, theta, s);
                    Measurements.expectationZAll(s);
                }, k == 2 ? Math.min(cfg.repeats(), 3) : cfg.repeats())[0];
                passes[k] = sim.countPasses(c, theta, n) + 1;
            }
        }
        String row = String.format("| %d | %.3f | %d | %.3f | %.3f | %d | %.1fx |", n, best[0], passes[0], best[1],
                best[2], passes[2], best[2] / best[0]);
        if (n == 24) {
            row += String.format(" Qulacs 2.2 s / ours = %.1fx (target >= 3.1x, i.e. <= 0.7 s)", QULACS_ANSATZ_24_SECONDS / best[0]);
        }
        return row + "\n";
    }

    /** Best and median seconds of {@code repeats} runs after one warm-up run. */
    static double[] time(Runnable r, int repeats) {
        r.run();
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return new double[] {t[0], t[repeats / 2]};
    }
}
