package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import org.qtune.model.MiniLm;

/**
 * {@code embed}: sentence embeddings of texts with a transformer encoder, L2-normalized means of the
 * last hidden states as sentence-transformers makes them. The model: {@code minilm}
 * (all-MiniLM-L6-v2 from its Maven Central jar). Hugging Face model directories are not read yet.
 */
public final class EmbedJob extends Job<EmbedJob.Config, Void, EmbedJob.Report> {
    /**
     * @param model minilm
     * @param texts the texts, one embedding each
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, List<String> texts) implements JobConfig {
        public Config {
            model = model == null ? "minilm" : model;
            if (!model.equals("minilm")) {
                throw new IllegalArgumentException("--model " + model + ": only minilm (all-MiniLM-L6-v2) is built so far; "
                        + "Hugging Face model directories come later");
            }
            if (texts == null || texts.isEmpty()) {
                throw new IllegalArgumentException("give at least one --text");
            }
            texts = List.copyOf(texts);
        }
    }

    public record Report(String model, int dimension, List<float[]> embeddings) {
    }

    public EmbedJob() {
        super("embed", Config.class);
    }

    @Override
    public Void prepare(Config c) {
        return null;
    }

    @Override
    public JobPlan plan(Config c, Void nothing) {
        // the ONNX file's 90 MB of weights, read once as bytes and once as floats
        return JobPlan.local(200L << 20, "all-MiniLM-L6-v2 on " + c.texts().size() + " text(s)");
    }

    @Override
    public Report run(Config c, Void nothing, JobContext context) throws Exception {
        MiniLm m = MiniLm.load();
        List<float[]> out = new ArrayList<>();
        for (String t : c.texts()) {
            out.add(m.embed(t));
        }
        return new Report(c.model(), MiniLm.CONFIG.hidden(), out);
    }
}
