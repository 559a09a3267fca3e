package org.qtune.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.qtune.model.Bert;
import org.qtune.model.ClassificationHead;
import org.qtune.model.DecoderPass;
import org.qtune.model.EncoderPass;
import org.qtune.model.Linear;
import org.qtune.model.MiniLm;
import org.qtune.model.Qwen2;
import org.qtune.model.TensorSource;
import org.qtune.model.TokenBatch;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraConfig;
import org.qtune.tensor.Gemm;

/**
 * LoRA training throughput (not a test): forward + backward steps with LoRA on the query and value
 * projections, timed one by one after warm-up, for all-MiniLM-L6-v2 (its real weights; a mean-pooled
 * 2-class head and cross-entropy) or a Qwen2-shaped decoder (Qwen2.5-0.5B's layer widths — hidden
 * 896, 14 query heads and 2 key/value heads of 64, SwiGLU 4864, QKV biases, tied head — with fewer
 * layers and a smaller vocabulary, random weights; the causal-LM loss on every next token). The
 * same shapes, loss and LoRA run in PyTorch + PEFT by deploy/bench/model_bench.py, side by side in
 * deploy/bench/model-vs-pytorch.sh. Also the GEMM rate of each projection's shape against a large
 * square product (the BLAS's practical peak here) and the workspace a step holds per token
 * (activations kept for the backward and its scratch; the frozen weights are shared and not counted).
 */
public final class ModelBenchmark {
    /** The decoder measured: Qwen2.5-0.5B's layer widths, 4 layers, vocabulary 8192. */
    public static final Qwen2.Config QWEN2_SHAPE = new Qwen2.Config(8192, 896, 4864, 4, 14, 2, 64, 4096, 1_000_000,
            1e-6, true, true, false, false);

    private ModelBenchmark() {
    }

    /** What to measure. {@code model} is minilm or qwen2. */
    public record Config(String model, int batch, int length, int rank, int warmup, int steps, long seed) {
        public Config {
            if (!model.equals("minilm") && !model.equals("qwen2")) {
                throw new IllegalArgumentException("--model " + model + ": the model benchmark runs minilm or qwen2");
            }
            if (batch < 1 || length < 2 || rank < 1 || warmup < 0 || steps < 1) {
                throw new IllegalArgumentException("need --batch >= 1, --length >= 2, --lora-rank >= 1, --steps >= 1");
            }
            int max = model.equals("minilm") ? MiniLm.CONFIG.maxPositions() : QWEN2_SHAPE.maxPositions();
            if (length > max) {
                throw new IllegalArgumentException("--length " + length + " exceeds the model's " + max + " positions");
            }
        }
    }

    /** One GEMM shape's rate: C[m, n] = A[m, k] B^T. */
    public record GemmRate(int m, int n, int k, double gflops) {
    }

    public record Result(String model, String blas, int threads, long parameters, int trainable, int batch, int length,
                         int rank, double medianSeconds, double minSeconds, double tokensPerSecond, double loss,
                         long weightBytes, long workspaceBytes, double workspaceBytesPerToken, List<GemmRate> gemm,
                         GemmRate peak, String markdown) {
    }

    /** Bytes of heap the run needs: the model's float weights and the activations of one step, generously. */
    public static long heapBytes(Config c) {
        long tokens = (long) c.batch() * c.length();
        if (c.model().equals("minilm")) {
            return (400L << 20) + tokens * 6 * 60_000L;
        }
        Qwen2.Config q = QWEN2_SHAPE;
        long weights = q.parameters() * 4;
        long perTokenLayer = 4L * (8L * q.hidden() + 4L * q.queryWidth() + 6L * q.kvWidth() + 7L * q.intermediate());
        long probs = 4L * c.batch() * q.heads() * c.length() * c.length() * q.layers() * 2;
        return weights + tokens * (perTokenLayer * (q.layers() + 1) + 4L * q.vocab() * 2) + probs + (256L << 20);
    }

