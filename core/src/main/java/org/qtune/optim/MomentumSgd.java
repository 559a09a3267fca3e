package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Gradient descent with (heavy-ball) momentum: v = mu v - lr g; x = x + v. Momentum 0 is plain SGD. */
public final class MomentumSgd implements Optimizer {
    private final double learningRate;
    private final double momentum;

    /** Position, velocity, counters. */
    public record State(double[] x, double[] velocity, int iteration, int evaluations, double value,
                        double gradientNorm) implements OptimizerState {
        public State {
            x = x.clone();
            velocity = velocity.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    /** Momentum SGD's states: x, velocity, then iteration, evaluations, value, gradient norm. */
    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("sgd", 1, State.class);
        }

        @Override
        protected void write(State s, DataOutputStream out) throws IOException {
            writeArrays(out, s.x, s.velocity);
            out.writeInt(s.iteration);
            out.writeInt(s.evaluations);
            out.writeDouble(s.value);
            out.writeDouble(s.gradientNorm);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] x = readArray(in), velocity = readArray(in);
            if (velocity.length != x.length) {
                throw new IOException("sgd velocity of length " + velocity.length + " for x of " + x.length);
            }
            return new State(x, velocity, in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
        }
    }

    public MomentumSgd(double learningRate, double momentum) {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("need learningRate > 0 and 0 <= momentum < 1");
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    @Override
    public OptimizerState start(double[] x0) {
        return new State(x0, new double[x0.length], 0, 0, Double.NaN, Double.NaN);
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
        double[] v = s.velocity.clone(), x = s.x.clone();
        for (int i = 0; i < x.length; i++) {
            v[i] = momentum * v[i] - learningRate * g[i];
            x[i] += v[i];
        }
        return new State(x, v, s.iteration + 1, s.evaluations + 1, evaluations.get(0).value(), Vectors.norm(g));
    }
}
