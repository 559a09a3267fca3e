package org.qtune.optim.commons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.Objective;
import org.qtune.optim.OptimizationResult;

class CommonsMinimizersTest {
    /** Rosenbrock in 2D: minimum 0 at (1, 1); values only. */
    static final Objective ROSENBROCK = (x, g) -> {
        double a = x[1] - x[0] * x[0], b = 1 - x[0];
        return Evaluation.of(100 * a * a + b * b);
    };

    static final ConvergenceCheck CHECK = ConvergenceCheck.iterations(20000).withValueTolerance(1e-14, 1);

    @Test
    void nelderMeadFindsTheRosenbrockMinimum() {
        OptimizationResult r = CommonsMinimizers.nelderMead(ROSENBROCK, new double[] {-1.2, 1}, 0.5, CHECK);
        assertTrue(r.converged(), r.status().toString());
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-4);
    }

    @Test
    void bobyqaFindsTheRosenbrockMinimum() {
        OptimizationResult r = CommonsMinimizers.bobyqa(ROSENBROCK, new double[] {-1.2, 1}, 0.5, CHECK);
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-5);
    }

    @Test
    void cmaesFindsTheRosenbrockMinimumAndIsReproducible() {
        OptimizationResult a = CommonsMinimizers.cmaes(ROSENBROCK, new double[] {-1.2, 1}, 0.5, CHECK, 3);
        OptimizationResult b = CommonsMinimizers.cmaes(ROSENBROCK, new double[] {-1.2, 1}, 0.5, CHECK, 3);
        assertArrayEquals(new double[] {1, 1}, a.x(), 1e-4);
        assertArrayEquals(a.x(), b.x(), 0.0);
    }

    @Test
    void aTinyEvaluationBudgetEndsWithMaxIterationsNotAnException() {
        OptimizationResult r = CommonsMinimizers.nelderMead(ROSENBROCK, new double[] {-1.2, 1}, 0.5,
                ConvergenceCheck.iterations(10));
        assertEquals(OptimizationResult.Status.MAX_ITERATIONS, r.status());
        assertTrue(r.value() <= ROSENBROCK.evaluate(new double[] {-1.2, 1}, false).value());
    }

    @Test
    void theWallClockEndsARunWithTimeLimit() {
        Objective slow = (x, g) -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ROSENBROCK.evaluate(x, g);
        };
        OptimizationResult r = CommonsMinimizers.nelderMead(slow, new double[] {-1.2, 1}, 0.5,
                ConvergenceCheck.iterations(1_000_000).withValueTolerance(1e-300, 1).withWallClock(Duration.ofMillis(50)));
        assertEquals(OptimizationResult.Status.TIME_LIMIT, r.status());
    }
}
