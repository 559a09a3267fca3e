package org.qtune.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.train.Minimizer;

class OptimizerTest {
    /** Rosenbrock: minimum 0 at (1, ..., 1). */
    static final Objective ROSENBROCK = (x, grad) -> {
        double f = 0;
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
            g[i] += -400 * x[i] * a - 2 * b;
            g[i + 1] += 200 * a;
        }
        return new Evaluation(f, grad ? g : null);
    };

    /** An ill-conditioned quadratic bowl sum_i (i+1) (x_i - c_i)^2 with c_i = 0.1 i: minimum 0 at c. */
    static final Objective BOWL = (x, grad) -> {
        double f = 0;
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - 0.1 * i;
            f += (i + 1) * d * d;
            g[i] = 2 * (i + 1) * d;
        }
        return new Evaluation(f, grad ? g : null);
    };

    static double[] bowlMinimum(int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 0.1 * i;
        }
        return c;
    }

    @Test
    void lbfgsFindsTheRosenbrockMinimumToHighPrecision() {
        OptimizationResult r = Minimizer.minimize(new Lbfgs(), ROSENBROCK, new double[] {-1.2, 1, -0.5, 0.8},
                ConvergenceCheck.iterations(500).withGradientTolerance(1e-10));
        assertEquals(OptimizationResult.Status.CONVERGED_GRADIENT, r.status());
        assertArrayEquals(new double[] {1, 1, 1, 1}, r.x(), 1e-8);
        assertTrue(r.value() < 1e-16, "value " + r.value());
    }

    @Test
    void adamReachesTheRosenbrockValley() {
        OptimizationResult r = Minimizer.minimize(new Adam(0.02), ROSENBROCK, new double[] {-1.2, 1},
                ConvergenceCheck.iterations(20000).withGradientTolerance(1e-6));
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-3);
        assertTrue(r.history().get(r.history().size() - 1) < r.history().get(0));
    }

    @Test
    void momentumSgdAndAdamMinimizeAQuadraticBowl() {
        double[] x0 = {3, -2, 1, 0.5, -1};
        OptimizationResult sgd = Minimizer.minimize(new MomentumSgd(0.02, 0.9), BOWL, x0,
                ConvergenceCheck.iterations(5000).withGradientTolerance(1e-9));
        assertEquals(OptimizationResult.Status.CONVERGED_GRADIENT, sgd.status());
        assertArrayEquals(bowlMinimum(5), sgd.x(), 1e-9);
        OptimizationResult adam = Minimizer.minimize(new Adam(0.05), BOWL, x0,
                ConvergenceCheck.iterations(20000).withValueTolerance(1e-14, 20));
        assertArrayEquals(bowlMinimum(5), adam.x(), 1e-4);
    }

    @Test
    void spsaMinimizesAQuadraticBowlFromValuesOnlyAndIsReproducible() {
        double[] x0 = {1, -1, 0.5};
        OptimizationResult a = Minimizer.minimize(Spsa.calibrated(7), BOWL, x0, ConvergenceCheck.iterations(3000));
        OptimizationResult b = Minimizer.minimize(Spsa.calibrated(7), BOWL, x0, ConvergenceCheck.iterations(3000));
        assertArrayEquals(a.x(), b.x(), 0.0, "same seed, same run");
        // SPSA's gains decay as k^-0.602: slow but steady; more steps, closer
        double start = BOWL.evaluate(x0, false).value();
        double after300 = BOWL.evaluate(Minimizer.minimize(Spsa.calibrated(7), BOWL, x0,
                ConvergenceCheck.iterations(300)).x(), false).value();
        double after3000 = BOWL.evaluate(a.x(), false).value();
        assertTrue(after3000 < after300 && after300 < start, start + " > " + after300 + " > " + after3000);
        assertTrue(after3000 < 1e-2 * start, "value " + after3000);
        assertArrayEquals(bowlMinimum(3), a.x(), 0.1);
        // two evaluations per step, plus the calibration's 2 * 20
        assertEquals(2 * 3000 + 40, a.evaluations());
        OptimizationResult other = Minimizer.minimize(Spsa.calibrated(8), BOWL, x0, ConvergenceCheck.iterations(3000));
        assertTrue(other.x()[0] != a.x()[0], "a different seed perturbs differently");
    }

    @Test
    void askTellCanBeDrivenByHandAndStatesAreImmutable() {
        Optimizer opt = new Adam(0.1);
        OptimizerState s0 = opt.start(new double[] {1, 2});
        List<EvaluationRequest> ask = opt.ask(s0);
        assertEquals(1, ask.size());
        assertTrue(ask.get(0).needsGradient());
        OptimizerState s1 = opt.tell(s0, List.of(BOWL.evaluate(ask.get(0).point(), true)));
        assertArrayEquals(new double[] {1, 2}, s0.x(), 0.0, "the old state is unchanged");
        assertEquals(1, s1.iteration());
        // Adam's first step moves every coordinate by the learning rate against the gradient's sign
        assertArrayEquals(new double[] {0.9, 1.9}, s1.x(), 1e-7);
    }

    @Test
    void tellingTheWrongNumberOfEvaluationsOrNoGradientIsRejected() {
        Optimizer opt = new Lbfgs();
        OptimizerState s = opt.start(new double[] {0, 0});
        assertThrows(IllegalArgumentException.class, () -> opt.tell(s, List.of()));
        assertThrows(IllegalArgumentException.class, () -> opt.tell(s, List.of(Evaluation.of(1.0))));
    }

    @Test
    void theWallClockBudgetStopsARunWithAStatus() {
        Objective slow = (x, g) -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BOWL.evaluate(x, g);
        };
        OptimizationResult r = Minimizer.minimize(new Adam(1e-4), slow, new double[] {1, 1},
                ConvergenceCheck.iterations(1_000_000).withWallClock(Duration.ofMillis(100)));
        assertEquals(OptimizationResult.Status.TIME_LIMIT, r.status());
        assertTrue(r.iterations() > 0 && r.iterations() < 100, "iterations " + r.iterations());
    }

    @org.junit.jupiter.api.Test
    void spsaPerturbationsOfOneStepAreNotShiftedCopiesOfEachOther() {
        Spsa spsa = Spsa.calibrated(7);
        int dim = 40, same = 0;
        for (int r = 0; r + 1 < 20; r++) {
            double[] a = spsa.perturbation(dim, -1, r), b = spsa.perturbation(dim, -1, r + 1);
            boolean shifted = true;
            for (int i = 0; i + 1 < dim; i++) {
                shifted &= a[i + 1] == b[i];
            }
            same += shifted ? 1 : 0;
        }
        // independent +-1 vectors match a shift of each other with probability 2^-39
        org.junit.jupiter.api.Assertions.assertEquals(0, same);
    }

    @Test
    void lbfgsStopsOnAnObjectiveThatOverflowsInsteadOfHalvingItsStepForever() {
        // values and gradients that overflowed (a Hamiltonian with coefficients near 1e308) are NaN
        Objective overflowing = (x, gradient) -> new Evaluation(Double.NaN, new double[] {Double.NaN, Double.NaN});
        OptimizationResult r = Minimizer.minimize(new Lbfgs(), overflowing, new double[] {0.1, 0.2},
                ConvergenceCheck.iterations(5));
        assertTrue(r.evaluations() < 100, "evaluations " + r.evaluations());
        Objective infinite = (x, gradient) -> new Evaluation(Double.POSITIVE_INFINITY,
                new double[] {Double.NEGATIVE_INFINITY, 1});
        assertTrue(Minimizer.minimize(new Lbfgs(), infinite, new double[] {0, 0}, ConvergenceCheck.iterations(5))
                .evaluations() < 100);
    }
}
