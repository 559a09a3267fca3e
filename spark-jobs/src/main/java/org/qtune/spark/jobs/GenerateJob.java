package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qtune.model.DecoderPass;
import org.qtune.model.HfModels;
import org.qtune.model.LinearAdapter;
import org.qtune.model.lora.PeftAdapter;

/**
 * {@code generate}: greedy continuation of a prompt by a decoder from a Hugging Face directory,
 * with a key/value cache, optionally with a PEFT LoRA adapter; stops at the model's end-of-sequence
 * ids unless told not to.
 */
public final class GenerateJob extends Job<GenerateJob.Config, HfModels.Description, GenerateJob.Report> {
    /**
     * @param model a Hugging Face decoder directory (Qwen2, Llama, Mistral)
     * @param prompt the prompt text (tokenized by the directory's tokenizer.json)
     * @param promptIds the prompt as token ids instead
     * @param maxNewTokens how many tokens at most (default 32)
     * @param adapter a PEFT LoRA adapter directory (optional)
     * @param stopAtEos stop at the model's eos_token_id (default true)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, String prompt, List<Integer> promptIds, Integer maxNewTokens, String adapter,
                         Boolean stopAtEos) implements JobConfig {
        public Config {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model is required (a Hugging Face decoder directory)");
            }
            if ((prompt == null) == (promptIds == null || promptIds.isEmpty())) {
                throw new IllegalArgumentException("give exactly one of --prompt and --prompt-ids");
            }
            promptIds = promptIds == null || promptIds.isEmpty() ? null : List.copyOf(promptIds);
            maxNewTokens = maxNewTokens == null ? 32 : maxNewTokens;
            if (maxNewTokens < 0) {
                throw new IllegalArgumentException("--max-new-tokens must be non-negative, not " + maxNewTokens);
            }
            stopAtEos = stopAtEos == null || stopAtEos;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String model, String adapter, int[] promptIds, int[] ids, String text, double seconds,
                         double tokensPerSecond) {
    }

    public GenerateJob() {
        super("generate", Config.class);
    }

    @Override
    public HfModels.Description prepare(Config c) throws Exception {
        if (Models.isMiniLm(c.model())) {
            throw new IllegalArgumentException("--model minilm is an encoder; generate needs a decoder directory");
        }
        HfModels.Description d = HfModels.describe(Models.directory("--model", c.model()));
        if (c.adapter() != null && !java.nio.file.Files.isRegularFile(Path.of(c.adapter(), PeftAdapter.CONFIG))) {
            throw new java.io.IOException("--adapter " + c.adapter() + ": no " + PeftAdapter.CONFIG
                    + " there (not a PEFT adapter directory)");
        }
        if (!d.family().equals("decoder")) {
            throw new IllegalArgumentException("--model " + c.model() + " is a " + d.modelType()
                    + " encoder; generate needs a decoder (qwen2, llama, mistral)");
        }
        return d;
    }

    @Override
    public JobPlan plan(Config c, HfModels.Description d) {
        return JobPlan.local(Models.loadBytes(d), d.modelType() + " decoder, " + d.parameters() + " parameters, up to "
                + c.maxNewTokens() + " new tokens");
    }

    @Override
    public Report run(Config c, HfModels.Description d, JobContext context) throws Exception {
        HfModels.Loaded m = HfModels.load(d.dir());
        int[] prompt;
        if (c.prompt() != null) {
            if (m.tokenizer() == null) {
                throw new IllegalArgumentException(d.dir() + " has no tokenizer.json; give --prompt-ids instead");
            }
            prompt = m.tokenizer().encode(c.prompt());
        } else {
            prompt = c.promptIds().stream().mapToInt(Integer::intValue).toArray();
        }
        Map<String, LinearAdapter> adapters = c.adapter() == null ? Map.of()
                : PeftAdapter.read(Path.of(c.adapter()), m.decoder().linears()).asAdapters();
        int[] eos = c.stopAtEos() ? HfModels.eosTokenIds(d.dir()) : new int[0];
        long start = System.nanoTime();
        int[] ids = new DecoderPass(m.decoder(), adapters).generate(prompt, c.maxNewTokens(),
                id -> Arrays.stream(eos).anyMatch(e -> e == id));
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = m.tokenizer() == null ? null : m.tokenizer().decode(ids);
        return new Report(c.model(), c.adapter(), prompt, ids, text, seconds, ids.length / Math.max(seconds, 1e-9));
    }
}
