package org.qtune.testing;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.sim.StateVector;

/**
 * The one deliberately naive reference simulator of the tests (the simulator's, the gradients', the
 * batched simulator's and the OpenQASM reader's and writers'): each gate's full matrix applied by the
 * textbook formula out[i] = sum_v U[row(i), v] in[i with the gate's bits set to v], one gate at a time,
 * with no kernels, fusion, blocking, threads or {@code Matrices} helpers. It shares nothing with the
 * code under test but the gates' matrices ({@code Operation.matrix}), which {@code GateConventionTest}
 * checks against their textbook definitions.
 *
 * <p>Also here: random states, circuits and parameters for property tests, and two small matrix
 * helpers of the OpenQASM tests.
 */
public final class DenseReference {
    private DenseReference() {
    }

    /** The state (split re, im; not modified) after circuit {@code c} at parameters {@code theta}. */
    public static double[][] run(Circuit c, double[] theta, double[] re0, double[] im0) {
        double[] re = re0.clone(), im = im0.clone();
        for (Operation op : c.operations()) {
            double[][] r = applyMatrix(re, im, op.qubits(), op.matrix(op.paramValues(c, theta)));
            re = r[0];
            im = r[1];
        }
        return new double[][] {re, im};
    }

    /**
     * A new state: matrix {@code m} (interleaved row-major, bit j of its index = qubit {@code qubits[j]})
     * applied to {@code re, im}, which are not modified.
     */
    public static double[][] applyMatrix(double[] re, double[] im, int[] qubits, double[] m) {
        int k = qubits.length, d = 1 << k;
        double[] ore = new double[re.length], oim = new double[im.length];
        for (int i = 0; i < re.length; i++) {
            int row = 0, rest = i;
            for (int j = 0; j < k; j++) {
                row |= ((i >>> qubits[j]) & 1) << j;
                rest &= ~(1 << qubits[j]);
            }
            double sr = 0, si = 0;
            for (int v = 0; v < d; v++) {
                int src = rest;
                for (int j = 0; j < k; j++) {
                    src |= ((v >>> j) & 1) << qubits[j];
                }
                double mr = m[2 * (row * d + v)], mi = m[2 * (row * d + v) + 1];
                sr += mr * re[src] - mi * im[src];
                si += mr * im[src] + mi * re[src];
            }
            ore[i] = sr;
            oim[i] = si;
        }
        return new double[][] {ore, oim};
    }

    /**
     * The state (interleaved re, im; not modified) after a circuit whose parameters are all constant
     * acts on {@code state}.
     */
    public static double[] apply(Circuit circuit, double[] state) {
        int dim = state.length / 2;
        double[] re = new double[dim], im = new double[dim];
        for (int i = 0; i < dim; i++) {
            re[i] = state[2 * i];
            im[i] = state[2 * i + 1];
        }
        for (Operation op : circuit.operations()) {
            double[][] r = applyMatrix(re, im, op.qubits(), op.matrix(op.constantParamValues()));
            re = r[0];
            im = r[1];
        }
        double[] out = new double[2 * dim];
        for (int i = 0; i < dim; i++) {
            out[2 * i] = re[i];
            out[2 * i + 1] = im[i];
        }
        return out;
    }

    /**
     * The 2^n x 2^n unitary (interleaved row-major) of a circuit with constant parameters, column by
     * column: column c is the circuit applied to basis state c. n at most 7.
     */
    public static double[] unitary(Circuit circuit) {
        int n = circuit.numQubits();
        if (n > 7) {
            throw new IllegalArgumentException(n + " qubits is too many for a dense unitary");
        }
        int dim = 1 << n;
        double[] u = new double[2 * dim * dim];
        for (int c = 0; c < dim; c++) {
            double[] basis = new double[2 * dim];
            basis[2 * c] = 1;
            double[] col = apply(circuit, basis);
            for (int r = 0; r < dim; r++) {
                u[2 * (r * dim + c)] = col[2 * r];
                u[2 * (r * dim + c) + 1] = col[2 * r + 1];
            }
        }
        return u;
    }

    /** The matrix {@code e^{i phase} m}. */
    public static double[] timesPhase(double[] m, double phase) {
        double c = Math.cos(phase), s = Math.sin(phase);
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i += 2) {
            r[i] = c * m[i] - s * m[i + 1];
            r[i + 1] = c * m[i + 1] + s * m[i];
        }
        return r;
    }

    /**
     * The matrix of a gate whose last qubit is the target and whose other (low) qubits select which
     * 2x2 matrix acts on it: {@code blocks[s]} for control bits {@code s}.
     */
    public static double[] controlledByState(double[]... blocks) {
        int numStates = blocks.length, d = 2 * numStates;
        double[] m = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                int s = r % numStates;
                if (c % numStates != s) {
                    continue;
                }
                int tr = r / numStates, tc = c / numStates;
                m[2 * (r * d + c)] = blocks[s][2 * (tr * 2 + tc)];
                m[2 * (r * d + c) + 1] = blocks[s][2 * (tr * 2 + tc) + 1];
            }
        }
        return m;
    }

    /** A normalized random state. */
    public static StateVector randomState(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] re = new double[1 << n], im = new double[1 << n];
        double norm = 0;
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
            norm += re[i] * re[i] + im[i] * im[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < re.length; i++) {
            re[i] /= norm;
            im[i] /= norm;
        }
        return StateVector.of(re, im);
    }

    /**
     * A random circuit using every gate kind; with {@code symbolic}, every parametrized gate takes a
     * symbolic parameter (some through affine expressions, some shared between gates), otherwise
     * constants.
     */
    public static Circuit randomCircuit(int n, int numGates, long seed, boolean symbolic) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Circuit.Builder b = Circuit.builder(n);
        Gate[] gates = Gate.values();
        int made = 0, pcount = 0;
        while (made < numGates) {
            Gate g = gates[rnd.nextInt(gates.length)];
            int arity = g.arity() > 0 ? g.arity() : 1 + rnd.nextInt(Math.min(n, 5));
            if (arity > n) {
                continue;
            }
            int[] qs = distinct(n, arity, rnd);
            ParameterExpression[] ps = new ParameterExpression[g.numParams()];
            for (int k = 0; k < ps.length; k++) {
                if (symbolic) {
                    int which = rnd.nextInt(4) == 0 && pcount > 0 ? rnd.nextInt(pcount) : pcount++;
                    Parameter p = Parameter.of("p" + which);
                    ps[k] = rnd.nextBoolean() ? ParameterExpression.of(p)
                            : ParameterExpression.affine(rnd.nextDouble(-2, 2), p, rnd.nextDouble(-1, 1));
                } else {
                    ps[k] = ParameterExpression.constant(rnd.nextDouble(-Math.PI, Math.PI));
                }
            }
            b.add(g, ps, qs);
            made++;
        }
        return b.build();
    }

    /** Random parameter values in [-pi, pi), one per circuit parameter. */
    public static double[] randomTheta(Circuit c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[c.numParameters()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextDouble(-Math.PI, Math.PI);
        }
        return t;
    }

    private static int[] distinct(int n, int k, SplittableRandom rnd) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, k);
    }
}
