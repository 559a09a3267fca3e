package org.qtune.hamiltonian;

import org.apache.commons.math3.special.Erf;

/**
 * The Boys function F_n(T) = integral_0^1 t^(2n) exp(-T t^2) dt, which every Coulomb integral over
 * Gaussians reduces to. Accurate to about 1e-15 relative for n = 0..{@value #MAX_ORDER}, T >= 0.
 *
 * <p>For T below {@value #SERIES_LIMIT} the highest order comes from the series
 * F_n(T) = exp(-T) sum_k (2T)^k / ((2n+1)(2n+3)...(2n+2k+1)), whose terms are all positive (no
 * cancellation), and the lower orders from the downward recursion
 * F_(n-1) = (2T F_n + exp(-T)) / (2n-1), which is stable. Above it, F_0 = sqrt(pi/T) erf(sqrt T) / 2
 * and the upward recursion F_(n+1) = ((2n+1) F_n - exp(-T)) / (2T) are stable, because exp(-T) is
 * then negligible next to (2n+1) F_n and the series would need many terms.
 */
final class BoysFunction {
    /** The highest order supported: (dd|dd) electron repulsion needs 8. */
    static final int MAX_ORDER = 8;
    /** Where the method changes; both are accurate on either side of it. */
    static final double SERIES_LIMIT = 30;

    private BoysFunction() {
    }

    /** F_0(T), ..., F_nMax(T) into {@code out[0..nMax]}. */
    static void values(int nMax, double t, double[] out) {
        if (nMax < 0 || nMax > MAX_ORDER) {
            throw new IllegalArgumentException("Boys function order " + nMax + " outside 0.." + MAX_ORDER);
        }
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("Boys function argument must be finite and >= 0, got " + t);
        }
        double expMinusT = Math.exp(-t);
        if (t < SERIES_LIMIT) {
            // series for F_nMax: term_k = term_(k-1) * 2T / (2 nMax + 2k + 1)
            double denominator = 2 * nMax + 1;
            double term = 1 / denominator;
            double sum = term;
            for (int k = 1; k < 1000; k++) {
                denominator += 2;
                term *= 2 * t / denominator;
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            out[nMax] = expMinusT * sum;
            for (int n = nMax; n > 0; n--) {
                out[n - 1] = (2 * t * out[n] + expMinusT) / (2 * n - 1);
            }
        } else {
            double sqrtT = Math.sqrt(t);
            out[0] = 0.5 * Math.sqrt(Math.PI) / sqrtT * Erf.erf(sqrtT);
            for (int n = 0; n < nMax; n++) {
                out[n + 1] = ((2 * n + 1) * out[n] - expMinusT) / (2 * t);
            }
        }
    }

    /** F_n(T) alone. */
    static double value(int n, double t) {
        double[] out = new double[n + 1];
        values(n, t, out);
        return out[n];
    }
}
