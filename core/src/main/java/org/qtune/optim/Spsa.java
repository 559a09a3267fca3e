package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simultaneous perturbation stochastic approximation (Spall, 1992/1998): each step estimates the
 * gradient from two evaluations at x +- c_k Delta (Delta a random +-1 vector), averaged over
 * {@code resamplings} perturbations, and moves x by -a_k times the estimate, with the standard gain
 * sequences a_k = a / (k + 1 + A)^alpha, c_k = c / (k + 1)^gamma (alpha 0.602, gamma 0.101). With
 * {@code a} unset, the first ask calibrates it so that the first step moves each coordinate by about
 * {@code targetStep} (the usual calibration: from the mean magnitude of {@code calibrationSamples}
 * gradient estimates); the first step's own points go out in that same ask, since they do not depend
 * on the gain, so calibration costs no extra evaluation round (no extra Spark job). Perturbations are drawn from the seed and the step number only, so a run is
 * reproducible and can resume from any state.
 */
public final class Spsa implements Optimizer {
    private final double a;
    private final double c;
    private final double stability;
    private final double alpha;
    private final double gamma;
    private final int resamplings;
    private final double targetStep;
    private final int calibrationSamples;
    private final long seed;

    /** SPSA's state: position, the step gain a (NaN until calibrated), counters. */
    public record State(double[] x, double gainA, int iteration, int evaluations, double value,
                        double gradientNorm) implements OptimizerState {
        public State {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    /** SPSA's states: x, the gain a, then iteration, evaluations, value, gradient-estimate norm. */
    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("spsa", 1, State.class);
        }

        @Override
        protected void write(State s, DataOutputStream out) throws IOException {
            writeArrays(out, s.x);
            out.writeDouble(s.gainA);
            out.writeInt(s.iteration);
            out.writeInt(s.evaluations);
            out.writeDouble(s.value);
            out.writeDouble(s.gradientNorm);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] x = readArray(in);
            return new State(x, in.readDouble(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
        }
    }

    /** Calibrated gain, one perturbation per step, c = 0.1, A = 0, first step about 0.1. */
    public static Spsa calibrated(long seed) {
        return new Spsa(Double.NaN, 0.1, 0, 0.602, 0.101, 1, 0.1, 20, seed);
    }

    public Spsa(double a, double c, double stability, double alpha, double gamma, int resamplings, double targetStep,
                int calibrationSamples, long seed) {
        if (!(c > 0) || stability < 0 || resamplings < 1 || calibrationSamples < 1 || !(targetStep > 0)
                || !(Double.isNaN(a) || a > 0)) {
            throw new IllegalArgumentException("bad SPSA settings");
        }
        this.a = a;
        this.c = c;
        this.stability = stability;
        this.alpha = alpha;
        this.gamma = gamma;
        this.resamplings = resamplings;
        this.targetStep = targetStep;
        this.calibrationSamples = calibrationSamples;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "spsa";
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    @Override
    public OptimizerState start(double[] x0) {
        return new State(x0, a, 0, 0, Double.NaN, Double.NaN);
    }

    /** The perturbation of step k (k = -1 for calibration), sample r: +-1 per coordinate. */
    double[] perturbation(int dim, int k, int r) {
        // mixed, not added: seed + counter * (SplittableRandom's own increment) made every sample a
        // shifted copy of the first
        SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, 0x5B5A_0000_0000L, (long) (k + 1) * 1_000_003L + r + 1));
        double[] d = new double[dim];
        for (int i = 0; i < dim; i++) {
            d[i] = rnd.nextBoolean() ? 1 : -1;
        }
        return d;
    }

    private double ck(int k) {
        return c / Math.pow(k + 1, gamma);
    }

    @Override
    public List<EvaluationRequest> ask(OptimizerState state) {
        State s = (State) state;
        List<EvaluationRequest> out = new ArrayList<>();
        if (Double.isNaN(s.gainA)) {
            // the calibration's points and the first step's go out together: one evaluation round, not two
            perturbed(s.x, -1, c, calibrationSamples, out);
            perturbed(s.x, 0, ck(0), resamplings, out);
        } else {
            perturbed(s.x, s.iteration, ck(s.iteration), resamplings, out);
        }
        return out;
    }

    private void perturbed(double[] x, int k, double ck, int samples, List<EvaluationRequest> out) {
        for (int r = 0; r < samples; r++) {
            double[] d = perturbation(x.length, k, r);
            out.add(new EvaluationRequest(Vectors.axpy(x, ck, d), false));
            out.add(new EvaluationRequest(Vectors.axpy(x, -ck, d), false));
        }
    }

    @Override
    public OptimizerState tell(OptimizerState state, List<Evaluation> evaluations) {
        State s = (State) state;
        checkTell(s, ask(s), evaluations);
        if (Double.isNaN(s.gainA)) {
            int split = 2 * calibrationSamples;
            double meanMagnitude = 0;
            for (int r = 0; r < calibrationSamples; r++) {
                meanMagnitude += Math.abs(evaluations.get(2 * r).value() - evaluations.get(2 * r + 1).value())
                        / (2 * c) / calibrationSamples;
            }
            double gain = meanMagnitude > 0 ? targetStep * Math.pow(stability + 1, alpha) / meanMagnitude : targetStep;
            return step(new State(s.x, gain, 0, s.evaluations + split, s.value, s.gradientNorm),
                    evaluations.subList(split, evaluations.size()));
        }
        return step(s, evaluations);
    }

    /** Step k = s.iteration from its 2 * resamplings perturbed values. */
    private State step(State s, List<Evaluation> evaluations) {
        int dim = s.x.length;
        int k = s.iteration;
        double ck = ck(k);
        double[] g = new double[dim];
        double value = 0;
        for (int r = 0; r < resamplings; r++) {
            double fp = evaluations.get(2 * r).value(), fm = evaluations.get(2 * r + 1).value();
            double slope = (fp - fm) / (2 * ck);
            value += (fp + fm) / (2 * resamplings);
            double[] d = perturbation(dim, k, r);
            for (int i = 0; i < dim; i++) {
                g[i] += slope * d[i] / resamplings;
            }
        }
        double ak = s.gainA / Math.pow(k + 1 + stability, alpha);
        return new State(Vectors.axpy(s.x, -ak, g), s.gainA, s.iteration + 1, s.evaluations + evaluations.size(),
                value, Vectors.norm(g));
    }
}
