package org.qtune.finetune;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qtune.data.LabeledText;
import org.qtune.data.PromptAnswer;
import org.qtune.data.TaskExample;
import org.qtune.model.Bert;
import org.qtune.model.ClassificationHead;
import org.qtune.model.DecoderGradients;
import org.qtune.model.HfModels;
import org.qtune.model.Linear;
import org.qtune.model.MiniLm;
import org.qtune.model.Qwen2;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraConfig;
import org.qtune.model.lora.PeftAdapter;
import org.qtune.tokenize.Tokenizer;

/**
 * A frozen base model set up for one fine-tuning run: an encoder with a classification head
 * (classification) or a decoder (generation), what the method trains, and the tokenizer. Immutable
 * and shared by every {@link Worker} of a JVM; the trainable parameters live outside it, as one
 * flat vector: the LoRA parameters (module by module, A then B, as {@link LoraAdapters} orders
 * them), then for an encoder the head's weight [classes x hidden] and bias.
 */
public final class FineTuneModel {
    /**
     * Everything a JVM needs to build the same {@link FineTuneModel}: small and serializable, so a
     * driver can ship it to executors, which load the model themselves (once per JVM).
     *
     * @param model     {@code minilm} (the jar's all-MiniLM-L6-v2) or a Hugging Face directory
     * @param classes   number of classes (classification; ignored for a decoder)
     * @param maxTokens the longest tokenized example; longer ones are cut (a classifier keeps the
     *                  start and the final special token, a generator the end of the prompt)
     * @param seed      the seed of the head's and the adapters' initial values
     */
    public record Spec(String model, Method method, int rank, double alpha, double dropout, List<String> targets,
                       int classes, int maxTokens, long seed) implements Serializable {
        public Spec {
            targets = List.copyOf(targets);
            if (maxTokens < 4) {
                throw new IllegalArgumentException("--max-tokens must be >= 4, got " + maxTokens);
            }
        }

        /**
         * The LoRA configuration (for {@link Method#LORA}) for an encoder ({@code encoder} true) or a
         * decoder. The short names q, k, v, o and up name the same projections in both families (a
         * BERT's query, key, value, attention.output.dense and intermediate.dense), so one default
         * (q,v) serves both.
         */
        public LoraConfig lora(boolean encoder) {
            List<String> names = targets;
            if (encoder) {
                names = targets.stream().map(t -> BERT_NAMES.getOrDefault(t.strip(), t.strip())).toList();
            }
            return new LoraConfig(rank, alpha, dropout, false, names);
        }

        public FineTuneModel load() throws IOException {
            return new FineTuneModel(this, model.equals("minilm") ? null : Path.of(model));
        }

        /**
         * Loads the model from {@code dir}, a local copy of what {@link #model()} names (a directory
         * on a Hadoop path, brought to this machine); the spec keeps the name it was given.
         */
        public FineTuneModel loadFrom(Path dir) throws IOException {
            return new FineTuneModel(this, model.equals("minilm") ? null : dir);
        }
    }

    private static final java.util.Map<String, String> BERT_NAMES = java.util.Map.of("q", "query", "k", "key", "v",
            "value", "o", "attention.output.dense", "up", "intermediate.dense");

    private final Spec spec;
    private final Bert encoder;
    private final Qwen2 decoder;
    private final Tokenizer tokenizer;
    private final int[] endIds;
    private final int padId;
    private final int innerParameters;
    private final int headParameters;

