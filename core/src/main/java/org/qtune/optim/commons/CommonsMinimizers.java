package org.qtune.optim.commons;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.MultivariateOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Objective;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.OptimizerState;

/**
 * Apache Commons Math 3's gradient-free optimizers (Nelder-Mead, BOBYQA, CMA-ES) behind qtune's
 * {@link ConvergenceCheck} and {@link OptimizationResult}. They call the objective themselves, so
 * they run in process rather than ask/tell; Commons Math's termination exceptions are turned into a
 * status here and never escape. {@code maxIterations} bounds the evaluations, {@code valueTolerance}
 * is Commons Math's relative/absolute value checker, and the wall clock is checked at every
 * evaluation. These are the only optimizers taken from Commons Math (qtune's own {@code CmaEs} uses its
 * eigendecomposition only).
 */
public final class CommonsMinimizers {
    private CommonsMinimizers() {
    }

    /** The end of a Commons Math run as an optimizer state. */
    public record State(double[] x, int iteration, int evaluations, double value) implements OptimizerState {
        public State {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double gradientNorm() {
            return Double.NaN;
        }
    }

    /** Nelder-Mead simplex with initial edge {@code step} along every axis. */
    public static OptimizationResult nelderMead(Objective f, double[] x0, double step, ConvergenceCheck check) {
        double tol = check.valueTolerance() > 0 ? check.valueTolerance() : 1e-12;
        SimplexOptimizer opt = new SimplexOptimizer(new SimpleValueChecker(tol, tol));
        double[] steps = new double[x0.length];
        Arrays.fill(steps, step);
        return run(opt, f, x0, check, new NelderMeadSimplex(steps));
    }

    /** BOBYQA (Powell) with 2n + 1 interpolation points and trust-region radii from {@code step}. */
    public static OptimizationResult bobyqa(Objective f, double[] x0, double step, ConvergenceCheck check) {
        if (x0.length < 2) {
            throw new IllegalArgumentException("BOBYQA needs at least 2 variables");
        }
        BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * x0.length + 1, step, 1e-10);
        return run(opt, f, x0, check, SimpleBounds.unbounded(x0.length));
    }

    /** CMA-ES with initial spread {@code sigma} and the default population 4 + 3 ln n, seeded. */
    public static OptimizationResult cmaes(Objective f, double[] x0, double sigma, ConvergenceCheck check, long seed) {
        double tol = check.valueTolerance() > 0 ? check.valueTolerance() : 1e-12;
        CMAESOptimizer opt = new CMAESOptimizer(check.maxIterations(), Double.NEGATIVE_INFINITY, true, 0, 0,
                new MersenneTwister(seed), false, new SimpleValueChecker(tol, tol));
        double[] s = new double[x0.length];
        Arrays.fill(s, sigma);
        int population = 4 + (int) (3 * Math.log(x0.length));
        return run(opt, f, x0, check, new CMAESOptimizer.Sigma(s), new CMAESOptimizer.PopulationSize(population),
                SimpleBounds.unbounded(x0.length));
    }

    /** Thrown inside the objective when the wall clock runs out; caught below. */
    private static final class OutOfTime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private static OptimizationResult run(MultivariateOptimizer opt, Objective f, double[] x0, ConvergenceCheck check,
                                          Object... extra) {
        long deadline = check.wallClock() == null ? Long.MAX_VALUE : System.nanoTime() + check.wallClock().toNanos();
        List<Double> history = new ArrayList<>();
        double[] best = x0.clone();
        double[] bestValue = {Double.POSITIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            if (System.nanoTime() > deadline) {
                throw new OutOfTime();
            }
            double v = f.evaluate(x, false).value();
            if (v < bestValue[0]) {
                bestValue[0] = v;
                System.arraycopy(x, 0, best, 0, x.length);
            }
            history.add(bestValue[0]);
            return v;
        });
        List<Object> data = new ArrayList<>(List.of(objective, GoalType.MINIMIZE, new InitialGuess(x0),
                new MaxEval(check.maxIterations()), new MaxIter(check.maxIterations())));
        data.addAll(List.of(extra));
        OptimizationResult.Status status;
        try {
            PointValuePair p = opt.optimize(data.toArray(new org.apache.commons.math3.optim.OptimizationData[0]));
            if (p.getValue() <= bestValue[0]) {
                bestValue[0] = p.getValue();
                System.arraycopy(p.getPoint(), 0, best, 0, best.length);
            }
            status = OptimizationResult.Status.CONVERGED_VALUE;
        } catch (TooManyEvaluationsException | org.apache.commons.math3.exception.TooManyIterationsException e) {
            status = OptimizationResult.Status.MAX_ITERATIONS;
        } catch (OutOfTime e) {
            status = OptimizationResult.Status.TIME_LIMIT;
        }
        State s = new State(best, opt.getIterations(), opt.getEvaluations(), bestValue[0]);
        return new OptimizationResult(status, best, bestValue[0], s.iteration(), history.size(), history, s);
    }
}