    public static Result run(Config c, PrintStream progress) throws IOException {
        SplittableRandom random = new SplittableRandom(c.seed());
        int n = c.batch(), T = c.length(), tokens = n * T;
        Step step;
        java.util.function.LongSupplier workspace;
        long parameters, weightBytes;
        LoraAdapters lora;
        List<Linear> linears;
        if (c.model().equals("minilm")) {
            Bert bert = MiniLm.load().encoder();
            parameters = bert.parameters();
            weightBytes = parameters * 4;
            linears = bert.linears();
            lora = LoraAdapters.create(linears, new LoraConfig(c.rank(), 2.0 * c.rank(), 0, false, List.of("query", "value")),
                    c.seed());
            EncoderPass pass = new EncoderPass(bert, lora.asAdapters());
            workspace = pass::workspaceBytes;
            ClassificationHead head = ClassificationHead.initialized(bert.config().hidden(), 2, c.seed());
            TokenBatch batch = randomBatch(random, n, T, bert.config().vocab());
            int[] labels = random.ints(n, 0, 2).toArray();
            LoraAdapters l = lora;
            step = () -> {
                l.zeroGradients();
                head.zeroGradients();
                float[] h = pass.forward(batch, true);
                double loss = head.lossSum(h, batch, labels) / n;
                pass.backward(head.backward(1f / n));
                return loss;
            };
        } else {
            Qwen2 model = Qwen2.load(QWEN2_SHAPE, randomSource(QWEN2_SHAPE, c.seed()));
            parameters = model.parameters();
            weightBytes = parameters * 4;
            linears = model.linears();
            lora = LoraAdapters.create(linears, new LoraConfig(c.rank(), 2.0 * c.rank(), 0, false, List.of("q", "v")),
                    c.seed());
            DecoderPass pass = new DecoderPass(model, lora.asAdapters());
            workspace = pass::workspaceBytes;
            TokenBatch batch = randomBatch(random, n, T, QWEN2_SHAPE.vocab());
            int[] labels = batch.ids().clone();
            LoraAdapters l = lora;
            step = () -> {
                l.zeroGradients();
                double sum = pass.lossSum(batch, labels, true);
                int counted = pass.countedTokens();
                pass.backward(1f / counted);
                return sum / counted;
            };
        }
        double loss = 0;
        for (int i = 0; i < c.warmup(); i++) {
            loss = step.run();
            progress.printf("warm-up step %d/%d: loss %.4f%n", i + 1, c.warmup(), loss);
        }
        double[] seconds = new double[c.steps()];
        for (int i = 0; i < c.steps(); i++) {
            long t0 = System.nanoTime();
            loss = step.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            progress.printf("step %d/%d: %.3f s, loss %.4f%n", i + 1, c.steps(), seconds[i], loss);
        }
        long stepHeap = workspace.getAsLong();
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        List<GemmRate> rates = new ArrayList<>();
        for (Linear lin : linears.subList(0, linears.size() / (c.model().equals("minilm") ? MiniLm.CONFIG.layers()
                : QWEN2_SHAPE.layers()))) {
            GemmRate r = gemm(tokens, lin.out(), lin.in(), random);
            if (rates.stream().noneMatch(x -> x.n() == r.n() && x.k() == r.k())) {
                rates.add(r);
            }
        }
        GemmRate peak = gemm(2048, 2048, 2048, random);
        int threads = Runtime.getRuntime().availableProcessors(); // the common pool plus the calling thread
        Result partial = new Result(c.model(), Gemm.implementation(), threads, parameters, lora.parameterCount(), n, T,
                c.rank(), median, sorted[0], tokens / median, loss, weightBytes, stepHeap, (double) stepHeap / tokens, rates,
                peak, "");
        return new Result(partial.model(), partial.blas(), threads, parameters, partial.trainable(), n, T, c.rank(), median,
                sorted[0], partial.tokensPerSecond(), loss, weightBytes, stepHeap, partial.workspaceBytesPerToken(), rates, peak,
                markdown(partial));
    }

    private interface Step {
        double run();
    }

    private static TokenBatch randomBatch(SplittableRandom r, int n, int T, int vocab) {
        int[] ids = new int[n * T], mask = new int[n * T];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + r.nextInt(vocab - 1000);
            mask[i] = 1;
        }
        return new TokenBatch(n, T, ids, mask);
    }

    /** Random weights of a decoder's shape (Hugging Face init scale: normal-ish 0.02). */
    static TensorSource randomSource(Qwen2.Config c, long seed) {
        return new TensorSource() {
            final SplittableRandom r = new SplittableRandom(seed);

            @Override
            public boolean has(String name) {
                return true;
            }

            @Override
            public float[] take(String name, long... shape) {
                long count = 1;
                for (long s : shape) {
                    count *= s;
                }
                float[] v = new float[(int) count];
                boolean norm = name.endsWith("norm.weight");
                for (int i = 0; i < v.length; i++) {
                    v[i] = norm ? 1f : (float) (0.035 * (2 * r.nextDouble() - 1));
                }
                return v;
            }

            @Override
            public String source() {
                return "random " + c;
            }
        };
    }

    private static GemmRate gemm(int m, int n, int k, SplittableRandom r) {
        float[] a = new float[m * k], b = new float[n * k], out = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble();
        }
        Gemm.multiply(false, true, m, n, k, 1f, a, 0, b, 0, 0f, out, 0);
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            Gemm.multiply(false, true, m, n, k, 1f, a, 0, b, 0, 0f, out, 0);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return new GemmRate(m, n, k, 2.0 * m * n * k / best / 1e9);
    }

    private static String markdown(Result r) {
        StringBuilder s = new StringBuilder();
        s.append("### LoRA training step: ").append(r.model()).append("\n\n");
        s.append(String.format("BLAS %s, %d thread(s); %,d parameters, LoRA r = %d on q and v: %,d trainable; batch %d x %d tokens%n%n",
                r.blas(), r.threads(), r.parameters(), r.rank(), r.trainable(), r.batch(), r.length()));
        s.append("| forward + backward | median s | min s | tokens/s | loss | workspace (MiB) | workspace per token (KiB) |\n");
        s.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        s.append(String.format("| qtune | %.3f | %.3f | %.0f | %.4f | %.0f | %.1f |%n%n", r.medianSeconds(), r.minSeconds(),
                r.tokensPerSecond(), r.loss(), r.workspaceBytes() / 1048576.0, r.workspaceBytesPerToken() / 1024));
        s.append("| GEMM m x n x k | GFLOP/s | of the 2048^3 product |\n| --- | ---: | ---: |\n");
        for (GemmRate g : r.gemm()) {
            s.append(String.format("| %d x %d x %d | %.1f | %.0f %% |%n", g.m(), g.n(), g.k(), g.gflops(),
                    100 * g.gflops() / r.peak().gflops()));
        }
        s.append(String.format("| 2048 x 2048 x 2048 | %.1f | 100 %% |%n", r.peak().gflops()));
        return s.toString();
    }
}
