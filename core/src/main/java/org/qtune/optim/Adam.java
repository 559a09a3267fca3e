package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015): one gradient per step; first and second moment estimates with bias
 * correction. Defaults: beta1 0.9, beta2 0.999, epsilon 1e-8.
 */
public final class Adam implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /** Adam's state: position, moments and step count. */
    public record State(double[] x, double[] m, double[] v, int iteration, int evaluations, double value,
                        double gradientNorm) implements OptimizerState {
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

    /** Adam's states: x, m, v, then iteration, evaluations, value, gradient norm. */
    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("adam", 1, State.class);
        }

        @Override
        protected void write(State s, DataOutputStream out) throws IOException {
            writeArrays(out, s.x, s.m, s.v);
            out.writeInt(s.iteration);
            out.writeInt(s.evaluations);
            out.writeDouble(s.value);
            out.writeDouble(s.gradientNorm);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] x = readArray(in), m = readArray(in), v = readArray(in);
            if (m.length != x.length || v.length != x.length) {
                throw new IOException("adam moments of length " + m.length + " and " + v.length + " for x of "
                        + x.length);
            }
            return new State(x, m, v, in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
        }
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("need learningRate > 0, 0 <= beta < 1, epsilon > 0");
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    @Override
    public OptimizerState start(double[] x0) {
        return new State(x0, new double[x0.length], new double[x0.length], 0, 0, Double.NaN, Double.NaN);
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
        int t = s.iteration + 1;
        double[] m = s.m.clone(), v = s.v.clone(), x = s.x.clone();
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < x.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            x[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        }
        return new State(x, m, v, t, s.evaluations + 1, evaluations.get(0).value(), Vectors.norm(g));
    }
}
