package org.qtune.hamiltonian;

/**
 * A normalized contracted Cartesian Gaussian basis function
 * (x-X)^l (y-Y)^m (z-Z)^n sum_k c_k exp(-alpha_k |r - R|^2), centre R in bohr. The coefficients held
 * here include each primitive's normalization and the normalization of the whole contraction, so
 * integrals over primitives weighted by them are integrals over the normalized function.
 */
public final class ContractedGaussian {
    final double x, y, z;
    final int l, m, n;
    final double[] exponents;
    final double[] coefficients;
    private final String label;

    private ContractedGaussian(String label, double[] centre, int l, int m, int n, double[] exponents,
            double[] coefficients) {
        this.label = label;
        this.x = centre[0];
        this.y = centre[1];
        this.z = centre[2];
        this.l = l;
        this.m = m;
        this.n = n;
        this.exponents = exponents;
        this.coefficients = coefficients;
    }

    /**
     * The normalized function with angular powers (l, m, n) at {@code centre} (bohr) from tabulated
     * exponents and contraction coefficients, the latter in the usual convention of basis-set tables:
     * coefficients of normalized primitives. The contraction is renormalized exactly, as quantum
     * chemistry programs do, because tabulated coefficients are normalized only to their printed digits.
     */
    public static ContractedGaussian of(String label, double[] centre, int l, int m, int n, double[] exponents,
            double[] contraction) {
        if (centre.length != 3) {
            throw new IllegalArgumentException("centre needs 3 coordinates");
        }
        if (l < 0 || m < 0 || n < 0) {
            throw new IllegalArgumentException("negative angular power");
        }
        if (exponents.length == 0 || exponents.length != contraction.length) {
            throw new IllegalArgumentException("need as many contraction coefficients as exponents");
        }
        double[] c = new double[exponents.length];
        for (int k = 0; k < c.length; k++) {
            if (!(exponents[k] > 0) || Double.isInfinite(exponents[k])) {
                throw new IllegalArgumentException("Gaussian exponents must be finite and > 0");
            }
            c[k] = contraction[k] * primitiveNorm(exponents[k], l, m, n);
        }
        ContractedGaussian primitivesNormalized = new ContractedGaussian(label, centre, l, m, n, exponents, c);
        double scale = 1 / Math.sqrt(GaussianIntegrals.overlap(primitivesNormalized, primitivesNormalized));
        double[] normalized = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            normalized[k] = c[k] * scale;
        }
        return new ContractedGaussian(label, centre.clone(), l, m, n, exponents.clone(), normalized);
    }

    /**
     * The normalization of one primitive: (2a/pi)^(3/4) (4a)^((l+m+n)/2) / sqrt((2l-1)!! (2m-1)!! (2n-1)!!).
     */
    static double primitiveNorm(double alpha, int l, int m, int n) {
        return Math.pow(2 * alpha / Math.PI, 0.75) * Math.pow(4 * alpha, (l + m + n) / 2.0)
                / Math.sqrt(doubleFactorial(2 * l - 1) * doubleFactorial(2 * m - 1) * doubleFactorial(2 * n - 1));
    }

    private static double doubleFactorial(int k) {
        double f = 1;
        for (int i = k; i > 1; i -= 2) {
            f *= i;
        }
        return f;
    }

    public double[] centre() {
        return new double[] {x, y, z};
    }

    public int angularMomentum() {
        return l + m + n;
    }

    /** For example {@code Li 2px}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
