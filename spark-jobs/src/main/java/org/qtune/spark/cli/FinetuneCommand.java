package org.qtune.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.FinetuneJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune finetune}: options to a {@link FinetuneJob.Config}; prints the report as one JSON line. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune a transformer on a task, data-parallel on Spark: nothing (the baseline), a "
                + "classification head, LoRA adapters, or quantum-weighted (QTHA) adapters. Writes metrics, curves, a report and the adapter to --out.")
final class FinetuneCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "minilm (the bundled all-MiniLM-L6-v2) or a Hugging Face "
            + "directory: an encoder for classification, a decoder for generation")
    String model;

    @Option(names = "--task", required = true, description = "spam-assassin, arithmetic, or jsonl:PATH (rows "
            + "{\"text\", \"label\"} or {\"prompt\", \"answer\"}; a Hadoop path, .jsonl or .parquet)")
    String task;

    @Option(names = "--eval", description = "the held-out test rows of a jsonl: task")
    String eval;

    @Option(names = "--data-dir", description = "where qtune data put the corpora (default: $QTUNE_DATA or "
            + "~/.cache/qtune/data)")
    String dataDir;

    @Option(names = "--method", description = "none, head-only (encoders), lora, or a quantum-weighted adapter of the "
            + "QTHA family: qtha (MPO + per-token circuit + linear fusion), qtha-a (MPO pair only), qtha-ab (no circuit), "
            + "qtha-abd (a SiLU MLP in the circuit's place), qtha-noent (circuit without entanglement), qtha-bc "
            + "(circuit without the MPO) (default: lora)")
    String method;

    @Option(names = "--rank", description = "LoRA rank (default: 8)")
    Integer rank;

    @Option(names = "--alpha", description = "adapter alpha: the update is scaled by alpha / r (default: 2 x r, r the "
            + "rank or the qubits)")
    Double alpha;

    @Option(names = "--dropout", description = "dropout on the adapter's input (default: 0)")
    Double dropout;

    @Option(names = "--targets", split = ",", description = "adapted layers by short name (default: q,v)")
    List<String> targets;

    @Option(names = "--qubits", description = "QTHA: qubits of the per-token circuit, also the adapter's inner width r "
            + "(default: 4)")
    Integer qubits;

    @Option(names = "--circuit-layers", description = "QTHA: layers of the per-token circuit (default: 2)")
    Integer circuitLayers;

    @Option(names = "--bottleneck", description = "QTHA: width the MPO maps to and from (default: 64)")
    Integer bottleneck;

    @Option(names = "--mpo-bond", description = "QTHA: the MPO's tensor-train bond rank (default: 4)")
    Integer mpoBond;

    @Option(names = "--watts-per-core", description = "for the report's energy estimate (default: 10)")
    Double wattsPerCore;

    @Option(names = "--steps", description = "optimizer steps (default: 100)")
    Integer steps;

    @Option(names = "--batch", description = "examples per step (default: 16)")
    Integer batch;

    @Option(names = "--micro-batch", description = "examples per forward and backward pass; a step accumulates "
            + "batch / micro-batch of them (default: min(8, batch))")
    Integer microBatch;

    @Option(names = "--lr", description = "peak learning rate of AdamW (default: 5e-4)")
    Double learningRate;

    @Option(names = "--weight-decay", description = "AdamW's decoupled weight decay (default: 0.01)")
    Double weightDecay;

    @Option(names = "--warmup-steps", description = "linear warm-up steps before the cosine decay (default: steps / 10)")
    Integer warmupSteps;

    @Option(names = "--clip-norm", description = "largest gradient norm (default: 1; 0: no clipping)")
    Double clipNorm;

    @Option(names = "--eval-every", description = "steps between validation evaluations (default: steps / 5)")
    Integer evalEvery;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints in OUT/checkpoints (default: "
            + "--eval-every); a rerun with the same settings resumes from the newest")
    Integer checkpointEvery;

    @Option(names = "--max-tokens", description = "longest tokenized example (default: 128, 64 for generation)")
    Integer maxTokens;

    @Option(names = "--train-size", description = "training examples to keep (the low-data setting; default: all)")
    Integer trainSize;

    @Option(names = "--validation-size", description = "examples cut from the training set for validation (default: 200)")
    Integer validationSize;

    @Option(names = "--test-size", description = "test examples to evaluate, a seeded subset (default: all)")
    Integer testSize;

    @Option(names = "--level", description = "arithmetic difficulty, 1 to 4 (default: 2)")
    Integer level;

    @Option(names = "--seed", description = "the run's seed (default: 0)")
    Long seed;

    @Option(names = "--data-seed", description = "the data's seed: splits and generated problems (default: 0)")
    Long dataSeed;

    @Option(names = "--partitions", description = "Spark partitions of the training data (default: 2)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local mode)")
    String master;

    @Option(names = "--out", required = true, description = "directory for report.json, report.md, metrics.jsonl, "
            + "the curves, checkpoints and the adapter")
    String out;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run "
            + "needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new FinetuneJob(), new FinetuneJob.Config(model, task, eval, dataDir, method, rank,
                alpha, dropout, targets, qubits, circuitLayers, bottleneck, mpoBond, steps, batch, microBatch, learningRate,
                weightDecay, warmupSteps, clipNorm, evalEvery, checkpointEvery, maxTokens, trainSize, validationSize, testSize, level, seed, dataSeed,
                partitions, master, wattsPerCore, out), dryRun);
    }
}
