package org.qtune.train;

import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Objective;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;

/**
 * The {@link TrainingLoop} for an objective in this process, without hooks or checkpoints: ask,
 * evaluate each point with the objective, tell, check for convergence after every completed step.
 */
public final class Minimizer {
    private Minimizer() {
    }

    public static OptimizationResult minimize(Optimizer optimizer, Objective f, double[] x0, ConvergenceCheck check) {
        try {
            return new TrainingLoop(optimizer, StepEvaluator.inProcess(f), check).run(x0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            // an Objective throws no checked exception, and there are no hooks or checkpoints to fail
            throw new IllegalStateException("unexpected checked exception from an in-process run", e);
        }
    }
}
