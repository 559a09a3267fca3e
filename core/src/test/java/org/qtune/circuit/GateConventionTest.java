package org.qtune.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every gate of {@link Gate} against a definition written here, independently of {@code Gate} and
 * {@code Matrices} (this class has its own complex matrices, Kronecker product and matrix
 * exponential): the rotations as exp(-i t G / 2) of their Hermitian generators G, written as Kronecker
 * products of Pauli matrices and exponentiated by a Taylor series (scaling and squaring, accurate to
 * about 1e-15); the phase and U gates by their textbook formulas; the fixed gates by their textbook
 * matrices; every controlled gate as |0><0| (x) I + |1><1| (x) U. Matrices and, for parametrized
 * gates, every derivative matrix are compared at several angles to 1e-13.
 *
 * <p>Conventions checked (those of {@link Gate}'s Javadoc): qubit order is little-endian, bit j of a
 * matrix index is the gate's j-th qubit argument, so a two-qubit matrix is B (x) A for A on the first
 * argument (the low bit) and B on the second; controls are the leading arguments; R_P(t) =
 * exp(-i t P / 2); p(l) = diag(1, e^{il}); u3(t, f, l) = e^{i(f+l)/2} RZ(f) RY(t) RZ(l) (Qiskit's and
 * OpenQASM 3's U, global phase included); u2(f, l) = u3(pi/2, f, l); cu3 is u3 controlled with no
 * extra phase; cp the controlled p.
 */
class GateConventionTest {
    private static final double TOLERANCE = 1e-13;
    private static final double[] ANGLES = {0, 0.3, -1.7, Math.PI / 2, Math.PI, 2.9, -4.4, 7.1};

    // ------------------------------------------------------------------ complex matrices, independent of Matrices

    /** A d x d matrix from d*d complex entries given as (re, im) pairs, row by row. */
    private static double[] m(double... reIm) {
        return reIm;
    }

    private static int dim(double[] a) {
        return (int) Math.round(Math.sqrt(a.length / 2.0));
    }

    private static double[] identity(int d) {
        double[] r = new double[2 * d * d];
        for (int i = 0; i < d; i++) {
            r[2 * (i * d + i)] = 1;
        }
        return r;
    }

    private static double[] multiply(double[] a, double[] b) {
        int d = dim(a);
        double[] r = new double[2 * d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double re = 0, im = 0;
                for (int k = 0; k < d; k++) {
                    double ar = a[2 * (i * d + k)], ai = a[2 * (i * d + k) + 1];
                    double br = b[2 * (k * d + j)], bi = b[2 * (k * d + j) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                r[2 * (i * d + j)] = re;
                r[2 * (i * d + j) + 1] = im;
            }
        }
        return r;
    }

    private static double[] multiply(double[]... factors) {
        double[] r = factors[0];
        for (int i = 1; i < factors.length; i++) {
            r = multiply(r, factors[i]);
        }
        return r;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += b[i];
        }
        return r;
    }

    /** (re + i im) a. */
    private static double[] scale(double[] a, double re, double im) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i += 2) {
            r[i] = re * a[i] - im * a[i + 1];
            r[i + 1] = re * a[i + 1] + im * a[i];
        }
        return r;
    }

    private static double[] dagger(double[] a) {
        int d = dim(a);
        double[] r = new double[a.length];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                r[2 * (j * d + i)] = a[2 * (i * d + j)];
                r[2 * (j * d + i) + 1] = -a[2 * (i * d + j) + 1];
            }
        }
        return r;
    }

    /** The Kronecker product high (x) low: {@code low} acts on the low bits of the index. */
    private static double[] kron(double[] high, double[] low) {
        int dh = dim(high), dl = dim(low), d = dh * dl;
        double[] r = new double[2 * d * d];
        for (int hr = 0; hr < dh; hr++) {
            for (int hc = 0; hc < dh; hc++) {
                double xr = high[2 * (hr * dh + hc)], xi = high[2 * (hr * dh + hc) + 1];
                for (int lr = 0; lr < dl; lr++) {
                    for (int lc = 0; lc < dl; lc++) {
                        double yr = low[2 * (lr * dl + lc)], yi = low[2 * (lr * dl + lc) + 1];
                        int row = hr * dl + lr, col = hc * dl + lc;
                        r[2 * (row * d + col)] = xr * yr - xi * yi;
                        r[2 * (row * d + col) + 1] = xr * yi + xi * yr;
                    }
                }
            }
        }
        return r;
    }

    /** exp(a) by a Taylor series of a / 2^s (norm at most 1/2), squared s times. */
    private static double[] expm(double[] a) {
        int d = dim(a);
        double norm = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += Math.hypot(a[2 * (i * d + j)], a[2 * (i * d + j) + 1]);
            }
            norm = Math.max(norm, row);
        }
        int s = norm <= 0.5 ? 0 : (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2));
        double[] b = scale(a, Math.pow(2, -s), 0);
        double[] sum = identity(d), term = identity(d);
        for (int k = 1; k <= 30; k++) {
            term = scale(multiply(term, b), 1.0 / k, 0);
            sum = add(sum, term);
        }
        for (int i = 0; i < s; i++) {
            sum = multiply(sum, sum);
        }
        return sum;
    }

    /** exp(-i t G / 2). */
    private static double[] rotation(double[] generator, double t) {
        return expm(scale(generator, 0, -t / 2));
    }

    /** d/dt exp(-i t G / 2) = (-i G / 2) exp(-i t G / 2). */
    private static double[] rotationDerivative(double[] generator, double t) {
        return multiply(scale(generator, 0, -0.5), rotation(generator, t));
    }

    private static final double R = 1 / Math.sqrt(2);
    private static final double[] I2 = identity(2);
    private static final double[] X = m(0, 0, 1, 0, 1, 0, 0, 0);
    private static final double[] Y = m(0, 0, 0, -1, 0, 1, 0, 0);
    private static final double[] Z = m(1, 0, 0, 0, 0, 0, -1, 0);
    private static final double[] P0 = m(1, 0, 0, 0, 0, 0, 0, 0);
    private static final double[] P1 = m(0, 0, 0, 0, 0, 0, 1, 0);

    /** |0><0| (x) I + |1><1| (x) U on (control = first argument = low bit, then U's qubits). */
    private static double[] controlled(double[] u) {
        return add(kron(identity(dim(u)), P0), kron(u, P1));
    }

    /** U with k controls (the first k arguments, all must be 1). */
    private static double[] controlled(double[] u, int k) {
        double[] r = u;
        for (int i = 0; i < k; i++) {
            r = controlled(r);
        }
        return r;
    }

    /** |1><1| (x) dU: the derivative of a controlled gate. */
    private static double[] controlledDerivative(double[] du) {
        return kron(du, P1);
    }

    private static double[] rz(double t) {
        return rotation(Z, t);
    }

    private static double[] ry(double t) {
        return rotation(Y, t);
    }

    /** Textbook U3: e^{i(f+l)/2} RZ(f) RY(t) RZ(l). */
    private static double[] u3(double t, double f, double l) {
        return scale(multiply(rz(f), ry(t), rz(l)), Math.cos((f + l) / 2), Math.sin((f + l) / 2));
    }

    /** d u3 / d parameter k (t, f, l) by the product rule on the definition above. */
    private static double[] u3Derivative(double t, double f, double l, int k) {
        double gr = Math.cos((f + l) / 2), gi = Math.sin((f + l) / 2);
        return switch (k) {
            case 0 -> scale(multiply(rz(f), rotationDerivative(Y, t), rz(l)), gr, gi);
            case 1 -> add(scale(u3(t, f, l), 0, 0.5), scale(multiply(rotationDerivative(Z, f), ry(t), rz(l)), gr, gi));
            case 2 -> add(scale(u3(t, f, l), 0, 0.5), scale(multiply(rz(f), ry(t), rotationDerivative(Z, l)), gr, gi));
            default -> throw new AssertionError(k);
        };
    }

    /** Textbook U2: (1/sqrt 2) [[1, -e^{il}], [e^{if}, e^{i(f+l)}]]. */
    private static double[] u2(double f, double l) {
        return m(R, 0, -R * Math.cos(l), -R * Math.sin(l), R * Math.cos(f), R * Math.sin(f),
                R * Math.cos(f + l), R * Math.sin(f + l));
    }

    private static double[] phase(double l) {
        return m(1, 0, 0, 0, 0, 0, Math.cos(l), Math.sin(l));
    }

    private static double[] swap() {
        double[] r = new double[32];
        r[2 * (0 * 4 + 0)] = 1;
        r[2 * (1 * 4 + 2)] = 1;
        r[2 * (2 * 4 + 1)] = 1;
        r[2 * (3 * 4 + 3)] = 1;
        return r;
    }

    // ------------------------------------------------------------------ the table

    /** A gate's definition: its matrix and its derivatives for parameters, on a number of qubits. */
    private record Definition(int numQubits, Function<double[], double[]> matrix,
                              List<Function<double[], double[]>> derivatives) {
    }

    private static Definition fixed(int numQubits, double[] matrix) {
        return new Definition(numQubits, p -> matrix, List.of());
    }

    private static Definition rotation1(double[] generator) {
        return new Definition(dim(generator) == 2 ? 1 : 2, p -> rotation(generator, p[0]),
                List.of(p -> rotationDerivative(generator, p[0])));
    }

    private static Definition controlledRotation(double[] generator) {
        return new Definition(2, p -> controlled(rotation(generator, p[0])),
                List.of(p -> controlledDerivative(rotationDerivative(generator, p[0]))));
    }

    private static final double[] SX = m(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
    private static final double[] H = m(R, 0, R, 0, R, 0, -R, 0);

    private static Map<Gate, Definition> table() {
        Map<Gate, Definition> t = new EnumMap<>(Gate.class);
        t.put(Gate.ID, fixed(1, I2));
        t.put(Gate.X, fixed(1, X));
        t.put(Gate.Y, fixed(1, Y));
        t.put(Gate.Z, fixed(1, Z));
        t.put(Gate.H, fixed(1, H));
        t.put(Gate.S, fixed(1, m(1, 0, 0, 0, 0, 0, 0, 1)));
        t.put(Gate.SDG, fixed(1, m(1, 0, 0, 0, 0, 0, 0, -1)));
        t.put(Gate.T, fixed(1, m(1, 0, 0, 0, 0, 0, R, R)));
        t.put(Gate.TDG, fixed(1, m(1, 0, 0, 0, 0, 0, R, -R)));
        t.put(Gate.SX, fixed(1, SX));
        t.put(Gate.SXDG, fixed(1, dagger(SX)));
        t.put(Gate.RX, rotation1(X));
        t.put(Gate.RY, rotation1(Y));
        t.put(Gate.RZ, rotation1(Z));
        t.put(Gate.P, new Definition(1, p -> phase(p[0]),
                List.of(p -> m(0, 0, 0, 0, 0, 0, -Math.sin(p[0]), Math.cos(p[0])))));
        t.put(Gate.U2, new Definition(1, p -> u2(p[0], p[1]),
                List.of(p -> u3Derivative(Math.PI / 2, p[0], p[1], 1), p -> u3Derivative(Math.PI / 2, p[0], p[1], 2))));
        t.put(Gate.U3, new Definition(1, p -> u3(p[0], p[1], p[2]),
                List.of(p -> u3Derivative(p[0], p[1], p[2], 0), p -> u3Derivative(p[0], p[1], p[2], 1),
                        p -> u3Derivative(p[0], p[1], p[2], 2))));
        t.put(Gate.CX, fixed(2, controlled(X)));
        t.put(Gate.CY, fixed(2, controlled(Y)));
        t.put(Gate.CZ, fixed(2, controlled(Z)));
        t.put(Gate.CH, fixed(2, controlled(H)));
        t.put(Gate.SWAP, fixed(2, swap()));
        t.put(Gate.CRX, controlledRotation(X));
        t.put(Gate.CRY, controlledRotation(Y));
        t.put(Gate.CRZ, controlledRotation(Z));
        t.put(Gate.CP, new Definition(2, p -> controlled(phase(p[0])),
                List.of(p -> controlledDerivative(m(0, 0, 0, 0, 0, 0, -Math.sin(p[0]), Math.cos(p[0]))))));
        t.put(Gate.CU3, new Definition(2, p -> controlled(u3(p[0], p[1], p[2])),
                List.of(p -> controlledDerivative(u3Derivative(p[0], p[1], p[2], 0)),
                        p -> controlledDerivative(u3Derivative(p[0], p[1], p[2], 1)),
                        p -> controlledDerivative(u3Derivative(p[0], p[1], p[2], 2)))));
        t.put(Gate.RXX, rotation1(kron(X, X)));
        t.put(Gate.RYY, rotation1(kron(Y, Y)));
        t.put(Gate.RZZ, rotation1(kron(Z, Z)));
        t.put(Gate.CCX, fixed(3, controlled(X, 2)));
        t.put(Gate.CSWAP, fixed(3, controlled(swap())));
        t.put(Gate.MCX, fixed(4, controlled(X, 3)));
        return t;
    }

    private static List<double[]> parameterSets(int numParams) {
        List<double[]> sets = new ArrayList<>();
        if (numParams == 0) {
            sets.add(new double[0]);
            return sets;
        }
        for (int i = 0; i < ANGLES.length; i++) {
            double[] p = new double[numParams];
            for (int k = 0; k < numParams; k++) {
                p[k] = ANGLES[(i + 3 * k) % ANGLES.length] + 0.11 * k;
            }
            sets.add(p);
        }
        return sets;
    }

    private static double maxDifference(double[] a, double[] b) {
        assertEquals(a.length, b.length, "matrix sizes");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theTableDefinesEveryGate() {
        Set<Gate> missing = EnumSet.allOf(Gate.class);
        missing.removeAll(table().keySet());
        assertTrue(missing.isEmpty(), "gates without a definition in this test: " + missing);
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void everyGateMatrixEqualsItsDefinition(Gate g) {
        Definition d = table().get(g);
        for (double[] p : parameterSets(g.numParams())) {
            double diff = maxDifference(d.matrix().apply(p), g.matrix(d.numQubits(), p));
            assertTrue(diff < TOLERANCE, g + " at " + java.util.Arrays.toString(p) + " differs by " + diff);
        }
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void everyDerivativeMatrixEqualsTheDerivativeOfTheDefinition(Gate g) {
        Definition d = table().get(g);
        assertEquals(g.numParams(), d.derivatives().size(), g + ": one derivative per parameter");
        for (double[] p : parameterSets(g.numParams())) {
            for (int k = 0; k < g.numParams(); k++) {
                double diff = maxDifference(d.derivatives().get(k).apply(p), g.derivative(d.numQubits(), k, p));
                assertTrue(diff < TOLERANCE, g + " d/dparam" + k + " at " + java.util.Arrays.toString(p)
                        + " differs by " + diff);
            }
        }
    }

    @Test
    void mcxWithAnyNumberOfControlsIsXControlledByAllButTheLastQubit() {
        assertTrue(maxDifference(X, Gate.MCX.matrix(1)) < TOLERANCE, "no control: X");
        for (int controls = 1; controls <= 5; controls++) {
            double diff = maxDifference(controlled(X, controls), Gate.MCX.matrix(controls + 1));
            assertTrue(diff < TOLERANCE, controls + " controls: differs by " + diff);
        }
    }

    @Test
    void theGeneratorsAreHermitianAndTheirExponentialsUnitary() {
        // the test's own machinery: exp(-i t G/2) of a Hermitian G is unitary, and for G^2 = I it is the
        // closed form cos(t/2) I - i sin(t/2) G
        for (double[] g : List.of(X, Y, Z, kron(X, X), kron(Y, Y), kron(Z, Z), add(Z, scale(I2, -1, 0)))) {
            assertTrue(maxDifference(g, dagger(g)) == 0);
            for (double t : ANGLES) {
                double[] u = rotation(g, t);
                assertTrue(maxDifference(multiply(dagger(u), u), identity(dim(g))) < TOLERANCE);
                if (maxDifference(multiply(g, g), identity(dim(g))) == 0) {
                    double[] closed = add(scale(identity(dim(g)), Math.cos(t / 2), 0), scale(g, 0, -Math.sin(t / 2)));
                    assertTrue(maxDifference(closed, u) < TOLERANCE, "closed form at " + t);
                }
            }
        }
    }

    @Test
    void thePhaseGateIsARotationAboutZUpToAGlobalPhaseAndTheExponentialOfItsGenerator() {
        for (double l : ANGLES) {
            // p(l) = e^{il/2} rz(l) = exp(-i l (Z - I) / 2)
            assertTrue(maxDifference(Gate.P.matrix(1, l), scale(rz(l), Math.cos(l / 2), Math.sin(l / 2))) < TOLERANCE);
            assertTrue(maxDifference(Gate.P.matrix(1, l), rotation(add(Z, scale(I2, -1, 0)), l)) < TOLERANCE);
        }
    }

    @Test
    void cxMapsTheFirstArgumentsOneToAFlipOfTheSecond() {
        // |t c> = |01> (index 1: control, the first argument, is bit 0) goes to |11> (index 3)
        double[] cx = Gate.CX.matrix(2);
        assertEquals(1.0, cx[2 * (3 * 4 + 1)]);
        assertEquals(0.0, cx[2 * (1 * 4 + 1)]);
        assertEquals(1.0, cx[2 * (2 * 4 + 2)]);
    }
}
