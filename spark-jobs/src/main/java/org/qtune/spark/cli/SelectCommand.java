package org.qtune.spark.cli;

import java.util.concurrent.Callable;
import org.qtune.spark.jobs.SelectJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune select}: options to a {@link SelectJob.Config}; prints the report. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Choose k training examples: relevance to the task against redundancy, over sentence embeddings, "
                + "by QAOA, annealing or a classical baseline; writes the chosen rows as JSON lines.")
final class SelectCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", description = "the candidates: JSON lines or Parquet of {text, label} or {prompt, answer} "
            + "rows, any Hadoop path")
    String data;

    @Option(names = "--k", description = "examples to choose")
    Integer k;

    @Option(names = "--method", description = "qubo-qaoa, qubo-anneal, random, kcenter, facility, greedy, or exact (brute "
            + "force, for small problems)")
    String method;

    @Option(names = "--anchor", description = "examples whose mean embedding is the task anchor (default: the candidates')")
    String anchor;

    @Option(names = "--alpha", description = "weight of relevance against redundancy, in [0, 1] (default: 0.5)")
    Double alpha;

    @Option(names = "--threshold", description = "redundancies below it count as 0 (default: 0)")
    Double threshold;

    @Option(names = "--no-by-label", negatable = false, description = "one problem over all rows of labelled data "
            + "(default: one per label, quotas proportional to the label counts)")
    boolean noByLabel;

    @Option(names = "--validation-size", description = "leave out the validation rows finetune cuts from this file "
            + "with the same --data-seed (default: 0, none)")
    Integer validationSize;

    @Option(names = "--data-seed", description = "the seed of that validation split (default: 0)")
    Long dataSeed;

    @Option(names = "--seed", description = "the selection's seed (default: 0)")
    Long seed;

    @Option(names = "--model", description = "encoder for the embeddings: minilm (default) or a BERT-family Hugging Face "
            + "model directory")
    String model;

    @Option(names = "--max-tokens", description = "tokens embedded per example (default: 128)")
    Integer maxTokens;

    @Option(names = "--block", description = "qubo-qaoa: qubits per block (default: 12, at most 24)")
    Integer block;

    @Option(names = "--depth", description = "qubo-qaoa: QAOA layers p (default: 3)")
    Integer depth;

    @Option(names = "--mixer", description = "qubo-qaoa: xy (from a Dicke state; the default) or penalty")
    String mixer;

    @Option(names = "--starts", description = "qubo-qaoa: starting points per block (default: 4)")
    Integer starts;

    @Option(names = "--refine-rounds", description = "qubo-qaoa: refinement rounds after the blocks (default: 20)")
    Integer refineRounds;

    @Option(names = "--restarts", description = "qubo-anneal: restarts, run on the executors (default: 4)")
    Integer restarts;

    @Option(names = "--sweeps", description = "qubo-anneal: sweeps of N proposals per restart (default: 200)")
    Integer sweeps;

    @Option(names = "--partitions", description = "Spark partitions (default: 2)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--embedding-cache", description = "a folder that keeps the embeddings between runs over the same "
            + "rows (keyed by encoder, token limit and the rows' text)")
    String embeddingCache;

    @Option(names = "--out", description = "the chosen rows, JSON lines in input order (written atomically; "
            + "OUT.report.json and OUT.report.md beside it)")
    String out;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new SelectJob(), new SelectJob.Config(data, anchor, k, method, alpha, threshold,
                noByLabel ? Boolean.FALSE : null, validationSize, dataSeed, seed, model, maxTokens, block, depth, mixer,
                starts, refineRounds, restarts, sweeps, partitions, master, embeddingCache, out), dryRun);
    }
}
