package org.qtune.spark.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.GenerateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune generate}: options to a {@link GenerateJob.Config}; prints the report. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Greedy generation with a Qwen2/Llama-family decoder from a Hugging Face directory.")
final class GenerateCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "a Hugging Face decoder directory (config.json, "
            + "model.safetensors or its sharded index, tokenizer.json)")
    String model;

    @Option(names = "--prompt", description = "the prompt text")
    String prompt;

    @Option(names = "--prompt-ids", split = ",", description = "the prompt as token ids, comma-separated")
    List<Integer> promptIds;

    @Option(names = "--max-new-tokens", description = "tokens to generate at most (default: 32)")
    Integer maxNewTokens;

    @Option(names = "--adapter", description = "a PEFT LoRA adapter directory (adapter_config.json, adapter_model.safetensors)")
    String adapter;

    @Option(names = "--no-stop-at-eos", negatable = false, description = "keep going past the model's end-of-sequence token")
    boolean noStop;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new GenerateJob(),
                new GenerateJob.Config(model, prompt, promptIds, maxNewTokens, adapter, !noStop), dryRun);
    }
}
