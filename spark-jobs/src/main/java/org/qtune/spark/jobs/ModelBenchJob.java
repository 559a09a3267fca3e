package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import org.qtune.bench.ModelBenchmark;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;

/**
 * {@code bench --model minilm|qwen2}: LoRA training-step throughput of a transformer (forward and
 * backward, LoRA on q and v), GEMM rates against the BLAS's peak and heap per token; the report is
 * Markdown and the figures are in the JSON of {@code run --config}.
 */
public final class ModelBenchJob extends Job<ModelBenchJob.Config, Void, ModelBenchmark.Result> {
    /**
     * @param model minilm or qwen2 (Qwen2.5-0.5B's layer widths, 4 layers)
     * @param batch sequences per step (default 16 for minilm, 4 for qwen2)
     * @param length tokens per sequence (default 128)
     * @param loraRank LoRA rank (default 8)
     * @param warmup untimed steps first (default 2)
     * @param steps timed steps (default 5)
     * @param seed weights, LoRA and data (default 1)
     * @param out also write the Markdown report here
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, Integer batch, Integer length, Integer loraRank, Integer warmup, Integer steps,
                         Long seed, String out) implements JobConfig {
        public Config {
            model = model == null ? "minilm" : model;
            batch = batch == null ? (model.equals("qwen2") ? 4 : 16) : Checks.atLeast("--batch", batch, 1);
            length = length == null ? 128 : Checks.atLeast("--length", length, 2);
            loraRank = loraRank == null ? 8 : Checks.atLeast("--lora-rank", loraRank, 1);
            warmup = warmup == null ? 2 : Checks.atLeast("--warmup", warmup, 0);
            steps = steps == null ? 5 : Checks.atLeast("--steps", steps, 1);
            seed = seed == null ? 1L : seed;
            benchmark(model, batch, length, loraRank, warmup, steps, seed);
        }

        ModelBenchmark.Config benchmark() {
            return benchmark(model, batch, length, loraRank, warmup, steps, seed);
        }

        private static ModelBenchmark.Config benchmark(String model, int batch, int length, int rank, int warmup,
                                                       int steps, long seed) {
            return new ModelBenchmark.Config(model, batch, length, rank, warmup, steps, seed);
        }
    }

    public ModelBenchJob() {
        super("bench-model", Config.class);
    }

    @Override
    public Void prepare(Config c) throws Exception {
        if (c.out() != null) {
            AtomicFiles.checkWritable("--out", Path.of(c.out()));
        }
        return null;
    }

    @Override
    public JobPlan plan(Config c, Void nothing) {
        return JobPlan.local(ModelBenchmark.heapBytes(c.benchmark()), c.model() + " LoRA step, batch " + c.batch() + " x "
                + c.length());
    }

    @Override
    public ModelBenchmark.Result run(Config c, Void nothing, JobContext context) throws Exception {
        ModelBenchmark.Result r = ModelBenchmark.run(c.benchmark(), System.err);
        if (c.out() != null) {
            AtomicFiles.writeString(Path.of(c.out()), r.markdown());
        }
        return r;
    }

    @Override
    public String text(ModelBenchmark.Result r) {
        return r.markdown();
    }

    @Override
    public java.util.List<String> outputs(Config c) {
        return c.out() == null ? java.util.List.of() : java.util.List.of(c.out());
    }

    @Override
    public String reportPrefix(Config c) {
        return c.out() == null ? null : c.out() + ".";
    }
}
