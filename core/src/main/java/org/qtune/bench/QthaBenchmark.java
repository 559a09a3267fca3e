package org.qtune.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qtune.adapter.QthaAdapters;
import org.qtune.adapter.QthaArchitecture;
import org.qtune.adapter.QthaConfig;
import org.qtune.model.AdapterSet;
import org.qtune.model.Bert;
import org.qtune.model.ClassificationHead;
import org.qtune.model.EncoderPass;
import org.qtune.model.MiniLm;
import org.qtune.model.TokenBatch;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraConfig;
import org.qtune.tensor.Gemm;

/**
 * Where a QTHA training step's time goes (not a test): all-MiniLM-L6-v2 with adapters on the query
 * and value projections, LoRA r = 8 against QTHA (ABC) at each qubit count, a step's forward and
 * backward timed as fine-tuning runs it: {@code workers} threads at once (Spark's tasks, one per
 * core), each with its own pass, adapters and share of the batch. The adapters count their own
 * time and, inside it, the circuits' (forward and adjoint, copies in and out), so the report gives
 * each one's share of the step and the circuits simulated per second per core.
 */
public final class QthaBenchmark {
    private QthaBenchmark() {
    }

    /** What to measure: {@code batch} sequences of {@code length} tokens per step, split over {@code workers}. */
    public record Config(int batch, int length, int[] qubits, int circuitLayers, int bottleneck, int mpoBond, int workers,
                         int warmup, int steps, long seed) {
        public Config {
            qubits = qubits.clone();
            if (batch < workers || workers < 1 || length < 2 || length > MiniLm.CONFIG.maxPositions() || steps < 1
                    || warmup < 0 || qubits.length == 0) {
                throw new IllegalArgumentException("need --batch >= --workers >= 1, 2 <= --length <= "
                        + MiniLm.CONFIG.maxPositions() + ", --steps >= 1 and some --qubits");
            }
            for (int n : qubits) {
                new QthaConfig(QthaArchitecture.ABC, n, circuitLayers, bottleneck, mpoBond, 4, 2.0 * n, 0, List.of("q"));
            }
        }
    }

    /** One adapter's step: median seconds, and the shares of the workers' busy time in the adapters and circuits. */
    public record Row(String adapter, int qubits, int trainable, double medianSeconds, double tokensPerSecond,
                      double adapterShare, double circuitShare, double circuitsPerSecondPerCore) {
    }

    public record Result(String blas, int workers, int batch, int length, int circuitLayers, int bottleneck, int mpoBond,
                         List<Row> rows, String markdown) {
    }

    /** A worker: its pass, adapters, head and sub-batch. */
    private record Worker(EncoderPass pass, AdapterSet adapters, ClassificationHead head, TokenBatch batch, int[] labels) {
        void step() {
            adapters.zeroGradients();
            head.zeroGradients();
            float[] h = pass.forward(batch, true);
            head.lossSum(h, batch, labels);
            pass.backward(head.backward(1f));
        }
    }

    public static Result run(Config c, PrintStream progress) throws IOException, InterruptedException {
        Bert bert = MiniLm.load().encoder();
        List<Row> rows = new ArrayList<>();
        rows.add(measure(c, bert, 0, progress));
        for (int n : c.qubits()) {
            rows.add(measure(c, bert, n, progress));
        }
        Result partial = new Result(Gemm.implementation(), c.workers(), c.batch(), c.length(), c.circuitLayers(),
                c.bottleneck(), c.mpoBond(), rows, "");
        return new Result(partial.blas(), c.workers(), c.batch(), c.length(), c.circuitLayers(), c.bottleneck(),
                c.mpoBond(), rows, markdown(partial));
    }

