package org.qtune.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qtune.train.Minimizer;

class CmaEsTest {
    /** Evaluations until the value first fell to 1e-8 (or -1), and the total. */
    static final class Counting implements Objective {
        final Objective f;
        int calls;
        int reached = -1;

        Counting(Objective f) {
            this.f = f;
        }

        @Override
        public Evaluation evaluate(double[] x, boolean withGradient) {
            Evaluation e = f.evaluate(x, withGradient);
            calls++;
            if (reached < 0 && e.value() <= 1e-8) {
                reached = calls;
            }
            return e;
        }
    }

    /**
     * A rotated ellipsoid with condition number 1e6: sum_i 10^(6 i / (n - 1)) (R (x - 1))_i^2, R a
     * fixed random rotation (so C must learn off-diagonal terms); minimum 0 at (1, ..., 1).
     */
    static Objective ellipsoid(int n) {
        double[][] g = new double[n][n];
        SplittableRandom rnd = new SplittableRandom(42);
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextDouble(-1, 1);
            }
        }
        double[][] r = new QRDecomposition(new Array2DRowRealMatrix(g)).getQ().getData();
        return (x, grad) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double u = 0;
                for (int j = 0; j < n; j++) {
                    u += r[i][j] * (x[j] - 1);
                }
                f += Math.pow(10, n == 1 ? 0 : 6.0 * i / (n - 1)) * u * u;
            }
            return Evaluation.of(f);
        };
    }

    static double[] filled(int n, double v) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    /** Runs to the stall rule through Minimizer; prints evaluations to 1e-8 for the record. */
    static OptimizationResult run(String name, Objective f, double[] x0, double sigma0, long seed) {
        Counting counted = new Counting(f);
        OptimizationResult r = Minimizer.minimize(new CmaEs(sigma0, seed), counted, x0, ConvergenceCheck.iterations(20000));
        System.out.printf("cmaes %-10s n=%2d  evaluations to 1e-8: %6d  total: %6d  generations: %5d  final %.3g%n",
                name, x0.length, counted.reached, r.evaluations(), r.iterations(), r.value());
        assertEquals(counted.calls, r.evaluations());
        assertEquals(OptimizationResult.Status.CONVERGED_VALUE, r.status(), "stopped by the stall rule");
        assertTrue(counted.reached > 0, name + " reached 1e-8");
        return r;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10})
    void convergesOnAQuadraticBowl(int n) {
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = Math.cos(i);
        }
        OptimizationResult r = run("bowl", OptimizerTest.BOWL, x0, 0.5, 1);
        assertArrayEquals(OptimizerTest.bowlMinimum(n), r.x(), 1e-10);
        assertTrue(r.value() < 1e-20, "value " + r.value());
        assertTrue(r.evaluations() < 600 * n, "evaluations " + r.evaluations());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10})
    void convergesOnAnIllConditionedRotatedEllipsoid(int n) {
        OptimizationResult r = run("ellipsoid", ellipsoid(n), filled(n, 0), 0.5, 2);
        assertArrayEquals(filled(n, 1), r.x(), 1e-8);
        assertTrue(r.value() < 1e-16, "value " + r.value());
        CmaEs.State s = (CmaEs.State) r.finalState();
        // C has learned the 1e6 conditioning of the Hessian
        assertTrue(s.conditionNumber() > 1e5 && s.conditionNumber() < 1e7, "cond(C) " + s.conditionNumber());
    }

    /**
     * Rosenbrock has a second local minimum for n >= 4 (value 3.7 to 4, near (-1, 1, ..., 1)), which
     * CMA-ES from the origin reaches in about one run in twenty: so twenty seeds per n, of which at
     * least 18 must find the global minimum to 1e-8 and the others must have converged at the local
     * one.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9, 10})
    void convergesOnRosenbrock(int n) {
        int global = 0;
        List<Integer> toTarget = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            Counting counted = new Counting(OptimizerTest.ROSENBROCK);
            OptimizationResult r = Minimizer.minimize(new CmaEs(0.5, seed), counted, filled(n, 0),
                    ConvergenceCheck.iterations(20000));
            assertEquals(OptimizationResult.Status.CONVERGED_VALUE, r.status(), "stopped by a stall rule");
            if (r.value() < 1e-16) {
                assertArrayEquals(filled(n, 1), r.x(), 1e-8);
                toTarget.add(counted.reached);
                global++;
            } else {
                assertTrue(n >= 4 && r.value() > 3.5 && r.value() < 4, "seed " + seed + ": value " + r.value());
            }
        }
        toTarget.sort(null);
        System.out.printf("cmaes rosenbrock n=%2d  global minimum in %d/20 runs, evaluations to 1e-8: median %d, max %d%n",
                n, global, toTarget.get(toTarget.size() / 2), toTarget.get(toTarget.size() - 1));
        assertTrue(global >= 18, global + " of 20 runs found the global minimum");
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndADifferentSeedAnother() {
        double[] x0 = {-1.2, 1, 0.5};
        List<CmaEs.State> a = generations(new CmaEs(0.3, 9), x0, 30);
        List<CmaEs.State> b = generations(new CmaEs(0.3, 9), x0, 30);
        assertEquals(a, b, "same seed, same states bit for bit");
        List<CmaEs.State> c = generations(new CmaEs(0.3, 10), x0, 30);
        assertNotEquals(a.get(1).mean()[0], c.get(1).mean()[0]);
    }

    private static List<CmaEs.State> generations(CmaEs opt, double[] x0, int count) {
        List<CmaEs.State> out = new ArrayList<>();
        OptimizerState s = opt.start(x0);
        for (int g = 0; g < count; g++) {
            List<Evaluation> told = new ArrayList<>();
            for (EvaluationRequest r : opt.ask(s)) {
                told.add(OptimizerTest.ROSENBROCK.evaluate(r.point(), false));
            }
            s = opt.tell(s, told);
            out.add((CmaEs.State) s);
        }
        return out;
    }

    @Test
    void aRunResumedFromARebuiltStateContinuesBitIdentically() {
        double[] x0 = {0.3, -0.4, 0.1, 0.9};
        List<CmaEs.State> straight = generations(new CmaEs(0.4, 5), x0, 40);
        CmaEs.State mid = straight.get(17);
        // rebuilt from its fields alone (as a checkpoint reader would), by a fresh optimizer
        OptimizerState s = new CmaEs.State(mid.mean(), mid.sigma(), mid.covariance(), mid.sigmaPath(),
                mid.covariancePath(), mid.axes(), mid.scales(), mid.decomposedAt(), mid.iteration(), mid.evaluations(),
                mid.best(), mid.value(), mid.stalled());
        assertEquals(mid, s);
        CmaEs fresh = new CmaEs(0.4, 5);
        for (int g = 18; g < 40; g++) {
            List<Evaluation> told = new ArrayList<>();
            for (EvaluationRequest r : fresh.ask(s)) {
                told.add(OptimizerTest.ROSENBROCK.evaluate(r.point(), false));
            }
            s = fresh.tell(s, told);
            assertEquals(straight.get(g), s, "generation " + (g + 1));
        }
    }

    @Test
    void askAsksForExactlyLambdaValueOnlyPointsAndChangesNothing() {
        for (int n = 1; n <= 12; n++) {
            CmaEs opt = new CmaEs(0.3, 1);
            OptimizerState s = opt.start(filled(n, 0.5));
            List<EvaluationRequest> ask = opt.ask(s);
            assertEquals(4 + (int) Math.floor(3 * Math.log(n)), ask.size(), "n = " + n);
            assertEquals(opt.populationSize(n), ask.size());
            assertTrue(ask.stream().noneMatch(EvaluationRequest::needsGradient));
            List<EvaluationRequest> again = opt.ask(s);
            for (int k = 0; k < ask.size(); k++) {
                assertArrayEquals(ask.get(k).point(), again.get(k).point(), 0.0, "ask is a function of the state");
                assertEquals(n, ask.get(k).point().length);
            }
        }
        assertEquals(6, new CmaEs(0.3, 1).ask(new CmaEs(0.3, 1).start(new double[2])).size());
        CmaEs seven = new CmaEs(0.3, 7, 1);
        assertEquals(7, seven.ask(seven.start(new double[20])).size());
        CmaEs two = new CmaEs(0.3, 2, 1);
        assertEquals(2, two.ask(two.start(new double[20])).size());
    }

    @Test
    void theFirstGenerationIsSpreadBySigma0AroundTheStartPoint() {
        // 400 points of a large population: sample mean near x0, sample deviation near sigma0
        CmaEs opt = new CmaEs(0.25, 400, 4);
        double[] x0 = {1, -2, 3};
        List<EvaluationRequest> ask = opt.ask(opt.start(x0));
        for (int i = 0; i < 3; i++) {
            double m = 0, sq = 0;
            for (EvaluationRequest r : ask) {
                m += r.point()[i] / ask.size();
            }
            for (EvaluationRequest r : ask) {
                sq += (r.point()[i] - m) * (r.point()[i] - m) / (ask.size() - 1);
            }
            assertEquals(x0[i], m, 4 * 0.25 / Math.sqrt(400), "mean of coordinate " + i);
            assertEquals(0.25, Math.sqrt(sq), 0.25 * 0.15, "deviation of coordinate " + i);
        }
    }

    @Test
    void badSettingsAreClearErrors() {
        for (double sigma0 : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CmaEs(sigma0, 1));
            assertTrue(e.getMessage().contains("sigma0"), e.getMessage());
        }
        for (int lambda : new int[] {1, -1, -5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CmaEs(0.3, lambda, 1));
            assertTrue(e.getMessage().contains("lambda >= 2"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new CmaEs(0.3, 1).start(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new CmaEs(0.3, 1).start(new double[] {0, Double.NaN}));
    }

    @Test
    void tellingTheWrongNumberOfEvaluationsIsAnError() {
        CmaEs opt = new CmaEs(0.3, 1);
        OptimizerState s = opt.start(new double[] {0, 0, 0});
        int lambda = opt.ask(s).size();
        List<Evaluation> tooFew = new ArrayList<>();
        for (int k = 0; k < lambda - 1; k++) {
            tooFew.add(Evaluation.of(k));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.tell(s, tooFew));
        assertTrue(e.getMessage().contains("asked for " + lambda), e.getMessage());
        List<Evaluation> tooMany = new ArrayList<>(tooFew);
        tooMany.add(Evaluation.of(1));
        tooMany.add(Evaluation.of(2));
        assertThrows(IllegalArgumentException.class, () -> opt.tell(s, tooMany));
        assertThrows(IllegalArgumentException.class, () -> opt.tell(s, List.of()));
    }

    @Test
    void statesAreImmutableAndReportTheBestPointSeen() {
        CmaEs opt = new CmaEs(0.3, 1);
        CmaEs.State s0 = (CmaEs.State) opt.start(new double[] {2, 2});
        assertArrayEquals(new double[] {2, 2}, s0.x(), 0.0, "the start point before any evaluation");
        assertTrue(Double.isNaN(s0.value()) && Double.isNaN(s0.gradientNorm()));
        s0.mean()[0] = 99;
        s0.covariance()[0][0] = 99;
        s0.x()[1] = 99;
        assertEquals(2, s0.mean()[0]);
        assertEquals(1, s0.covariance()[0][0]);
        assertEquals(2, s0.x()[1]);

        List<EvaluationRequest> ask = opt.ask(s0);
        List<Evaluation> told = new ArrayList<>();
        double bestValue = Double.MAX_VALUE;
        double[] bestPoint = null;
        for (EvaluationRequest r : ask) {
            Evaluation e = OptimizerTest.BOWL.evaluate(r.point(), false);
            told.add(e);
            if (e.value() < bestValue) {
                bestValue = e.value();
                bestPoint = r.point();
            }
        }
        CmaEs.State s1 = (CmaEs.State) opt.tell(s0, told);
        assertEquals(1, s1.iteration());
        assertEquals(ask.size(), s1.evaluations());
        assertEquals(bestValue, s1.value(), 0.0);
        assertArrayEquals(bestPoint, s1.x(), 0.0);
        assertTrue(Double.isNaN(s1.gradientNorm()));
        assertEquals(2, s0.mean()[0], "the old state is unchanged");
        // a worse generation keeps the best point
        List<Evaluation> worse = new ArrayList<>();
        for (int k = 0; k < ask.size(); k++) {
            worse.add(Evaluation.of(1e9 + k));
        }
        CmaEs.State s2 = (CmaEs.State) opt.tell(s1, worse);
        assertEquals(bestValue, s2.value(), 0.0);
        assertArrayEquals(bestPoint, s2.x(), 0.0);
    }

    @Test
    void nanValuesRankLast() {
        // undefined (NaN) left of x0 = 0.5: the search still converges to the minimum at (1, 1)
        Objective f = (x, g) -> Evaluation.of(x[0] < 0.5 ? Double.NaN : (x[0] - 1) * (x[0] - 1) + (x[1] - 1) * (x[1] - 1));
        OptimizationResult r = Minimizer.minimize(new CmaEs(0.3, 6), f, new double[] {2, -1},
                ConvergenceCheck.iterations(5000));
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-8);
    }

    @Test
    void aMinimumValueAwayFromZeroEndsTheRunByTheFlatValueRule() {
        // minimum 1.5 at bowlMinimum: the values stop resolving the ranking near sigma ~ 1e-7
        Objective f = (x, g) -> Evaluation.of(1.5 + OptimizerTest.BOWL.evaluate(x, false).value());
        OptimizationResult r = Minimizer.minimize(new CmaEs(0.5, 3), f, new double[] {1, 1, 1, 1},
                ConvergenceCheck.iterations(100000));
        CmaEs.State s = (CmaEs.State) r.finalState();
        assertTrue(s.stalled());
        assertTrue(s.spread() > 1e-12 * 0.5 && s.conditionNumber() < 1e14, "not the other two rules: " + s);
        assertTrue(r.iterations() < 1000, "generations " + r.iterations());
        assertEquals(1.5, r.value(), 1e-12);
        assertArrayEquals(OptimizerTest.bowlMinimum(4), r.x(), 1e-5);
    }

    @Test
    void aDirectionTheObjectiveIgnoresEndsTheRunByTheConditionRule() {
        // f depends on x0 only: the spread along x1 stays while the spread along x0 shrinks
        Objective f = (x, g) -> Evaluation.of(x[0] * x[0]);
        OptimizationResult r = Minimizer.minimize(new CmaEs(0.5, 8), f, new double[] {1, 1},
                ConvergenceCheck.iterations(100000));
        CmaEs.State s = (CmaEs.State) r.finalState();
        assertTrue(s.stalled());
        assertEquals(OptimizationResult.Status.CONVERGED_VALUE, r.status());
        assertTrue(s.conditionNumber() > CmaEs.DEFAULT_MAX_CONDITION, "cond(C) " + s.conditionNumber());
        assertTrue(Math.abs(r.x()[0]) < 1e-5, "x0 " + r.x()[0]);
        assertFalse(r.iterations() >= 100000);
    }
}
