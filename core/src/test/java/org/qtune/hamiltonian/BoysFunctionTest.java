package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class BoysFunctionTest {
    /** integral_0^1 t^(2n) exp(-T t^2) dt by composite 20-point Gauss-Legendre on 64 panels (positive integrand). */
    static double byQuadrature(int n, double t) {
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        double sum = 0;
        int panels = 64;
        for (int k = 0; k < panels; k++) {
            GaussIntegrator rule = factory.legendre(20, (double) k / panels, (double) (k + 1) / panels);
            sum += rule.integrate(x -> Math.pow(x, 2 * n) * Math.exp(-t * x * x));
        }
        return sum;
    }

    @Test
    void agreesWithQuadratureToAboutMachinePrecision() {
        double[] ts = {0, 1e-9, 1e-3, 0.3, 1, 2.5, 7, 15, 29.9999, 30, 30.0001, 42, 80, 250};
        double[] f = new double[BoysFunction.MAX_ORDER + 1];
        for (double t : ts) {
            BoysFunction.values(BoysFunction.MAX_ORDER, t, f);
            for (int n = 0; n <= BoysFunction.MAX_ORDER; n++) {
                double expected = byQuadrature(n, t);
                assertEquals(expected, f[n], 2e-14 * expected, "F_" + n + "(" + t + ")");
                assertEquals(expected, BoysFunction.value(n, t), 2e-14 * expected, "recursion started at order " + n);
            }
        }
    }

    @Test
    void agreesWithTheIncompleteGammaFunction() {
        // F_n(T) = Gamma(n + 1/2) P(n + 1/2, T) / (2 T^(n + 1/2)), P the regularized lower incomplete gamma
        for (double t : new double[] {0.05, 0.9, 4, 18, 33, 60}) {
            for (int n = 0; n <= BoysFunction.MAX_ORDER; n++) {
                double a = n + 0.5;
                double expected = Math.exp(Gamma.logGamma(a)) * Gamma.regularizedGammaP(a, t, 1e-16, 100000)
                        / (2 * Math.pow(t, a));
                assertEquals(expected, BoysFunction.value(n, t), 1e-13 * expected, "F_" + n + "(" + t + ")");
            }
        }
    }

    @Test
    void atZeroIsOneOverTwoNPlusOne() {
        for (int n = 0; n <= BoysFunction.MAX_ORDER; n++) {
            assertEquals(1.0 / (2 * n + 1), BoysFunction.value(n, 0), 1e-16);
        }
    }

    @Test
    void isContinuousWhereTheMethodChanges() {
        double below = Math.nextDown(BoysFunction.SERIES_LIMIT), at = BoysFunction.SERIES_LIMIT;
        for (int n = 0; n <= BoysFunction.MAX_ORDER; n++) {
            double a = BoysFunction.value(n, below), b = BoysFunction.value(n, at);
            assertEquals(a, b, 1e-14 * a, "F_" + n);
        }
    }

    @Test
    void rejectsOrdersAndArgumentsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> BoysFunction.value(BoysFunction.MAX_ORDER + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> BoysFunction.value(0, -1));
        assertThrows(IllegalArgumentException.class, () -> BoysFunction.value(0, Double.NaN));
    }
}
