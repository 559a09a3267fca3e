package org.qtune.model.lora;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.qtune.model.Linear;
import org.qtune.model.LinearAdapter;

/**
 * The LoRA adapters of one model, one {@link LoraLinear} per targeted linear layer, in the model's
 * layer order; the trainable parameters as one flat vector for the optimizer (per module A then B,
 * row-major).
 */
public final class LoraAdapters implements org.qtune.model.AdapterSet {
    private final LoraConfig config;
    private final Map<String, LoraLinear> modules;

    LoraAdapters(LoraConfig config, Map<String, LoraLinear> modules) {
        this.config = config;
        this.modules = Collections.unmodifiableMap(modules);
    }

    /**
     * New adapters on every linear layer the config targets, initialized as PEFT does: A from
     * Kaiming-uniform with a = sqrt(5) (uniform in +-1/sqrt(in)), B zero, so the model starts
     * unchanged. Each module draws from its own stream of {@code seed}, by position. A target that
     * matches no layer is an IllegalArgumentException listing the layers there are.
     */
    public static LoraAdapters create(List<Linear> linears, LoraConfig config, long seed) {
        Map<String, LoraLinear> modules = new LinkedHashMap<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (Linear lin : matching(linears, config)) {
            SplittableRandom r = root.split();
            float[] a = new float[config.rank() * lin.in()];
            double bound = 1 / Math.sqrt(lin.in());
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((2 * r.nextDouble() - 1) * bound);
            }
            modules.put(lin.path(), new LoraLinear(lin.path(), lin.in(), lin.out(), config.rank(), config.scaling(),
                    config.dropout(), a, new float[lin.out() * config.rank()]));
        }
        return new LoraAdapters(config, modules);
    }

    /** The targeted layers, in order; a target matching nothing is an error. */
    static List<Linear> matching(List<Linear> linears, LoraConfig config) {
        java.util.Set<String> chosen = new java.util.HashSet<>();
        config.select(linears.stream().map(Linear::shape).toList()).forEach(s -> chosen.add(s.path()));
        return linears.stream().filter(l -> chosen.contains(l.path())).toList();
    }

    public LoraConfig config() {
        return config;
    }

    /** The adapters by module path, in layer order. */
    public Map<String, LoraLinear> modules() {
        return modules;
    }

    /** The same adapters typed for a pass. */
    @Override
    public Map<String, LinearAdapter> asAdapters() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** Number of trainable parameters: r (in + out) per module. */
    @Override
    public int parameterCount() {
        int n = 0;
        for (LoraLinear m : modules.values()) {
            n += m.a().length + m.b().length;
        }
        return n;
    }

    /** Copies the parameters into {@code into} (length {@link #parameterCount}). */
    @Override
    public void parameters(double[] into) {
        int at = 0;
        for (LoraLinear m : modules.values()) {
            at = copy(m.a(), into, at);
            at = copy(m.b(), into, at);
        }
    }

    /** Copies the accumulated gradients into {@code into}. */
    @Override
    public void gradients(double[] into) {
        int at = 0;
        for (LoraLinear m : modules.values()) {
            at = copy(m.gradA(), into, at);
            at = copy(m.gradB(), into, at);
        }
    }

    /** Sets the parameters from a flat vector (rounded to float32). */
    @Override
    public void setParameters(double[] from) {
        if (from.length < parameterCount()) {
            throw new IllegalArgumentException(from.length + " values for " + parameterCount() + " LoRA parameters");
        }
        int at = 0;
        for (LoraLinear m : modules.values()) {
            at = paste(from, at, m.a());
            at = paste(from, at, m.b());
        }
    }

    @Override
    public void zeroGradients() {
        modules.values().forEach(LoraLinear::zeroGradients);
    }

    /** Seeds every module's dropout for the next forward from one seed (module by position). */
    @Override
    public void seedDropout(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (LoraLinear m : modules.values()) {
            m.seedDropout(root.nextLong());
        }
    }

    /** The linear layers with each adapter merged into its weight (W + s B A); others as they were. */
    public List<Linear> merge(List<Linear> linears) {
        List<Linear> out = new ArrayList<>(linears.size());
        for (Linear lin : linears) {
            LoraLinear m = modules.get(lin.path());
            out.add(m == null ? lin : lin.withWeight(m.mergedInto(lin.weight())));
        }
        return out;
    }

    private static int copy(float[] src, double[] dst, int at) {
        for (float v : src) {
            dst[at++] = v;
        }
        return at;
    }

    private static int paste(double[] src, int at, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) src[at++];
        }
        return at;
    }
}
