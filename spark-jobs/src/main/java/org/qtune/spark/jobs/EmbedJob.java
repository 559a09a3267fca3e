package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import org.qtune.model.HfModels;
import org.qtune.model.MiniLm;
import org.qtune.model.SentenceEmbeddings;

/**
 * {@code embed}: sentence embeddings of texts with a transformer encoder, L2-normalized means of the
 * last hidden states as sentence-transformers makes them. The model: {@code minilm}
 * (all-MiniLM-L6-v2 from its Maven Central jar) or a BERT-family Hugging Face directory (bge-small,
 * bert-base, ...) with its tokenizer.json or vocab.txt.
 */
public final class EmbedJob extends Job<EmbedJob.Config, HfModels.Description, EmbedJob.Report> {
    /**
     * @param model minilm or a BERT-family Hugging Face directory
     * @param texts the texts, one embedding each
     * @param maxTokens ids per text at most (default 256, sentence-transformers' for MiniLM; at most
     *                  the model's positions)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String model, List<String> texts, Integer maxTokens) implements JobConfig {
        public Config {
            model = model == null ? Models.MINILM : model;
            maxTokens = maxTokens == null ? MiniLm.MAX_TOKENS : maxTokens;
            if (maxTokens < 2) {
                throw new IllegalArgumentException("--max-tokens must be at least 2, not " + maxTokens);
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
    public HfModels.Description prepare(Config c) throws Exception {
        HfModels.Description d = Models.describe("--model", c.model());
        if (!d.family().equals("encoder")) {
            throw new IllegalArgumentException("--model " + c.model() + " is a " + d.modelType()
                    + " decoder; embed needs a BERT-family encoder");
        }
        return d;
    }

    @Override
    public JobPlan plan(Config c, HfModels.Description d) {
        // MiniLM: the ONNX file's 90 MB of weights, read once as bytes and once as floats
        long bytes = Models.isMiniLm(c.model()) ? 200L << 20 : Models.loadBytes(d);
        return JobPlan.local(bytes, d.modelType() + " encoder (" + d.parameters() + " parameters) on " + c.texts().size()
                + " text(s)");
    }

    @Override
    public Report run(Config c, HfModels.Description d, JobContext context) throws Exception {
        SentenceEmbeddings embedder;
        if (Models.isMiniLm(c.model())) {
            MiniLm m = MiniLm.load();
            embedder = new SentenceEmbeddings(m.encoder(), m.tokenizer(), Math.min(c.maxTokens(), 512));
        } else {
            HfModels.Loaded m = HfModels.load(d.dir());
            if (m.tokenizer() == null) {
                throw new java.io.IOException(d.dir() + " has neither tokenizer.json nor vocab.txt");
            }
            embedder = new SentenceEmbeddings(m.encoder(), m.tokenizer(),
                    Math.min(c.maxTokens(), m.encoder().config().maxPositions()));
        }
        List<float[]> out = new ArrayList<>();
        for (String t : c.texts()) {
            out.add(embedder.embed(t));
        }
        return new Report(c.model(), embedder.dimension(), out);
    }
}
