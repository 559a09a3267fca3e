package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal, 1980) with a backtracking Armijo line search, as an ask/tell state
 * machine: each ask is one point with its gradient; a step is accepted when the sufficient-decrease
 * condition holds, else the trial step is halved. The last {@code memory} (s, y) pairs with
 * y.s &gt; 0 shape the direction (two-loop recursion); a direction that is not a descent direction
 * resets the history.
 */
public final class Lbfgs implements Optimizer {
    private static final double ARMIJO = 1e-4;
    private final int memory;

    /** Position, value and gradient there, history, the trial step in progress. */
    public record State(double[] x, double value, double[] g, List<double[]> s, List<double[]> y, double[] direction,
                        double step, int iteration, int evaluations, double gradientNorm, boolean stalled)
            implements OptimizerState {
        public State {
            x = x.clone();
            s = List.copyOf(s);
            y = List.copyOf(y);
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        boolean initialized() {
            return g != null;
        }
    }

    /**
     * L-BFGS states: x, g, direction (empty before the first gradient), whether there is a gradient,
     * the value, the (s, y) pairs (count, then each pair), the trial step, iteration, evaluations,
     * gradient norm, stalled.
     */
    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("lbfgs", 1, State.class);
        }

        @Override
        protected void write(State l, DataOutputStream out) throws IOException {
            writeArrays(out, l.x, l.g == null ? new double[0] : l.g, l.direction == null ? new double[0] : l.direction);
            out.writeBoolean(l.g != null);
            out.writeDouble(l.value);
            out.writeInt(l.s.size());
            for (int i = 0; i < l.s.size(); i++) {
                writeArrays(out, l.s.get(i), l.y.get(i));
            }
            out.writeDouble(l.step);
            out.writeInt(l.iteration);
            out.writeInt(l.evaluations);
            out.writeDouble(l.gradientNorm);
            out.writeBoolean(l.stalled);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] x = readArray(in), g = readArray(in), d = readArray(in);
            boolean initialized = in.readBoolean();
            if (initialized ? g.length != x.length || d.length != x.length : g.length != 0 || d.length != 0) {
                throw new IOException("lbfgs gradient and direction of length " + g.length + " and " + d.length
                        + " for x of " + x.length);
            }
            double value = in.readDouble();
            int h = in.readInt();
            if (h < 0 || h > in.available()) {
                throw new IOException("bad lbfgs history size " + h);
            }
            List<double[]> s = new ArrayList<>(), y = new ArrayList<>();
            for (int i = 0; i < h; i++) {
                s.add(readArray(in));
                y.add(readArray(in));
            }
            double step = in.readDouble();
            return new State(x, value, initialized ? g : null, s, y, initialized ? d : null, step, in.readInt(),
                    in.readInt(), in.readDouble(), in.readBoolean());
        }
    }

    public Lbfgs() {
        this(10);
    }

    public Lbfgs(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be >= 1");
        }
        this.memory = memory;
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    @Override
    public OptimizerState start(double[] x0) {
        return new State(x0, Double.NaN, null, List.of(), List.of(), null, 0, 0, 0, Double.NaN, false);
    }

    @Override
    public List<EvaluationRequest> ask(OptimizerState state) {
        State st = (State) state;
        return List.of(new EvaluationRequest(st.initialized() ? Vectors.axpy(st.x, st.step, st.direction) : st.x, true));
    }

    @Override
    public OptimizerState tell(OptimizerState state, List<Evaluation> evaluations) {
        State st = (State) state;
        checkTell(st, ask(st), evaluations);
        Evaluation e = evaluations.get(0);
        double[] gNew = e.gradient();
        int evals = st.evaluations + 1;
        if (!st.initialized()) {
            double[] d = Vectors.scale(gNew, -1);
            double gn = Vectors.norm(gNew);
            return new State(st.x, e.value(), gNew, List.of(), List.of(), d, gn > 0 ? Math.min(1, 1 / gn) : 1, 0, evals, gn,
                    gn == 0);
        }
        double slope = Vectors.dot(st.g, st.direction);
        if (e.value() <= st.value + ARMIJO * st.step * slope) {
            double[] xNew = Vectors.axpy(st.x, st.step, st.direction);
            List<double[]> s = new ArrayList<>(st.s), y = new ArrayList<>(st.y);
            double[] si = Vectors.subtract(xNew, st.x), yi = Vectors.subtract(gNew, st.g);
            if (Vectors.dot(si, yi) > 1e-12 * Vectors.norm(si) * Vectors.norm(yi)) {
                s.add(si);
                y.add(yi);
                if (s.size() > memory) {
                    s.remove(0);
                    y.remove(0);
                }
            }
            double[] d = twoLoop(gNew, s, y);
            if (Vectors.dot(d, gNew) >= 0) {
                s.clear();
                y.clear();
                d = Vectors.scale(gNew, -1);
            }
            double step = s.isEmpty() ? Math.min(1, 1 / Math.max(1e-300, Vectors.norm(gNew))) : 1;
            return new State(xNew, e.value(), gNew, s, y, d, step, st.iteration + 1, evals, Vectors.norm(gNew), false);
        }
        double step = st.step / 2;
        if (!(step * Vectors.norm(st.direction) >= 1e-14 * (1 + Vectors.norm(st.x)))) {
            // No decrease along this direction. With curvature history: forget it and go downhill again.
            // Already downhill: the value cannot decrease in floating point any more, so stop. (Written
            // so that a NaN step length, from an objective that overflowed, stops too instead of halving
            // forever.)
            boolean steepest = st.s.isEmpty();
            double[] d = Vectors.scale(st.g, -1);
            return new State(st.x, st.value, st.g, List.of(), List.of(), d, Math.min(1, 1 / Math.max(1e-300,
                    Vectors.norm(st.g))), st.iteration, evals, st.gradientNorm, steepest);
        }
        return new State(st.x, st.value, st.g, st.s, st.y, st.direction, step, st.iteration, evals, st.gradientNorm,
                false);
    }

    /** -H g by the two-loop recursion over the (s, y) history. */
    private static double[] twoLoop(double[] g, List<double[]> s, List<double[]> y) {
        int m = s.size();
        double[] q = g.clone(), alpha = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double rho = 1 / Vectors.dot(y.get(i), s.get(i));
            alpha[i] = rho * Vectors.dot(s.get(i), q);
            q = Vectors.axpy(q, -alpha[i], y.get(i));
        }
        if (m > 0) {
            double gammaK = Vectors.dot(s.get(m - 1), y.get(m - 1)) / Vectors.dot(y.get(m - 1), y.get(m - 1));
            q = Vectors.scale(q, gammaK);
        }
        for (int i = 0; i < m; i++) {
            double rho = 1 / Vectors.dot(y.get(i), s.get(i));
            double beta = rho * Vectors.dot(y.get(i), q);
            q = Vectors.axpy(q, alpha[i] - beta, s.get(i));
        }
        return Vectors.scale(q, -1);
    }
}
