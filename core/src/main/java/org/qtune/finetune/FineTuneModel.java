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
import org.qtune.adapter.QthaAdapters;
import org.qtune.adapter.QthaConfig;
import org.qtune.model.AdapterSet;
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
 * flat vector: the adapters' parameters (LoRA's module by module, A then B, as {@link LoraAdapters}
 * orders them; a QTHA member's as {@link QthaAdapters} does), then for an encoder the head's
 * weight [classes x hidden] and bias.
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
                       int classes, int maxTokens, long seed, QthaShape qtha) implements Serializable {
        public Spec {
            targets = List.copyOf(targets);
            if (maxTokens < 4) {
                throw new IllegalArgumentException("--max-tokens must be >= 4, got " + maxTokens);
            }
            if (qtha == null) {
                throw new IllegalArgumentException("a spec needs a QTHA shape (QthaShape.DEFAULT when the method has none)");
            }
            if (method.qtha() != null) {
                // a bad shape is an error here, on the driver, before any executor sees it
                qthaConfig(method, qtha, alpha, dropout, targets);
            }
        }

        /** A spec with {@link QthaShape#DEFAULT} (for the methods that are not QTHA's). */
        public Spec(String model, Method method, int rank, double alpha, double dropout, List<String> targets, int classes,
                    int maxTokens, long seed) {
            this(model, method, rank, alpha, dropout, targets, classes, maxTokens, seed, QthaShape.DEFAULT);
        }

        /**
         * The QTHA-family configuration (for a method with {@link Method#qtha()}): the spec's alpha and
         * dropout, the shape's qubits, layers, bottleneck and bond, four MPO modes, the targets named as
         * {@link #lora} names them.
         */
        public QthaConfig qthaConfig(boolean encoder) {
            return qthaConfig(method, qtha, alpha, dropout, targetNames(encoder));
        }

        private static QthaConfig qthaConfig(Method method, QthaShape qtha, double alpha, double dropout,
                                             List<String> targets) {
            return new QthaConfig(method.qtha(), qtha.qubits(), qtha.circuitLayers(), qtha.bottleneck(), qtha.mpoBond(),
                    4, alpha, dropout, targets, qtha.circuitMode());
        }

        /**
         * The LoRA configuration (for {@link Method#LORA}) for an encoder ({@code encoder} true) or a
         * decoder. The short names q, k, v, o and up name the same projections in both families (a
         * BERT's query, key, value, attention.output.dense and intermediate.dense), so one default
         * (q,v) serves both.
         */
        public LoraConfig lora(boolean encoder) {
            return new LoraConfig(rank, alpha, dropout, false, targetNames(encoder));
        }

        private List<String> targetNames(boolean encoder) {
            return encoder ? targets.stream().map(t -> BERT_NAMES.getOrDefault(t.strip(), t.strip())).toList() : targets;
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

    /**
     * The shape of a QTHA-family adapter beyond LoRA's settings: the per-token circuit's qubits (also
     * the adapter's inner width r) and layers, the MPO's bottleneck width and its TT bond rank.
     */
    public record QthaShape(int qubits, int circuitLayers, int bottleneck, int mpoBond, boolean parameterShift,
                            int shots) implements Serializable {
        /** 4 qubits, 2 layers, bottleneck 64, bond 4: the research brief's MiniLM setting (1,600 per 384 x 384 module). */
        public static final QthaShape DEFAULT = new QthaShape(4, 2, 64, 4);

        /** Exact circuits, adjoint gradients. */
        public QthaShape(int qubits, int circuitLayers, int bottleneck, int mpoBond) {
            this(qubits, circuitLayers, bottleneck, mpoBond, false, 0);
        }

        public org.qtune.adapter.CircuitMode circuitMode() {
            return new org.qtune.adapter.CircuitMode(parameterShift, shots);
        }

        /** This shape with its circuits estimated from {@code n} shots (an evaluation's). */
        public QthaShape withShots(int n) {
            return new QthaShape(qubits, circuitLayers, bottleneck, mpoBond, parameterShift, n);
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
        if (spec.method() == Method.QUANTUM_TRAIN) {
            throw new IllegalArgumentException("Quantum-Train's workers run a LoRA model: load it with --method lora and"
                    + " generate its weights with GeneratedLora");
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
        innerParameters = spec.method().adapts() ? newAdapters().parameterCount()
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

    /**
     * The trainable parameters inside the model (the adapters, or all of a fully trained decoder); the
     * head's come after them.
     */
    public int innerParameters() {
        return innerParameters;
    }

    List<Linear> linears() {
        return encoder != null ? encoder.linears() : decoder.linears();
    }

    /**
     * Adapters for this model (LoRA or a QTHA member), initialized from the spec's seed so that the
     * adapted model starts as the base model (LoRA's B = 0, QTHA's last MPO_B core = 0).
     */
    AdapterSet newAdapters() {
        if (spec.method().qtha() != null) {
            return QthaAdapters.create(linears(), spec.qthaConfig(encoder != null), spec.seed());
        }
        return LoraAdapters.create(linears(), spec.lora(encoder != null), spec.seed());
    }

    /** The QTHA adapters of {@code theta} (a QTHA method only): for reports of where the parameters are. */
    public QthaAdapters qthaAdapters() {
        if (spec.method().qtha() == null) {
            throw new IllegalStateException(spec.method().id() + " has no QTHA adapters");
        }
        return (QthaAdapters) newAdapters();
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

    /** Whether the trained update can be written as a PEFT LoRA adapter: LoRA, and QTHA's linear A and AB. */
    public boolean hasLoraForm() {
        return spec.method() == Method.LORA || spec.method() == Method.QTHA_A || spec.method() == Method.QTHA_AB;
    }

    /**
     * Writes the adapter part of {@code theta} as a PEFT LoRA directory ({@code adapter_config.json},
     * {@code adapter_model.safetensors}): LoRA's own pair, or for QTHA's A and AB the same update as a
     * pair of scale 1 ({@link QthaAdapters#asLora}); see {@link #hasLoraForm}.
     */
    public void exportAdapter(double[] theta, Path dir) throws IOException {
        LoraAdapters a;
        if (spec.method() == Method.LORA) {
            a = (LoraAdapters) newAdapters();
            a.setParameters(Arrays.copyOf(theta, innerParameters));
        } else if (hasLoraForm()) {
            QthaAdapters q = (QthaAdapters) newAdapters();
            q.setParameters(Arrays.copyOf(theta, innerParameters));
            a = q.asLora(linears());
        } else {
            throw new IllegalStateException(spec.method().id() + "'s update is not a LoRA pair: nothing to export");
        }
        PeftAdapter.write(dir, a, spec.model().equals("minilm") ? "sentence-transformers/all-MiniLM-L6-v2" : spec.model(),
                decoder != null ? "CAUSAL_LM" : "FEATURE_EXTRACTION");
    }
}
