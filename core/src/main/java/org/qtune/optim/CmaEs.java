package org.qtune.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The (mu/mu_w, lambda) covariance matrix adaptation evolution strategy, as in Hansen's tutorial
 * ("The CMA Evolution Strategy: A Tutorial", 2016), with an ask/tell interface: each ask is one
 * generation, the lambda points {@code m + sigma B D z_k} (z_k standard normal), value only, so a
 * driver can evaluate the whole population at once (one Spark job per generation). Defaults:
 * lambda = 4 + floor(3 ln n), mu = floor(lambda / 2) parents with positive log weights
 * ln((lambda + 1) / 2) - ln i (no negative "active" weights), cumulative step-size adaptation
 * (CSA) of sigma, the rank-one update through the evolution path p_c (with the h_sigma stall of
 * p_c while ||p_sigma|| is large) and the rank-mu update of C, all with the tutorial's default
 * learning rates. The eigendecomposition C = B D^2 B^T is recomputed every
 * max(1, floor(1 / (10 n (c_1 + c_mu)))) generations (every generation up to about n = 150)
 * and kept in the state in between.
 *
 * <p>A generation's normal vectors are drawn from the seed and the generation number only (with
 * {@link StrictMath}, so the same on every JVM), and tell recomputes them: a run is reproducible and
 * resumes bit for bit from any saved {@link State}.
 *
 * <p>The state's {@link State#x()} is the <em>best point evaluated so far</em> and
 * {@link State#value()} its value, not the distribution mean: the pair is consistent (that value
 * was measured at that point), never gets worse from one generation to the next, and needs no
 * extra evaluation (the mean is never evaluated; asking for it would add a point to every
 * generation). Near convergence the two differ by about sigma. With noisy values (shots) the best
 * value seen is biased low; {@link State#mean()} is the better estimate there.
 *
 * <p>A run is {@linkplain State#stalled() stalled} (the driver stops, converged) when the
 * distribution's largest standard deviation sigma * max(D) has fallen below {@code relativeTolerance}
 * times sigma0, or the condition number of C exceeds {@code maxCondition} (the search has
 * collapsed onto a subspace, or the objective does not depend on some direction), or the
 * generation's values agree to 13 digits ({@link #FLAT_VALUES}, relative to their largest
 * magnitude). The last rule is for a minimum whose value is not near 0 (a VQE energy): there the
 * values stop resolving the ranking once sigma is about the square root of the rounding error, long
 * before the spread reaches the first rule's tolerance, and the search would otherwise drift until
 * C's condition number gives out. It never fires near a minimum value of 0, where the values keep
 * their relative precision.
 */
public final class CmaEs implements Optimizer {
    /** Default stopping rule: sigma * max(D) below 1e-12 sigma0. */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-12;
    /** Default stopping rule: cond(C) above 1e14. */
    public static final double DEFAULT_MAX_CONDITION = 1e14;
    /** Stopping rule: a generation's values all within 1e-13 of their largest magnitude. */
    public static final double FLAT_VALUES = 1e-13;

    private final double sigma0;
    private final int lambda;
    private final double relativeTolerance;
    private final double maxCondition;
    private final long seed;

    /**
     * Everything a run needs to go on: the mean, step size sigma, covariance C, the two evolution
     * paths, the eigendecomposition of C as last computed (B: eigenvectors as columns; D: square
     * roots of the eigenvalues) and the generation it was computed at, the counters, and the best
     * point evaluated with its value. Immutable: arrays are copied in and out.
     */
    public record State(double[] mean, double sigma, double[][] covariance, double[] sigmaPath, double[] covariancePath,
                        double[][] axes, double[] scales, int decomposedAt, int iteration, int evaluations,
                        double[] best, double value, boolean stalled) implements OptimizerState {
        public State {
            int n = mean.length;
            if (n < 1 || sigmaPath.length != n || covariancePath.length != n || scales.length != n || best.length != n
                    || covariance.length != n || axes.length != n) {
                throw new IllegalArgumentException("CMA-ES state of inconsistent dimensions");
            }
            mean = mean.clone();
            covariance = copy(covariance, n);
            sigmaPath = sigmaPath.clone();
            covariancePath = covariancePath.clone();
            axes = copy(axes, n);
            scales = scales.clone();
            best = best.clone();
        }

        /** The best point evaluated so far (the start point before the first generation). */
        @Override
        public double[] x() {
            return best.clone();
        }

        /** Always NaN: CMA-ES uses no gradient. */
        @Override
        public double gradientNorm() {
            return Double.NaN;
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[][] covariance() {
            return copy(covariance, covariance.length);
        }

        @Override
        public double[] sigmaPath() {
            return sigmaPath.clone();
        }

        @Override
        public double[] covariancePath() {
            return covariancePath.clone();
        }

        @Override
        public double[][] axes() {
            return copy(axes, axes.length);
        }

        @Override
        public double[] scales() {
            return scales.clone();
        }

        @Override
        public double[] best() {
            return best.clone();
        }

        /** cond(C) = (max D / min D)^2, from the last decomposition. */
        public double conditionNumber() {
            double lo = Double.MAX_VALUE, hi = 0;
            for (double d : scales) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            return lo > 0 ? (hi / lo) * (hi / lo) : Double.POSITIVE_INFINITY;
        }

        /** The largest standard deviation of the search distribution, sigma * max(D). */
        public double spread() {
            double hi = 0;
            for (double d : scales) {
                hi = Math.max(hi, d);
            }
            return sigma * hi;
        }

        /** Equal when every field is equal bit for bit. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(mean, s.mean) && Double.compare(sigma, s.sigma) == 0
                    && Arrays.deepEquals(covariance, s.covariance) && Arrays.equals(sigmaPath, s.sigmaPath)
                    && Arrays.equals(covariancePath, s.covariancePath) && Arrays.deepEquals(axes, s.axes)
                    && Arrays.equals(scales, s.scales) && decomposedAt == s.decomposedAt && iteration == s.iteration
                    && evaluations == s.evaluations && Arrays.equals(best, s.best)
                    && Double.compare(value, s.value) == 0 && stalled == s.stalled;
        }

        @Override
        public int hashCode() {
            int h = Arrays.hashCode(mean);
            h = 31 * h + Double.hashCode(sigma);
            h = 31 * h + Arrays.deepHashCode(covariance);
            h = 31 * h + iteration;
            h = 31 * h + evaluations;
            return 31 * h + Double.hashCode(value);
        }

        @Override
        public String toString() {
            return "CmaEs.State[n=" + mean.length + ", generation=" + iteration + ", evaluations=" + evaluations
                    + ", sigma=" + sigma + ", value=" + value + ", stalled=" + stalled + "]";
        }

        private static double[][] copy(double[][] m, int n) {
            double[][] c = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                if (m[i].length != n) {
                    throw new IllegalArgumentException("CMA-ES state: matrix row " + i + " has length " + m[i].length
                            + ", expected " + n);
                }
                c[i] = m[i].clone();
            }
            return c;
        }
    }

    /**
     * CMA-ES states: mean, sigma path, covariance path, scales, best point; C and B as matrices; then
     * sigma, the generation of the last decomposition, iteration, evaluations, value, stalled. The
     * state's own checks reject inconsistent dimensions.
     */
    static final class Codec extends StateCodec<State> {
        static final Codec INSTANCE = new Codec();

        private Codec() {
            super("cmaes", 1, State.class);
        }

        @Override
        protected void write(State c, DataOutputStream out) throws IOException {
            writeArrays(out, c.mean, c.sigmaPath, c.covariancePath, c.scales, c.best);
            writeMatrix(out, c.covariance);
            writeMatrix(out, c.axes);
            out.writeDouble(c.sigma);
            out.writeInt(c.decomposedAt);
            out.writeInt(c.iteration);
            out.writeInt(c.evaluations);
            out.writeDouble(c.value);
            out.writeBoolean(c.stalled);
        }

        @Override
        protected State read(DataInputStream in) throws IOException {
            double[] mean = readArray(in), pSigma = readArray(in), pC = readArray(in), scales = readArray(in),
                    best = readArray(in);
            double[][] c = readMatrix(in), axes = readMatrix(in);
            return new State(mean, in.readDouble(), c, pSigma, pC, axes, scales, in.readInt(), in.readInt(),
                    in.readInt(), best, in.readDouble(), in.readBoolean());
        }
    }

    /** Default population 4 + floor(3 ln n). */
    public CmaEs(double sigma0, long seed) {
        this(sigma0, 0, seed);
    }

    /** Population {@code lambda} (>= 2; 0 for the default 4 + floor(3 ln n)). */
    public CmaEs(double sigma0, int lambda, long seed) {
        this(sigma0, lambda, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_MAX_CONDITION, seed);
    }

    /**
     * @param sigma0 the initial step size: the standard deviation of the first generation around x0
     * @param lambda the population per generation (>= 2), or 0 for 4 + floor(3 ln n)
     * @param relativeTolerance stall once sigma * max(D) is below this times sigma0
     * @param maxCondition stall once cond(C) exceeds this
     */
    public CmaEs(double sigma0, int lambda, double relativeTolerance, double maxCondition, long seed) {
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("CMA-ES needs a finite initial step size sigma0 > 0, got " + sigma0);
        }
        if (lambda != 0 && lambda < 2) {
            throw new IllegalArgumentException("CMA-ES needs a population lambda >= 2 (or 0 for the default), got "
                    + lambda);
        }
        if (!(relativeTolerance >= 0) || !(maxCondition > 1)) {
            throw new IllegalArgumentException("CMA-ES needs relativeTolerance >= 0 and maxCondition > 1");
        }
        this.sigma0 = sigma0;
        this.lambda = lambda;
        this.relativeTolerance = relativeTolerance;
        this.maxCondition = maxCondition;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public StateCodec<State> codec() {
        return Codec.INSTANCE;
    }

    /** The population per generation in {@code n} dimensions. */
    public int populationSize(int n) {
        return lambda > 0 ? lambda : 4 + (int) Math.floor(3 * StrictMath.log(n));
    }

    @Override
    public OptimizerState start(double[] x0) {
        int n = x0.length;
        if (n < 1) {
            throw new IllegalArgumentException("CMA-ES needs at least one variable");
        }
        for (double v : x0) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("CMA-ES start point has a non-finite coordinate");
            }
        }
        double[][] identity = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new State(x0, sigma0, identity, new double[n], new double[n], identity, ones, 0, 0, 0, x0, Double.NaN,
                false);
    }

    /** The strategy parameters for n dimensions and population lambda (tutorial, Table 1). */
    private record Parameters(int lambda, double[] weights, double muEff, double cSigma, double dSigma, double cC,
                              double c1, double cMu, double chiN, int eigenInterval) {
        static Parameters of(int n, int lambda) {
            int mu = lambda / 2;
            double[] w = new double[mu];
            double sum = 0;
            for (int i = 0; i < mu; i++) {
                w[i] = StrictMath.log((lambda + 1) / 2.0) - StrictMath.log(i + 1);
                sum += w[i];
            }
            double squares = 0;
            for (int i = 0; i < mu; i++) {
                w[i] /= sum;
                squares += w[i] * w[i];
            }
            double muEff = 1 / squares;
            double cSigma = (muEff + 2) / (n + muEff + 5);
            double dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
            double cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
            double alphaCov = 2;
            double c1 = alphaCov / ((n + 1.3) * (n + 1.3) + muEff);
            double cMu = Math.min(1 - c1,
                    alphaCov * (0.25 + muEff + 1 / muEff - 2) / ((n + 2) * (n + 2) + alphaCov * muEff / 2));
            double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
            int eigenInterval = Math.max(1, (int) Math.floor(1 / (10 * n * (c1 + cMu))));
            return new Parameters(lambda, w, muEff, cSigma, dSigma, cC, c1, cMu, chiN, eigenInterval);
        }
    }

    /** The standard normal vectors z_k of generation {@code generation}: lambda rows of n. */
    double[][] normals(int n, int population, int generation) {
        SplittableRandom rnd = new SplittableRandom(Seeds.derive(seed, 0x632BE59BD9B4E019L, generation));
        double[][] z = new double[population][n];
        double spare = Double.NaN;
        for (int k = 0; k < population; k++) {
            for (int i = 0; i < n; i++) {
                if (!Double.isNaN(spare)) {
                    z[k][i] = spare;
                    spare = Double.NaN;
                    continue;
                }
                // Box-Muller: two normals from two uniforms, u1 in (0, 1]
                double u1 = 1 - rnd.nextDouble(), u2 = rnd.nextDouble();
                double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
                z[k][i] = r * StrictMath.cos(2 * Math.PI * u2);
                spare = r * StrictMath.sin(2 * Math.PI * u2);
            }
        }
        return z;
    }

    /** The steps y_k = B D z_k of the state's generation (the points are mean + sigma y_k). */
    private double[][] steps(State s) {
        int n = s.mean.length;
        double[][] z = normals(n, populationSize(n), s.iteration);
        double[][] y = new double[z.length][n];
        for (int k = 0; k < z.length; k++) {
            for (int j = 0; j < n; j++) {
                double dz = s.scales[j] * z[k][j];
                for (int i = 0; i < n; i++) {
                    y[k][i] += s.axes[i][j] * dz;
                }
            }
        }
        return y;
    }

    private static List<EvaluationRequest> requests(State s, double[][] y) {
        List<EvaluationRequest> out = new ArrayList<>(y.length);
        for (double[] yk : y) {
            out.add(new EvaluationRequest(Vectors.axpy(s.mean, s.sigma, yk), false));
        }
        return out;
    }

    /** The generation's lambda points, values only. */
    @Override
    public List<EvaluationRequest> ask(OptimizerState state) {
        State s = (State) state;
        return requests(s, steps(s));
    }

    /**
     * True when the generation's finite values agree to {@link #FLAT_VALUES} relative to their
     * largest magnitude: the differences the ranking needs are lost in the objective's rounding.
     */
    private static boolean flat(List<Evaluation> evaluations) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, size = 0;
        int finite = 0;
        for (Evaluation e : evaluations) {
            double v = e.value();
            if (Double.isFinite(v)) {
                finite++;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                size = Math.max(size, Math.abs(v));
            }
        }
        return finite >= 2 && hi - lo <= FLAT_VALUES * size && size > 0;
    }

    @Override
    public OptimizerState tell(OptimizerState state, List<Evaluation> evaluations) {
        State s = (State) state;
        double[][] y = steps(s);
        List<EvaluationRequest> asked = requests(s, y);
        checkTell(s, asked, evaluations);
        int n = s.mean.length;
        Parameters p = Parameters.of(n, y.length);
        int generation = s.iteration + 1;

        // rank the population (NaN last, ties in asking order) and keep the best point seen
        Integer[] order = new Integer[y.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(evaluations.get(a).value(), evaluations.get(b).value()));
        double[] best = s.best;
        double bestValue = s.value;
        double top = evaluations.get(order[0]).value();
        if (!Double.isNaN(top) && (Double.isNaN(bestValue) || top < bestValue)) {
            best = asked.get(order[0]).point();
            bestValue = top;
        }

        // recombination: y_w = sum w_i y_(i:lambda); m' = m + sigma y_w
        double[] yw = new double[n];
        for (int i = 0; i < p.weights.length; i++) {
            double[] yi = y[order[i]];
            for (int j = 0; j < n; j++) {
                yw[j] += p.weights[i] * yi[j];
            }
        }
        double[] mean = Vectors.axpy(s.mean, s.sigma, yw);

        // step-size path with C^(-1/2) y_w = B D^-1 B^T y_w
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += s.axes[i][j] * yw[i];
            }
            t[j] = dot / s.scales[j];
        }
        double[] pSigma = new double[n];
        double cs = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
        for (int i = 0; i < n; i++) {
            double w = 0;
            for (int j = 0; j < n; j++) {
                w += s.axes[i][j] * t[j];
            }
            pSigma[i] = (1 - p.cSigma) * s.sigmaPath[i] + cs * w;
        }
        double pSigmaNorm = Vectors.norm(pSigma);
        boolean hSigma = pSigmaNorm / Math.sqrt(1 - StrictMath.pow(1 - p.cSigma, 2.0 * generation))
                < (1.4 + 2.0 / (n + 1)) * p.chiN;

        // covariance path, stalled while ||p_sigma|| is large (h_sigma = 0)
        double[] pC = new double[n];
        double cc = hSigma ? Math.sqrt(p.cC * (2 - p.cC) * p.muEff) : 0;
        for (int i = 0; i < n; i++) {
            pC[i] = (1 - p.cC) * s.covariancePath[i] + cc * yw[i];
        }

        // C' = (1 - c1 - cmu + (1 - h) c1 cc (2 - cc)) C + c1 pc pc^T + cmu sum w_i y_i y_i^T  (weights sum to 1)
        double delta = hSigma ? 0 : p.cC * (2 - p.cC);
        double keep = 1 - p.c1 - p.cMu + p.c1 * delta;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int k = 0; k < p.weights.length; k++) {
                    double[] yk = y[order[k]];
                    rankMu += p.weights[k] * yk[i] * yk[j];
                }
                double v = keep * s.covariance[i][j] + p.c1 * pC[i] * pC[j] + p.cMu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }

        double sigma = s.sigma * StrictMath.exp(p.cSigma / p.dSigma * (pSigmaNorm / p.chiN - 1));

        double[][] axes = s.axes;
        double[] scales = s.scales;
        int decomposedAt = s.decomposedAt;
        boolean finite = Double.isFinite(sigma);
        for (double[] row : c) {
            for (double v : row) {
                finite &= Double.isFinite(v);
            }
        }
        if (finite && generation - s.decomposedAt >= p.eigenInterval) {
            EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(c));
            axes = e.getV().getData();
            double[] ev = e.getRealEigenvalues();
            scales = new double[n];
            for (int j = 0; j < n; j++) {
                // an eigenvalue lost to rounding (<= 0) is floored far beyond any usable condition number
                scales[j] = Math.sqrt(Math.max(ev[j], Double.MIN_NORMAL));
            }
            decomposedAt = generation;
        }
        State next = new State(mean, sigma, c, pSigma, pC, axes, scales, decomposedAt, generation,
                s.evaluations + y.length, best, bestValue, false);
        boolean stalled = !finite || !(next.spread() >= relativeTolerance * sigma0)
                || !(next.conditionNumber() <= maxCondition) || flat(evaluations);
        return stalled ? new State(mean, sigma, c, pSigma, pC, axes, scales, decomposedAt, generation,
                s.evaluations + y.length, best, bestValue, true) : next;
    }
}
