package org.qtune.spark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.EmbedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune embed}: options to an {@link EmbedJob.Config}; prints the report. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Sentence embeddings of texts with a transformer encoder (normalized mean pooling).")
final class EmbedCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "minilm (all-MiniLM-L6-v2 from its Maven Central jar; the default) or a "
            + "BERT-family Hugging Face model directory")
    String model;

    @Option(names = "--max-tokens", description = "ids per text at most, longer texts cut (default: 256)")
    Integer maxTokens;

    @Option(names = "--text", description = "a text to embed (repeatable)")
    List<String> texts = new ArrayList<>();

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new EmbedJob(), new EmbedJob.Config(model, texts, maxTokens), dryRun);
    }
}