    /** LoRA r = 8 when {@code qubits} is 0, else QTHA (ABC) on that many qubits. */
    private static Row measure(Config c, Bert bert, int qubits, PrintStream progress) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(c.seed());
        List<Worker> workers = new ArrayList<>();
        int tokens = c.batch() * c.length();
        for (int w = 0; w < c.workers(); w++) {
            int n = c.batch() / c.workers() + (w < c.batch() % c.workers() ? 1 : 0);
            AdapterSet adapters = qubits == 0
                    ? LoraAdapters.create(bert.linears(), new LoraConfig(8, 16, 0, false, List.of("query", "value")), c.seed())
                    : QthaAdapters.create(bert.linears(), new QthaConfig(QthaArchitecture.ABC, qubits, c.circuitLayers(),
                            c.bottleneck(), c.mpoBond(), 4, 2.0 * qubits, 0, List.of("query", "value")), c.seed());
            // the zero-initialized last core would make every later gradient zero but the MPO_B's: start trained-like
            double[] theta = new double[adapters.parameterCount()];
            adapters.parameters(theta);
            for (int i = 0; i < theta.length; i++) {
                theta[i] += 0.05 * (2 * random.nextDouble() - 1);
            }
            adapters.setParameters(theta);
            int[] ids = new int[n * c.length()], mask = new int[n * c.length()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 1000 + random.nextInt(bert.config().vocab() - 1000);
                mask[i] = 1;
            }
            workers.add(new Worker(new EncoderPass(bert, adapters.asAdapters()), adapters,
                    ClassificationHead.initialized(bert.config().hidden(), 2, c.seed()), new TokenBatch(n, c.length(), ids,
                    mask), random.ints(n, 0, 2).toArray()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(c.workers());
        try {
            String name = qubits == 0 ? "LoRA r = 8" : "QTHA " + qubits + " qubits";
            for (int i = 0; i < c.warmup(); i++) {
                runAll(pool, workers);
                progress.printf("%s: warm-up step %d/%d%n", name, i + 1, c.warmup());
            }
            double[] seconds = new double[c.steps()];
            double adapter0 = adapterSeconds(workers), circuit0 = circuitSeconds(workers);
            for (int i = 0; i < c.steps(); i++) {
                long t0 = System.nanoTime();
                runAll(pool, workers);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                progress.printf("%s: step %d/%d %.3f s%n", name, i + 1, c.steps(), seconds[i]);
            }
            double total = Arrays.stream(seconds).sum();
            double adapter = adapterSeconds(workers) - adapter0, circuit = circuitSeconds(workers) - circuit0;
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            // busy time: every worker's thread for the whole step
            double busy = total * c.workers();
            int modules = workers.get(0).adapters().asAdapters().size();
            double circuits = (double) tokens * modules * c.steps();
            return new Row(qubits == 0 ? "lora" : "qtha", qubits, workers.get(0).adapters().parameterCount(), median,
                    tokens / median, qubits == 0 ? Double.NaN : adapter / busy, qubits == 0 ? Double.NaN : circuit / busy,
                    qubits == 0 ? Double.NaN : circuits / circuit);
        } finally {
            pool.shutdown();
        }
    }

    private static void runAll(ExecutorService pool, List<Worker> workers) throws InterruptedException {
        List<Future<?>> f = new ArrayList<>();
        for (Worker w : workers) {
            f.add(pool.submit(w::step));
        }
        for (Future<?> x : f) {
            try {
                x.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static double adapterSeconds(List<Worker> workers) {
        return workers.stream().mapToDouble(w -> w.adapters() instanceof QthaAdapters q ? q.adapterSeconds() : 0).sum();
    }

    private static double circuitSeconds(List<Worker> workers) {
        return workers.stream().mapToDouble(w -> w.adapters() instanceof QthaAdapters q ? q.circuitSeconds() : 0).sum();
    }

    private static String markdown(Result r) {
        StringBuilder s = new StringBuilder();
        s.append("### QTHA training step: all-MiniLM-L6-v2, adapters on query and value\n\n");
        s.append(String.format("BLAS %s; %d workers at once (one per core, as Spark's tasks), batch %d x %d tokens; "
                + "QTHA: %d circuit layers, MPO bottleneck %d, bond %d%n%n", r.blas(), r.workers(), r.batch(), r.length(),
                r.circuitLayers(), r.bottleneck(), r.mpoBond()));
        s.append("| adapter | trainable | step median s | tokens/s | adapters' share | circuits' share | "
                + "token-circuits/s per core (forward + adjoint) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : r.rows()) {
            s.append(String.format("| %s | %,d | %.3f | %.0f | %s | %s | %s |%n", row.qubits() == 0 ? "LoRA r = 8"
                    : "QTHA, " + row.qubits() + " qubits", row.trainable(), row.medianSeconds(), row.tokensPerSecond(),
                    pct(row.adapterShare()), pct(row.circuitShare()), Double.isNaN(row.circuitsPerSecondPerCore()) ? "-"
                            : String.format("%,.0f", row.circuitsPerSecondPerCore())));
        }
        return s.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f %%", 100 * v);
    }
}
