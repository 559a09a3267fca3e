package org.qtune.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.ModelInfoJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune model-info}: options to a {@link ModelInfoJob.Config}; prints the report. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "A model's shape and parameter count, and what LoRA of a given rank would train (reads no weights).")
final class ModelInfoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "minilm or a Hugging Face model directory")
    String model;

    @Option(names = "--lora-rank", description = "count LoRA of this rank")
    Integer loraRank;

    @Option(names = "--lora-targets", split = ",", description = "LoRA target modules (default: q,v for decoders, "
            + "query,value for encoders; short names q k v o gate up down)")
    List<String> loraTargets;

    @Option(names = "--dry-run", description = "check everything, print the resolved config, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new ModelInfoJob(), new ModelInfoJob.Config(model, loraRank, loraTargets), dryRun);
    }
}
