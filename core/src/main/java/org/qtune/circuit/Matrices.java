package org.qtune.circuit;

/**
 * Small dense complex matrices in the layout of {@link Gate#matrix}: row-major, interleaved real and
 * imaginary parts, dimension a power of two, little-endian qubit order. Every method returns a new
 * array and leaves its arguments unmodified.
 */
public final class Matrices {
    private Matrices() {
    }

    /** The dimension d of a matrix stored in {@code m} (length 2*d*d). */
    public static int dim(double[] m) {
        int d = (int) Math.round(Math.sqrt(m.length / 2.0));
        if (2 * d * d != m.length) {
            throw new IllegalArgumentException("not a square complex matrix: length " + m.length);
        }
        return d;
    }

    public static double[] identity(int d) {
        double[] m = new double[2 * d * d];
        for (int k = 0; k < d; k++) {
            m[2 * (k * d + k)] = 1;
        }
        return m;
    }

    /** a * b (apply b first, then a). */
    public static double[] multiply(double[] a, double[] b) {
        int d = dim(a);
        if (dim(b) != d) {
            throw new IllegalArgumentException("dimension mismatch");
        }
        double[] c = new double[a.length];
        for (int r = 0; r < d; r++) {
            for (int k = 0; k < d; k++) {
                double ar = a[2 * (r * d + k)], ai = a[2 * (r * d + k) + 1];
                if (ar == 0 && ai == 0) {
                    continue;
                }
                for (int col = 0; col < d; col++) {
                    double br = b[2 * (k * d + col)], bi = b[2 * (k * d + col) + 1];
                    c[2 * (r * d + col)] += ar * br - ai * bi;
                    c[2 * (r * d + col) + 1] += ar * bi + ai * br;
                }
            }
        }
        return c;
    }

    /** The conjugate transpose. */
    public static double[] dagger(double[] a) {
        int d = dim(a);
        double[] c = new double[a.length];
        for (int r = 0; r < d; r++) {
            for (int col = 0; col < d; col++) {
                c[2 * (col * d + r)] = a[2 * (r * d + col)];
                c[2 * (col * d + r) + 1] = -a[2 * (r * d + col) + 1];
            }
        }
        return c;
    }

    public static double[] scale(double[] a, double s) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= s;
        }
        return c;
    }

    /**
     * The Kronecker product with {@code high} acting on the more significant qubits: index bits of
     * {@code low} come first (little-endian), so {@code kron(high, low)} is {@code high (x) low}.
     */
    public static double[] kron(double[] high, double[] low) {
        int dh = dim(high), dl = dim(low), d = dh * dl;
        double[] c = new double[2 * d * d];
        for (int rh = 0; rh < dh; rh++) {
            for (int ch = 0; ch < dh; ch++) {
                double hr = high[2 * (rh * dh + ch)], hi = high[2 * (rh * dh + ch) + 1];
                for (int rl = 0; rl < dl; rl++) {
                    for (int cl = 0; cl < dl; cl++) {
                        double lr = low[2 * (rl * dl + cl)], li = low[2 * (rl * dl + cl) + 1];
                        int r = rh * dl + rl, col = ch * dl + cl;
                        c[2 * (r * d + col)] = hr * lr - hi * li;
                        c[2 * (r * d + col) + 1] = hr * li + hi * lr;
                    }
                }
            }
        }
        return c;
    }

    /**
     * The matrix of {@code base} controlled by {@code numControls} qubits that come first (low bits):
     * identity unless every control bit is 1, then {@code base} on the remaining (high) bits.
     */
    public static double[] controlled(double[] base, int numControls) {
        return controlledImpl(base, numControls, true);
    }

    /** Like {@link #controlled} but zero (not identity) where a control bit is 0: a derivative's shape. */
    public static double[] controlledBlockOnly(double[] base, int numControls) {
        return controlledImpl(base, numControls, false);
    }

    private static double[] controlledImpl(double[] base, int numControls, boolean identityElsewhere) {
        int db = dim(base), cmask = (1 << numControls) - 1, d = db << numControls;
        double[] m = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            if ((r & cmask) != cmask) {
                if (identityElsewhere) {
                    m[2 * (r * d + r)] = 1;
                }
                continue;
            }
            for (int tc = 0; tc < db; tc++) {
                int col = (tc << numControls) | cmask;
                int tr = r >> numControls;
                m[2 * (r * d + col)] = base[2 * (tr * db + tc)];
                m[2 * (r * d + col) + 1] = base[2 * (tr * db + tc) + 1];
            }
        }
        return m;
    }

    /**
     * Expands a gate matrix acting on {@code positions} (bit positions inside a block of
     * {@code blockQubits} qubits; positions[j] is where the gate's j-th qubit sits) to the whole block.
     */
    public static double[] embed(double[] gate, int[] positions, int blockQubits) {
        int dg = dim(gate), d = 1 << blockQubits;
        if (dg != 1 << positions.length) {
            throw new IllegalArgumentException("gate dimension does not match its positions");
        }
        int gateMask = 0;
        for (int p : positions) {
            if (p < 0 || p >= blockQubits || (gateMask & (1 << p)) != 0) {
                throw new IllegalArgumentException("bad or repeated position " + p);
            }
            gateMask |= 1 << p;
        }
        double[] m = new double[2 * d * d];
        for (int col = 0; col < d; col++) {
            int gc = extract(col, positions);
            int rest = col & ~gateMask;
            for (int gr = 0; gr < dg; gr++) {
                int r = rest | deposit(gr, positions);
                m[2 * (r * d + col)] = gate[2 * (gr * dg + gc)];
                m[2 * (r * d + col) + 1] = gate[2 * (gr * dg + gc) + 1];
            }
        }
        return m;
    }

    /** Gathers bits {@code positions[j]} of {@code index} into bit j of the result. */
    public static int extract(int index, int[] positions) {
        int v = 0;
        for (int j = 0; j < positions.length; j++) {
            v |= ((index >>> positions[j]) & 1) << j;
        }
        return v;
    }

    /** Scatters bit j of {@code value} to bit {@code positions[j]}. */
    public static int deposit(int value, int[] positions) {
        int v = 0;
        for (int j = 0; j < positions.length; j++) {
            v |= ((value >>> j) & 1) << positions[j];
        }
        return v;
    }

    /** True when every off-diagonal element is exactly zero. */
    public static boolean isDiagonal(double[] m) {
        int d = dim(m);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                if (r != c && (m[2 * (r * d + c)] != 0 || m[2 * (r * d + c) + 1] != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The largest absolute difference of any real or imaginary part. */
    public static double maxDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("size mismatch");
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
