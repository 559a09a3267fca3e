package org.qtune.spark.cli;

import java.util.concurrent.Callable;
import org.qtune.spark.jobs.PretrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune pretrain}: options to a {@link PretrainJob.Config}; prints the report. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pre-train a small Qwen2-architecture decoder from scratch on the text of qtune data pretrain-text "
                + "and generated arithmetic, data-parallel on Spark; saved in Hugging Face layout.")
final class PretrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "the model directory to write")
    String out;

    @Option(names = "--data-dir", description = "where qtune data pretrain-text put the text (default: $QTUNE_DATA or "
            + "~/.cache/qtune/data)")
    String dataDir;

    @Option(names = "--vocab", description = "BPE vocabulary size (default: 2048)")
    Integer vocab;

    @Option(names = "--hidden", description = "hidden width (default: 256)")
    Integer hidden;

    @Option(names = "--layers", description = "decoder layers (default: 4)")
    Integer layers;

    @Option(names = "--heads", description = "attention heads (default: 4)")
    Integer heads;

    @Option(names = "--kv-heads", description = "key/value heads (default: 2)")
    Integer kvHeads;

    @Option(names = "--intermediate", description = "SwiGLU width (default: 704)")
    Integer intermediate;

    @Option(names = "--context", description = "tokens per training window (default: 128)")
    Integer context;

    @Option(names = "--max-chars", description = "characters read from each text source at most (default: 3000000)")
    Integer maxChars;

    @Option(names = "--arithmetic-share", description = "share of the corpus that is arithmetic problems (default: 0.25)")
    Double arithmeticShare;

    @Option(names = "--steps", description = "optimizer steps (default: 1000)")
    Integer steps;

    @Option(names = "--batch", description = "windows per step (default: 16)")
    Integer batch;

    @Option(names = "--micro-batch", description = "windows per forward and backward pass (default: min(8, batch))")
    Integer microBatch;

    @Option(names = "--lr", description = "peak learning rate of AdamW (default: 2e-3)")
    Double learningRate;

    @Option(names = "--weight-decay", description = "AdamW's decoupled weight decay (default: 0.1)")
    Double weightDecay;

    @Option(names = "--warmup-steps", description = "linear warm-up steps (default: steps / 20)")
    Integer warmupSteps;

    @Option(names = "--clip-norm", description = "largest gradient norm (default: 1)")
    Double clipNorm;

    @Option(names = "--eval-every", description = "steps between validation losses (default: steps / 10)")
    Integer evalEvery;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default: --eval-every)")
    Integer checkpointEvery;

    @Option(names = "--validation-windows", description = "windows held out for the validation loss (default: 64)")
    Integer validationWindows;

    @Option(names = "--seed", description = "the run's seed (default: 0)")
    Long seed;

    @Option(names = "--partitions", description = "Spark partitions of the training windows (default: 2)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local mode)")
    String master;

    @Option(names = "--dry-run", description = "check the options, print the resolved config and the memory, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new PretrainJob(), new PretrainJob.Config(dataDir, out, vocab, hidden, layers,
                heads, kvHeads, intermediate, context, maxChars, arithmeticShare, steps, batch, microBatch, learningRate,
                weightDecay, warmupSteps, clipNorm, evalEvery, checkpointEvery, validationWindows, seed, partitions,
                master), dryRun);
    }
}
