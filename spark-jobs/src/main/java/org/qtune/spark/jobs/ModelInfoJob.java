package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.qtune.model.HfModels;
import org.qtune.model.Linear;
import org.qtune.model.lora.LoraConfig;

/**
 * {@code model-info}: what a model is and how many parameters LoRA would train on it, from its
 * config and safetensors headers alone (no weight is read, so it works for models larger than the heap).
 */
public final class ModelInfoJob extends Job<ModelInfoJob.Config, HfModels.Description, ModelInfoJob.Report> {
    /**
     * @param model minilm or a Hugging Face model directory
     * @param loraRank LoRA rank (null: no LoRA count)
     * @param loraTargets LoRA target modules (default q, v for decoders; query, value for encoders)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, Integer loraRank, List<String> loraTargets) implements JobConfig {
        public Config {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("--model is required (minilm or a Hugging Face model directory)");
            }
            if (loraRank != null && loraRank < 1) {
                throw new IllegalArgumentException("--lora-rank must be at least 1, not " + loraRank);
            }
            loraTargets = loraTargets == null || loraTargets.isEmpty() ? null : List.copyOf(loraTargets);
        }
    }

    /** LoRA's count on the model. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Lora(int rank, List<String> targets, int modules, long trainableParameters, double trainablePercent) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String model, String modelType, String family, int layers, int hidden, int vocab,
                         long parameters, long float32Bytes, int linearLayers, Lora lora) {
    }

    public ModelInfoJob() {
        super("model-info", Config.class);
    }

    @Override
    public HfModels.Description prepare(Config c) throws Exception {
        return Models.describe("--model", c.model());
    }

    @Override
    public JobPlan plan(Config c, HfModels.Description d) {
        return JobPlan.local(16L << 20, d.modelType() + " " + d.family() + ", " + d.parameters() + " parameters");
    }

    @Override
    public Report run(Config c, HfModels.Description d, JobContext context) {
        Lora lora = null;
        if (c.loraRank() != null) {
            List<String> targets = c.loraTargets() != null ? c.loraTargets()
                    : d.family().equals("encoder") ? List.of("query", "value") : List.of("q", "v");
            LoraConfig lc = new LoraConfig(c.loraRank(), 2.0 * c.loraRank(), 0, false, targets);
            List<Linear.Shape> chosen = lc.select(d.linears());
            long trainable = lc.trainableParameters(d.linears());
            lora = new Lora(lc.rank(), lc.targets(), chosen.size(), trainable, 100.0 * trainable / d.parameters());
        }
        return new Report(c.model(), d.modelType(), d.family(), d.layers(), d.hidden(), d.vocab(), d.parameters(),
                d.floatBytes(), d.linears().size(), lora);
    }
}
