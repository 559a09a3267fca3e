package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qtune.spark.bench.BenchMode;
import org.qtune.spark.jobs.BenchJob;
import org.qtune.spark.jobs.ModelBenchJob;
import org.qtune.spark.jobs.QthaBenchJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune bench}: options to a {@link BenchJob.Config}; prints the Markdown report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the simulator: gate bandwidth against a triad probe, the ansatz fused and unfused.")
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--min-qubits", description = "smallest n (default: 20; --batched 10; --small 4)")
    Integer minQubits;

    @Option(names = "--max-qubits", description = "largest n (default: 26; --distributed 24; --batched 20; --small 12)")
    Integer maxQubits;

    @Option(names = "--threads", description = "simulator threads (default: all cores)")
    Integer threads;

    @Option(names = "--repeats", description = "timed runs per figure (default: 5)")
    Integer repeats;

    @Option(names = "--out", description = "also write the report to this file (atomically)")
    Path out;

    @Option(names = "--distributed", description = "benchmark the distributed state vector on Spark instead")
    boolean distributed;

    @Option(names = "--partitions", description = "partitions for --distributed and --batched (default: 4)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master for --distributed (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--no-local", description = "with --distributed, skip the single-node comparison")
    boolean noLocal;

    @Option(names = "--batched", description = "benchmark batched circuit evaluation on Spark instead")
    boolean batched;

    @Option(names = "--batch", description = "circuits per batch for --batched and --small (default: 256)")
    Integer batch;

    @Option(names = "--small", description = "benchmark the batched simulator of small circuits (one thread; the QTHA layer also on --threads) instead")
    boolean small;

    @Option(names = "--model", description = "benchmark a LoRA training step of minilm or qwen2 (a Qwen2-shaped decoder) instead")
    String model;

    @Option(names = "--qtha", description = "benchmark where a QTHA training step's time goes on minilm (LoRA r = 8 "
            + "against QTHA at each of --qubits; circuits' share) instead")
    boolean qtha;

    @Option(names = "--qubits", split = ",", description = "with --qtha: qubit counts (default: 4,6,8)")
    java.util.List<Integer> qubits;

    @Option(names = "--circuit-layers", description = "with --qtha: circuit layers (default: 2)")
    Integer circuitLayers;

    @Option(names = "--workers", description = "with --qtha: workers stepping at once, as Spark's tasks (default: 2)")
    Integer workers;

    @Option(names = "--length", description = "with --model: tokens per sequence (default: 128)")
    Integer length;

    @Option(names = "--lora-rank", description = "with --model: LoRA rank on q and v (default: 8)")
    Integer loraRank;

    @Option(names = "--steps", description = "with --model: timed steps (default: 5)")
    Integer steps;

    @Option(names = "--warmup", description = "with --model: untimed steps first (default: 2)")
    Integer warmup;

    @Option(names = "--select", description = "benchmark the selection solvers instead: QAOA block size "
            + "(--min-qubits..--max-qubits, default 12..20) and annealing against N, on Spark")
    boolean select;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if ((small ? 1 : 0) + (batched ? 1 : 0) + (distributed ? 1 : 0) + (model != null ? 1 : 0) + (qtha ? 1 : 0)
                + (select ? 1 : 0) > 1) {
            throw new IllegalArgumentException("choose one of --small, --batched, --distributed, --model, --qtha and --select");
        }
        if (qtha) {
            return JobCommand.execute(spec, new QthaBenchJob(), new QthaBenchJob.Config(qubits, circuitLayers, null, null,
                    workers, batch, length, warmup, steps, null, out == null ? null : out.toString()), dryRun);
        }
        if (model != null) {
            return JobCommand.execute(spec, new ModelBenchJob(), new ModelBenchJob.Config(model, batch, length, loraRank,
                    warmup, steps, null, out == null ? null : out.toString()), dryRun);
        }
        BenchMode mode = select ? BenchMode.SELECT : small ? BenchMode.SMALL : batched ? BenchMode.BATCHED
                : distributed ? BenchMode.DISTRIBUTED : BenchMode.SIMULATOR;
        BenchJob.Config config = new BenchJob.Config(mode, minQubits, maxQubits, threads, repeats,
                out == null ? null : out.toString(), partitions, master, noLocal, batch);
        return JobCommand.execute(spec, new BenchJob(), config, dryRun);
    }
}
