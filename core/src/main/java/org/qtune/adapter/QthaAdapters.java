package org.qtune.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.qtune.model.AdapterSet;
import org.qtune.model.Linear;
import org.qtune.model.LinearAdapter;

/**
 * The QTHA-family adapters of one model, one {@link QthaLinear} per targeted linear layer, in the
 * model's layer order; the trainable parameters as one flat vector, module after module, each laid
 * out as {@link QthaLinear} says.
 */
public final class QthaAdapters implements AdapterSet {
    private final QthaConfig config;
    private final Map<String, QthaLinear> modules;

    private QthaAdapters(QthaConfig config, Map<String, QthaLinear> modules) {
        this.config = config;
        this.modules = Collections.unmodifiableMap(modules);
    }

    /**
     * New adapters on every layer the config targets, initialized as {@link QthaLinear#initialize}
     * says, each module from its own stream of {@code seed} by position, so the model starts unchanged.
     */
    public static QthaAdapters create(List<Linear> linears, QthaConfig config, long seed) {
        java.util.Set<String> chosen = new java.util.HashSet<>();
        config.select(linears.stream().map(Linear::shape).toList()).forEach(s -> chosen.add(s.path()));
        Map<String, QthaLinear> modules = new LinkedHashMap<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (Linear lin : linears) {
            if (chosen.contains(lin.path())) {
                QthaLinear m = new QthaLinear(lin.path(), lin.in(), lin.out(), config);
                m.initialize(root.split());
                modules.put(lin.path(), m);
            }
        }
        QthaAdapters a = new QthaAdapters(config, modules);
        // the circuits take their weights from the flat vector, as on every later step
        double[] x = new double[a.parameterCount()];
        a.parameters(x);
        a.setParameters(x);
        return a;
    }

    /**
     * For A and AB, the same update as LoRA adapters of scale 1 (alpha = rank) on the same layers, for
     * PEFT export; {@code linears} are the model's, as given to {@link #create}.
     */
    public org.qtune.model.lora.LoraAdapters asLora(List<Linear> linears) {
        QthaLinear first = modules.values().iterator().next();
        if (!first.isLinear()) {
            throw new IllegalStateException(config.architecture() + "'s update is not a fixed matrix: no LoRA form");
        }
        int rank = first.loraRank();
        org.qtune.model.lora.LoraAdapters lora = org.qtune.model.lora.LoraAdapters.create(linears,
                new org.qtune.model.lora.LoraConfig(rank, rank, config.dropout(), false, config.targets()), 0);
        for (org.qtune.model.lora.LoraLinear m : lora.modules().values()) {
            float[][] ab = modules.get(m.path()).asLora();
            System.arraycopy(ab[0], 0, m.a(), 0, ab[0].length);
            System.arraycopy(ab[1], 0, m.b(), 0, ab[1].length);
        }
        return lora;
    }

    public QthaConfig config() {
        return config;
    }

    /** The adapters by module path, in layer order. */
    public Map<String, QthaLinear> modules() {
        return modules;
    }

    @Override
    public Map<String, LinearAdapter> asAdapters() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    @Override
    public int parameterCount() {
        int n = 0;
        for (QthaLinear m : modules.values()) {
            n += m.parameterCount();
        }
        return n;
    }

    /** The circuits' angles among the parameters. */
    public int circuitParameterCount() {
        return modules.values().stream().mapToInt(QthaLinear::circuitParameterCount).sum();
    }

    /** The MPO cores among the parameters. */
    public int mpoParameterCount() {
        return modules.values().stream().mapToInt(QthaLinear::mpoParameterCount).sum();
    }

    /** Seconds spent in the adapters' passes so far (all modules). */
    public double adapterSeconds() {
        return modules.values().stream().mapToLong(QthaLinear::adapterNanos).sum() / 1e9;
    }

    /** Seconds of those spent simulating circuits. */
    public double circuitSeconds() {
        return modules.values().stream().mapToLong(QthaLinear::circuitNanos).sum() / 1e9;
    }

    @Override
    public void parameters(double[] into) {
        int at = 0;
        for (QthaLinear m : modules.values()) {
            at = m.parameters(into, at);
        }
    }

    @Override
    public void gradients(double[] into) {
        int at = 0;
        for (QthaLinear m : modules.values()) {
            at = m.gradients(into, at);
        }
    }

    @Override
    public void setParameters(double[] from) {
        if (from.length < parameterCount()) {
            throw new IllegalArgumentException(from.length + " values for " + parameterCount() + " adapter parameters");
        }
        int at = 0;
        for (QthaLinear m : modules.values()) {
            at = m.setParameters(from, at);
        }
    }

    @Override
    public void zeroGradients() {
        modules.values().forEach(QthaLinear::zeroGradients);
    }

    @Override
    public void seedDropout(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (QthaLinear m : modules.values()) {
            m.seedDropout(root.nextLong());
        }
    }
}
