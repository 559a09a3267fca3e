package org.qtune.finetune;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.adapter.QuantumWeightGenerator;
import org.qtune.model.lora.LoraAdapters;
import org.qtune.model.lora.LoraLinear;

/**
 * Quantum-Train for fine-tuning: every LoRA weight of a LoRA model (its A and B, module by module)
 * made by one {@link QuantumWeightGenerator}, the driver's side of the method. The trainable
 * parameters are the generator's and, for an encoder, the head's; the workers run the LoRA model
 * unchanged at {@link #toModel}(theta) and return dL/d(LoRA weights), which {@link #toParameters}
 * carries back through the generator (one adjoint pass of its circuit per step). Each module's A
 * and B are a weight group with its own scale: A's starts at 1/sqrt(in) (about PEFT's A), B's at
 * zero, so the model starts as the base model and A still gets a gradient through B's scale.
 */
public final class GeneratedLora {
    private final FineTuneModel model;
    private final QuantumWeightGenerator generator;
    private final int lora;
    private final double[] initialScales;

    /**
     * @param model   a LoRA model ({@link Method#LORA}), the one the workers run
     * @param chunk   weights per basis state of the generator's circuit
     * @param layers  layers of the generator's circuit
     * @param width   the mapping network's hidden width
     */
    public GeneratedLora(FineTuneModel model, int chunk, int layers, int width,
                         QuantumWeightGenerator.StateBackend backend) {
        if (model.spec().method() != Method.LORA) {
            throw new IllegalArgumentException("Quantum-Train generates a LoRA model's weights, not " + model.spec()
                    .method().id() + "'s");
        }
        this.model = model;
        LoraAdapters adapters = (LoraAdapters) model.newAdapters();
        this.lora = adapters.parameterCount();
        int[] ends = new int[2 * adapters.modules().size()];
        initialScales = new double[ends.length];
        int at = 0, g = 0;
        for (LoraLinear m : adapters.modules().values()) {
            at += m.a().length;
            ends[g] = at;
            initialScales[g++] = 1 / Math.sqrt(m.in());
            at += m.b().length;
            ends[g] = at;
            initialScales[g++] = 0;
        }
        this.generator = new QuantumWeightGenerator(lora, Math.min(chunk, lora), layers, width, ends, backend);
    }

    public QuantumWeightGenerator generator() {
        return generator;
    }

    /** The generator's parameters and the head's. */
    public int parameterCount() {
        return generator.parameterCount() + headParameters();
    }

    private int headParameters() {
        return model.trainableParameters() - lora;
    }

    /** The generator's initial parameters (from the model's seed), then the head as the LoRA model starts it. */
    public double[] initialParameters() {
        double[] g = generator.initialParameters(new SplittableRandom(model.spec().seed()), initialScales);
        double[] x = Arrays.copyOf(g, parameterCount());
        double[] inner = model.initialParameters();
        System.arraycopy(inner, lora, x, g.length, headParameters());
        return x;
    }

    /** The LoRA model's parameters at theta: the generated LoRA weights, then the head's. */
    public double[] toModel(double[] theta) {
        check(theta);
        int n = generator.parameterCount();
        double[] w = generator.generate(Arrays.copyOf(theta, n));
        double[] x = Arrays.copyOf(w, model.trainableParameters());
        System.arraycopy(theta, n, x, lora, headParameters());
        return x;
    }

    /** dL/dtheta from dL/d(LoRA model parameters) at theta. */
    public double[] toParameters(double[] theta, double[] modelGradient) {
        check(theta);
        int n = generator.parameterCount();
        double[] g = generator.backward(Arrays.copyOf(theta, n), modelGradient);
        double[] out = Arrays.copyOf(g, parameterCount());
        System.arraycopy(modelGradient, lora, out, n, headParameters());
        return out;
    }

    /** The LoRA model's steps seen from theta: sums with the gradient carried back through the generator. */
    public SumSteps wrap(SumSteps inner) {
        return new SumSteps() {
            @Override
            public Sums step(double[] theta, int step) {
                Sums s = inner.step(toModel(theta), step);
                return new Sums(s.lossSum(), s.count(), toParameters(theta, s.gradientView()), s.examples(), s.correct(),
                        s.truePositives(), s.falsePositives(), s.falseNegatives(), s.tokens());
            }

            @Override
            public double lastOverheadSeconds() {
                return inner.lastOverheadSeconds();
            }
        };
    }

    private void check(double[] theta) {
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException(theta.length + " parameters for Quantum-Train's " + parameterCount());
        }
    }
}
