package org.qtune.sim;

import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.Parameter;

/**
 * An independent reference for tests: applies each gate's full matrix by the textbook formula
 * out[i] = sum_v U[row(i), v] in[i with the gate's bits set to v], one gate at a time, with no
 * kernels, fusion, blocking or threads.
 */
public final class NaiveReference {
    private NaiveReference() {
    }

    public static double[][] run(Circuit c, double[] theta, double[] re0, double[] im0) {
        double[] re = re0.clone(), im = im0.clone();
        for (Operation op : c.operations()) {
            double[] m = op.matrix(op.paramValues(c, theta));
            double[][] r = applyMatrix(re, im, op.qubits(), m);
            re = r[0];
            im = r[1];
        }
        return new double[][] {re, im};
    }

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
     * A random circuit using every gate kind, with every parametrized gate taking a symbolic parameter
     * (some through affine expressions, some shared between gates).
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

    public static double[] randomTheta(Circuit c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[c.numParameters()];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextDouble(-Math.PI, Math.PI);
        }
        return t;
    }

    static int[] distinct(int n, int k, SplittableRandom rnd) {
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
        return java.util.Arrays.copyOf(perm, k);
    }
}
