package org.qtune.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain in-process loop: ask, evaluate each point with the objective, tell, check for
 * convergence after every completed step. The Spark driver loop follows the same rhythm with one
 * Spark job per ask.
 */
public final class Minimizer {
    private Minimizer() {
    }

    public static OptimizationResult minimize(Optimizer optimizer, Objective f, double[] x0, ConvergenceCheck check) {
        long started = System.nanoTime();
        OptimizerState state = optimizer.start(x0);
        List<Double> history = new ArrayList<>();
        while (true) {
            List<EvaluationRequest> asked = optimizer.ask(state);
            List<Evaluation> told = new ArrayList<>(asked.size());
            for (EvaluationRequest r : asked) {
                told.add(f.evaluate(r.point(), r.needsGradient()));
            }
            int before = state.iteration();
            state = optimizer.tell(state, told);
            if (state.stalled()) {
                return result(OptimizationResult.Status.CONVERGED_VALUE, state, history);
            }
            if (state.iteration() == before) {
                if (check.wallClock() != null && System.nanoTime() - started > check.wallClock().toNanos()) {
                    return result(OptimizationResult.Status.TIME_LIMIT, state, history);
                }
                continue;
            }
            history.add(state.value());
            int k = history.size();
            if (check.gradientTolerance() > 0 && state.gradientNorm() <= check.gradientTolerance()) {
                return result(OptimizationResult.Status.CONVERGED_GRADIENT, state, history);
            }
            if (check.valueTolerance() > 0 && k > check.patience()) {
                double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
                for (int i = k - 1 - check.patience(); i < k; i++) {
                    lo = Math.min(lo, history.get(i));
                    hi = Math.max(hi, history.get(i));
                }
                if (hi - lo <= check.valueTolerance()) {
                    return result(OptimizationResult.Status.CONVERGED_VALUE, state, history);
                }
            }
            if (state.iteration() >= check.maxIterations()) {
                return result(OptimizationResult.Status.MAX_ITERATIONS, state, history);
            }
            if (check.wallClock() != null && System.nanoTime() - started > check.wallClock().toNanos()) {
                return result(OptimizationResult.Status.TIME_LIMIT, state, history);
            }
        }
    }

    private static OptimizationResult result(OptimizationResult.Status status, OptimizerState s, List<Double> history) {
        return new OptimizationResult(status, s.x(), s.value(), s.iteration(), s.evaluations(), history, s);
    }
}
