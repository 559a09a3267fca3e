package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's {@code AdamW} and the
 * Hugging Face trainer run it, with the two things fine-tuning adds around it: gradient clipping by
 * global norm (the gradient is scaled by {@code clipNorm / (|g| + 1e-6)} when that is below 1, as
 * {@code torch.nn.utils.clip_grad_norm_} does) and a {@link LearningRateSchedule}. Step t, with
 * lr_t = lr x schedule(t):
 *
 * <pre>
 * x  = x - lr_t wd x
 * m  = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 * x  = x - lr_t (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * With weight decay 0, no clipping and a constant schedule it is {@link Adam} (tested so). The
 * state's gradient norm is the norm before clipping (what a progress line should show).
 */
public final class AdamW implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double clipNorm;
    private final LearningRateSchedule schedule;

    /** AdamW's state: position, moments, step count, and the learning rate of the last step. */
    public record State(double[] x, double[] m, double[] v, int iteration, int evaluations, double value,
                        double gradientNorm, double lastLearningRate) implements OptimizerState {
        public State {
            x = x.clone();
            m = m.clone();
            v = v.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("adamw", 1, State.class);
        }

        @Override
        protected void write(State s, DataOutputStream out) throws IOException {
            writeArrays(out, s.x, s.m, s.v);
            out.writeInt(s.iteration);
            out.writeInt(s.evaluations);
            out.writeDouble(s.value);
            out.writeDouble(s.gradientNorm);
            out.writeDouble(s.lastLearningRate);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] x = readArray(in), m = readArray(in), v = readArray(in);
            if (m.length != x.length || v.length != x.length) {
                throw new IOException("adamw moments of length " + m.length + " and " + v.length + " for x of "
                        + x.length);
            }
            return new State(x, m, v, in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble());
        }
    }

    /**
     * @param clipNorm the largest global gradient norm a step uses (0 or infinity: no clipping)
     */
    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, double clipNorm,
                 LearningRateSchedule schedule) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("need learning rate > 0, 0 <= beta < 1, epsilon > 0");
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw new IllegalArgumentException("weight decay and the clipping norm must be >= 0, got " + weightDecay
                    + " and " + clipNorm);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.schedule = schedule;
    }

    /** PyTorch's defaults for the rest: betas 0.9 and 0.999, epsilon 1e-8. */
    public AdamW(double learningRate, double weightDecay, double clipNorm, LearningRateSchedule schedule) {
        this(learningRate, 0.9, 0.999, 1e-8, weightDecay, clipNorm, schedule);
    }

    @Override
    public String name() {
        return "adamw";
    }

    /** The settings, for a run's fingerprint. */
    public String settings() {
        return "lr=" + learningRate + " betas=" + beta1 + "," + beta2 + " eps=" + epsilon + " wd=" + weightDecay
                + " clip=" + clipNorm + " schedule=" + schedule;
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    @Override
    public OptimizerState start(double[] x0) {
        return new State(x0, new double[x0.length], new double[x0.length], 0, 0, Double.NaN, Double.NaN, 0);
    }

    @Override
    public List<EvaluationRequest> ask(OptimizerState state) {
        return List.of(new EvaluationRequest(((State) state).x, true));
    }

    @Override
    public OptimizerState tell(OptimizerState state, List<Evaluation> evaluations) {
        State s = (State) state;
        checkTell(s, ask(s), evaluations);
        double[] g = evaluations.get(0).gradient();
        double norm = Vectors.norm(g);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("the gradient of step " + (s.iteration + 1) + " is not finite (norm "
                    + norm + "): lower the learning rate or check the data");
        }
        double clip = clipNorm > 0 && Double.isFinite(clipNorm) ? Math.min(1, clipNorm / (norm + 1e-6)) : 1;
        int t = s.iteration + 1;
        double lr = learningRate * schedule.factor(t);
        double[] m = s.m.clone(), v = s.v.clone(), x = s.x.clone();
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < x.length; i++) {
            double gi = g[i] * clip;
            x[i] -= lr * weightDecay * x[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            x[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
        return new State(x, m, v, t, s.evaluations + 1, evaluations.get(0).value(), norm, lr);
    }
}