    private FineTuneModel(Spec spec, Path dir) throws IOException {
        this.spec = spec;
        if (dir == null) {
            MiniLm m = MiniLm.load();
            encoder = m.encoder();
            decoder = null;
            tokenizer = m.tokenizer();
            endIds = new int[0];
        } else {
            HfModels.Loaded loaded = HfModels.load(dir);
            if (loaded.tokenizer() == null) {
                throw new IllegalArgumentException(dir + ": no tokenizer.json (or vocab.txt) to read the task's text with");
            }
            encoder = loaded.encoder();
            decoder = loaded.decoder();
            tokenizer = loaded.tokenizer();
            endIds = decoder != null ? HfModels.eosTokenIds(dir) : new int[0];
        }
        if (decoder != null && spec.method() == Method.HEAD_ONLY) {
            throw new IllegalArgumentException("--method head-only trains a classification head: it needs an encoder, and "
                    + spec.model() + " is a decoder");
        }
        if (encoder != null && spec.method() == Method.FULL) {
            throw new IllegalArgumentException("full-parameter training is for decoders; " + spec.model() + " is an encoder");
        }
        if (encoder != null && spec.classes() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + spec.classes());
        }
        if (decoder != null && endIds.length == 0) {
            throw new IllegalArgumentException(spec.model() + ": no eos_token_id in config.json or generation_config.json;"
                    + " a generator needs one to end its answers");
        }
        padId = decoder != null ? endIds[0] : 0;
        innerParameters = spec.method() == Method.LORA ? newAdapters().parameterCount()
                : spec.method() == Method.FULL ? Math.toIntExact(decoder.parameters()) : 0;
        headParameters = encoder != null && spec.method() != Method.NONE ? spec.classes() * encoder.config().hidden()
                + spec.classes() : 0;
    }

    public Spec spec() {
        return spec;
    }

    /** True for a generator (decoder), false for a classifier (encoder). */
    public boolean generates() {
        return decoder != null;
    }

    public Bert encoder() {
        return encoder;
    }

    public Qwen2 decoder() {
        return decoder;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    int padId() {
        return padId;
    }

    int[] endIds() {
        return endIds.clone();
    }

    /** Parameters of the frozen base model. */
    public long baseParameters() {
        return encoder != null ? encoder.parameters() : decoder.parameters();
    }

    /** Length of the trainable parameter vector. */
    public int trainableParameters() {
        return innerParameters + headParameters;
    }

    /** The trainable parameters inside the model (LoRA adapters, or all of a fully trained decoder); the head comes after them. */
    int innerParameters() {
        return innerParameters;
    }

    List<Linear> linears() {
        return encoder != null ? encoder.linears() : decoder.linears();
    }

    /** Adapters for this model, initialized from the spec's seed as PEFT does (B = 0). */
    LoraAdapters newAdapters() {
        return LoraAdapters.create(linears(), spec.lora(encoder != null), spec.seed());
    }

    /** The head as initialized from the spec's seed (the unadapted classifier's head for {@link Method#NONE}). */
    ClassificationHead newHead() {
        return ClassificationHead.initialized(encoder.config().hidden(), spec.classes(), spec.seed() ^ 0x5DEECE66DL);
    }

    /** The trainable parameters before training. */
    public double[] initialParameters() {
        if (spec.method() == Method.FULL) {
            return DecoderGradients.parameters(decoder);
        }
        double[] x = new double[trainableParameters()];
        if (innerParameters > 0) {
            newAdapters().parameters(x);
        }
        if (headParameters > 0) {
            ClassificationHead h = newHead();
            int at = innerParameters;
            for (float v : h.weight()) {
                x[at++] = v;
            }
            for (float v : h.bias()) {
                x[at++] = v;
            }
        }
        return x;
    }

    /** The example as this model's token ids; a label outside the classes or a decoder given a labelled text is refused. */
    public TokenizedExample tokenize(TaskExample example) {
        int max = spec.maxTokens();
        if (example instanceof LabeledText t) {
            if (decoder != null) {
                throw new IllegalArgumentException(t.id() + ": a text with a label needs an encoder (classification); "
                        + spec.model() + " is a decoder");
            }
            if (t.label() >= spec.classes()) {
                throw new IllegalArgumentException(t.id() + ": label " + t.label() + " is not one of the " + spec.classes()
                        + " classes");
            }
            int[] ids = tokenizer.encode(t.text());
            if (ids.length > max) {
                int last = ids[ids.length - 1];
                ids = Arrays.copyOf(ids, max);
                ids[max - 1] = last;
            }
            return new TokenizedExample(ids, t.label(), -1, null);
        }
        PromptAnswer p = (PromptAnswer) example;
        if (decoder == null) {
            throw new IllegalArgumentException(p.id() + ": a prompt with an answer needs a decoder (generation); "
                    + spec.model() + " is an encoder");
        }
        int[] prompt = tokenizer.encode(p.prompt()), answer = tokenizer.encode(p.answer());
        int answerLength = answer.length + 1;
        if (answerLength >= max) {
            throw new IllegalArgumentException(p.id() + ": the answer alone takes " + answerLength + " tokens, more than"
                    + " --max-tokens " + max + " allows with a prompt");
        }
        if (prompt.length == 0) {
            throw new IllegalArgumentException(p.id() + ": the prompt is empty");
        }
        int keep = Math.min(prompt.length, max - answerLength);
        int[] ids = new int[keep + answerLength];
        System.arraycopy(prompt, prompt.length - keep, ids, 0, keep);
        System.arraycopy(answer, 0, ids, keep, answer.length);
        ids[ids.length - 1] = endIds[0];
        return new TokenizedExample(ids, -1, keep, p.answer());
    }

    /** Tokenizes every example. */
    public List<TokenizedExample> tokenizeAll(List<? extends TaskExample> examples) {
        List<TokenizedExample> out = new ArrayList<>(examples.size());
        for (TaskExample e : examples) {
            out.add(tokenize(e));
        }
        return out;
    }

    /** A worker of its own for one thread. */
    public Worker newWorker() {
        return new Worker(this);
    }

    /**
     * Writes a fully trained decoder ({@link Method#FULL}) with parameters {@code theta} as a Hugging
     * Face directory: config.json, generation_config.json, model.safetensors (float32) and the base
     * directory's tokenizer.json, each file written atomically.
     */
    public void exportModel(double[] theta, Path dir) throws IOException {
        if (spec.method() != Method.FULL) {
            throw new IllegalStateException("only --method full trains a whole model to export");
        }
        Qwen2 trained = decoder.copy();
        DecoderGradients.setParameters(trained, theta);
        java.nio.file.Files.createDirectories(dir);
        int eos = endIds[0];
        org.qtune.io.AtomicFiles.writeString(dir.resolve("config.json"), trained.config().toHuggingFace(eos)
                .toPrettyString() + "\n");
        org.qtune.io.AtomicFiles.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": " + eos
                + ", \"bos_token_id\": " + eos + ", \"do_sample\": false}\n");
        org.qtune.model.format.Safetensors.write(dir.resolve("model.safetensors"), trained.tensors(),
                java.util.Map.of("format", "pt"), org.qtune.model.format.DType.F32);
        Path tokenizer = Path.of(spec.model()).resolve("tokenizer.json");
        if (!tokenizer.toAbsolutePath().equals(dir.resolve("tokenizer.json").toAbsolutePath())) {
            org.qtune.io.AtomicFiles.write(dir.resolve("tokenizer.json"), java.nio.file.Files.readAllBytes(tokenizer));
        }
    }

    /**
     * Writes the LoRA part of {@code theta} as a PEFT adapter directory ({@code adapter_config.json},
     * {@code adapter_model.safetensors}); {@link Method#LORA} only.
     */
    public void exportAdapter(double[] theta, Path dir) throws IOException {
        if (spec.method() != Method.LORA) {
            throw new IllegalStateException("only --method lora has an adapter to export");
        }
        LoraAdapters a = newAdapters();
        a.setParameters(Arrays.copyOf(theta, innerParameters));
        PeftAdapter.write(dir, a, spec.model().equals("minilm") ? "sentence-transformers/all-MiniLM-L6-v2" : spec.model(),
                decoder != null ? "CAUSAL_LM" : "FEATURE_EXTRACTION");
    }
}
