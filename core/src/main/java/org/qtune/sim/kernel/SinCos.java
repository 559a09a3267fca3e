package org.qtune.sim.kernel;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The constants of the batched kernels' sine and cosine: one polynomial evaluation, written once as
 * scalar code ({@link BatchKernels#sinCos}) and once on vector lanes ({@link BatchVectorKernels#sinCos})
 * with the same operations in the same order (multiplies, adds and fused multiply-adds, each
 * correctly rounded by IEEE 754), so both give the same bits, whether the interpreter, C1 or C2 runs
 * them. Why not the JDK's: the Vector API's SIN and COS lanes become SVML routines once C2 compiles
 * them, which differ in the last bit from the Java code that runs before, so results depended on
 * JIT timing; calling {@link Math#sin} per member is deterministic but costs twice the per-member
 * circuit time.
 *
 * <p>Method: k = the integer nearest x 2/pi (by adding and subtracting 1.5 2^52), r = x - k pi/2 with
 * pi/2 split in three parts (Cody and Waite; each part holds 33 significant bits, so k times the
 * first two is exact for |k| < 2^20), then Taylor polynomials on |r| <= pi/4 through r^15 (sine,
 * truncation error below 5e-17, half an ulp of sin(pi/4)) and r^16 (cosine, below 3e-18), and the
 * quadrant k mod 4 picks and signs them. Accurate to a few units in the last place against {@link Math#sin}; arguments beyond
 * {@link #LIMIT} in magnitude (and NaN, infinities) go to {@link Math#sin} and {@link Math#cos}
 * instead, by value, in both twins.
 */
final class SinCos {
    private SinCos() {
    }

    /** Largest |x| reduced here: k stays below 2^20. */
    static final double LIMIT = 1.0e6;
    static final double TWO_OVER_PI = 2 / Math.PI;
    /** 1.5 * 2^52: adding and subtracting it rounds a double of magnitude below 2^51 to an integer. */
    static final double ROUND = 0x1.8p52;
    static final double PIO2_1, PIO2_2, PIO2_3;
    /** Polynomial terms after the leading ones: sine through r^15, cosine through r^16. */
    static final int TERMS = 7;
    /** sin r = r + r^3 (S[0] + z (S[1] + ...)), z = r^2: the Taylor coefficients -1/3!, 1/5!, ..., -1/15!. */
    static final double[] S = new double[TERMS];
    /** cos r = 1 - z/2 + z^2 (C[0] + z (C[1] + ...)): the Taylor coefficients 1/4!, -1/6!, ..., 1/16!. */
    static final double[] C = new double[TERMS];

    static {
        // pi/2 to 60 digits; each part keeps the high 33 bits of what is left
        BigDecimal halfPi = new BigDecimal("1.57079632679489661923132169163975144209858469968755291048747");
        BigDecimal rest = halfPi;
        double[] parts = new double[3];
        for (int i = 0; i < 3; i++) {
            double d = rest.doubleValue();
            if (i < 2) {
                d = Double.longBitsToDouble(Double.doubleToRawLongBits(d) & ~((1L << 20) - 1));
            }
            parts[i] = d;
            rest = rest.subtract(new BigDecimal(d), MathContext.DECIMAL128);
        }
        PIO2_1 = parts[0];
        PIO2_2 = parts[1];
        PIO2_3 = parts[2];
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 1; n <= 2 * TERMS + 2; n++) {
            factorial = factorial.multiply(BigDecimal.valueOf(n));
            if (n >= 3 && n % 2 == 1) {
                int j = (n - 3) / 2;
                S[j] = (j % 2 == 0 ? -1 : 1) / factorial.doubleValue();
            } else if (n >= 4 && n % 2 == 0) {
                int j = (n - 4) / 2;
                C[j] = (j % 2 == 0 ? 1 : -1) / factorial.doubleValue();
            }
        }
    }
}
