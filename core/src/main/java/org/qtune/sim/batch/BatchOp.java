package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Gate;
import org.qtune.sim.GateTape;

/**
 * One gate of a batched program with its arguments resolved to parameter indices: argument k is
 * {@code coefficient[k] * theta[param[k]] + offset[k]} (param -1: the constant offset), as the
 * circuit's {@link GateTape} entry says, and per-member when any argument reads a per-member
 * parameter. Immutable.
 */
final class BatchOp {
    final GateTape.Entry entry;
    final Gate gate;
    final int[] qubits;
    final int[] param;
    final double[] coefficient;
    final double[] offset;
    final boolean perMember;
    /** Qubits that only control (the leading ones), as a mask; the rest are targets. */
    final int controlMask;
    final int mask;
    /** For a parametrized diagonal gate, its phases' derivatives by the argument (see {@link #phaseDerivative}). */
    private final double[] phaseDerivative;

    BatchOp(GateTape.Entry entry, boolean[] perMemberParams) {
        this.entry = entry;
        this.gate = entry.gate();
        this.qubits = entry.qubits();
        int k = entry.arguments().size();
        this.param = new int[k];
        this.coefficient = new double[k];
        this.offset = new double[k];
        boolean pm = false;
        for (int j = 0; j < k; j++) {
            GateTape.Argument a = entry.arguments().get(j);
            param[j] = a.parameter();
            coefficient[j] = a.coefficient();
            offset[j] = a.offset();
            pm |= a.isSymbolic() && perMemberParams[a.parameter()];
        }
        this.perMember = pm;
        int c = 0, m = 0;
        int controls = gate.numControls(qubits.length);
        for (int j = 0; j < qubits.length; j++) {
            m |= 1 << qubits[j];
            if (j < controls) {
                c |= 1 << qubits[j];
            }
        }
        this.controlMask = c;
        this.mask = m;
        this.phaseDerivative = k == 1 ? entry.phaseDerivative(0) : null;
    }

    /** A fixed gate (no parameter). */
    static BatchOp fixed(Gate gate, int[] qubits, double... args) {
        List<GateTape.Argument> constants = new ArrayList<>(args.length);
        for (double a : args) {
            constants.add(GateTape.Argument.constant(a));
        }
        return new BatchOp(GateTape.Entry.of(gate, qubits, constants), new boolean[0]);
    }

    /** The generator of argument a's derivative (which closed form the adjoint's term takes). */
    GateTape.Generator generator(int a) {
        return entry.generators().get(a);
    }

    boolean isDiagonal() {
        return gate.isDiagonal();
    }

    boolean isPermutation() {
        return gate.kind() == Gate.Kind.PERMUTATION;
    }

    boolean isSymbolic() {
        for (int p : param) {
            if (p >= 0) {
                return true;
            }
        }
        return false;
    }

    /** One target qubit after the controls: the op is a (controlled) one-qubit gate. */
    boolean isOneTarget() {
        return qubits.length - gate.numControls(qubits.length) == 1;
    }

    int target() {
        return qubits[qubits.length - 1];
    }

    /** Argument k of member b (b ignored for shared arguments). */
    double arg(int k, BatchParameters p, int b) {
        if (param[k] < 0) {
            return offset[k];
        }
        double[] v = p.raw(param[k]);
        return coefficient[k] * v[v.length == 1 ? 0 : b] + offset[k];
    }

    double[] args(BatchParameters p, int b) {
        double[] a = new double[param.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = arg(k, p, b);
        }
        return a;
    }

    /** The full matrix (all qubits) for member b. */
    double[] matrix(BatchParameters p, int b) {
        return gate.matrix(qubits.length, args(p, b));
    }

    /**
     * For a parametrized diagonal gate D = diag(e^{i phi_j(a)}) over its qubits' patterns j: the
     * derivatives phi_j'(a), so that dD/da D^dag = i diag(phi'); null for any other gate. Not copied:
     * do not modify.
     */
    double[] phaseDerivative() {
        return phaseDerivative;
    }

    /** The one-qubit gate a (controlled) one-target gate applies to its target. */
    Gate baseGate() {
        return switch (gate) {
            case CX, CCX, MCX -> Gate.X;
            case CY -> Gate.Y;
            case CZ -> Gate.Z;
            case CH -> Gate.H;
            case CRX -> Gate.RX;
            case CRY -> Gate.RY;
            case CRZ -> Gate.RZ;
            case CP -> Gate.P;
            case CU3 -> Gate.U3;
            default -> gate;
        };
    }

    /**
     * Writes the target's 2x2 matrix of members [b0, b1) into m[0..7][b] (interleaved entries as
     * separate arrays); closed forms for the rotations, the generic gate matrix otherwise.
     */
    void targetMatrices(BatchParameters p, int b0, int b1, double[][] m) {
        Gate base = baseGate();
        switch (base) {
            case RX, RY, RZ, P -> {
                if (!perMember) {
                    double a = arg(0, p, 0), h = base == Gate.P ? a : a / 2;
                    fillRotation(m, base, b0, b1, Math.cos(h), Math.sin(h));
                    return;
                }
                // per-member angles: the trig of the whole block at once (vectorized), then the entries
                // by array copies, negations and fills; the angle goes through an entry that ends as 0
                int cosAt, sinAt, angleAt;
                switch (base) {
                    case RX -> { cosAt = 0; sinAt = 3; angleAt = 1; }
                    case RY -> { cosAt = 0; sinAt = 4; angleAt = 1; }
                    case RZ -> { cosAt = 0; sinAt = 7; angleAt = 2; }
                    default -> { cosAt = 6; sinAt = 7; angleAt = 1; }
                }
                double[] angle = m[angleAt];
                double scale = base == Gate.P ? 1 : 0.5;
                double[] v = p.raw(param[0]);
                double c0 = coefficient[0], o0 = offset[0];
                for (int b = b0; b < b1; b++) {
                    angle[b] = (c0 * v[b] + o0) * scale;
                }
                Kernels.sinCos(angle, m[sinAt], m[cosAt], b0, b1);
                switch (base) {
                    case RX -> { // [[c, -is], [-is, c]]
                        negate(m[3], b0, b1);
                        System.arraycopy(m[3], b0, m[5], b0, b1 - b0);
                        System.arraycopy(m[0], b0, m[6], b0, b1 - b0);
                        zero(m, b0, b1, 1, 2, 4, 7);
                    }
                    case RY -> { // [[c, -s], [s, c]]
                        System.arraycopy(m[4], b0, m[2], b0, b1 - b0);
                        negate(m[2], b0, b1);
                        System.arraycopy(m[0], b0, m[6], b0, b1 - b0);
                        zero(m, b0, b1, 1, 3, 5, 7);
                    }
                    case RZ -> { // diag(c - is, c + is)
                        System.arraycopy(m[7], b0, m[1], b0, b1 - b0);
                        negate(m[1], b0, b1);
                        System.arraycopy(m[0], b0, m[6], b0, b1 - b0);
                        zero(m, b0, b1, 2, 3, 4, 5);
                    }
                    default -> { // diag(1, e^{ia})
                        java.util.Arrays.fill(m[0], b0, b1, 1);
                        zero(m, b0, b1, 1, 2, 3, 4, 5);
                    }
                }
            }
            default -> {
                if (!perMember) {
                    double[] g = base.matrix(1, args(p, 0));
                    for (int b = b0; b < b1; b++) {
                        set(m, b, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
                    }
                } else {
                    for (int b = b0; b < b1; b++) {
                        double[] g = base.matrix(1, args(p, b));
                        set(m, b, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
                    }
                }
            }
        }
    }

    private static void negate(double[] a, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            a[b] = -a[b];
        }
    }

    private static void zero(double[][] m, int b0, int b1, int... entries) {
        for (int e : entries) {
            java.util.Arrays.fill(m[e], b0, b1, 0);
        }
    }

    /** The entries of rx, ry, rz (c, s of the half angle) or p (of the angle) for members [b0, b1). */
    private static void fillRotation(double[][] m, Gate base, int b0, int b1, double c, double s) {
        for (int b = b0; b < b1; b++) {
            switch (base) {
                case RX -> set(m, b, c, 0, 0, -s, 0, -s, c, 0);
                case RY -> set(m, b, c, 0, -s, 0, s, 0, c, 0);
                case RZ -> set(m, b, c, -s, 0, 0, 0, 0, c, s);
                default -> set(m, b, 1, 0, 0, 0, 0, 0, c, s);
            }
        }
    }

    private static void set(double[][] m, int b, double a0, double a1, double a2, double a3, double a4, double a5,
                            double a6, double a7) {
        m[0][b] = a0;
        m[1][b] = a1;
        m[2][b] = a2;
        m[3][b] = a3;
        m[4][b] = a4;
        m[5][b] = a5;
        m[6][b] = a6;
        m[7][b] = a7;
    }

    /**
     * The diagonal of a diagonal gate for member b: phase of pattern j (bit i = qubits[i]) into
     * (re[j], im[j]); closed forms for the parametrized ones.
     */
    void diagonal(BatchParameters p, int b, double[] re, double[] im) {
        diagonal(p, b, re, im, 1 << qubits.length);
    }

    /** As {@link #diagonal(BatchParameters, int, double[], double[])}, filling the first {@code d} entries. */
    void diagonal(BatchParameters p, int b, double[] re, double[] im, int d) {
        switch (gate) {
            case RZ, CRZ, RZZ -> {
                double a = arg(0, p, b) / 2, c = Math.cos(a), s = Math.sin(a);
                for (int j = 0; j < d; j++) {
                    boolean odd;
                    if (gate == Gate.RZ) {
                        odd = j == 1;
                    } else if (gate == Gate.RZZ) {
                        odd = Integer.bitCount(j) == 1;
                    } else {
                        if ((j & 1) == 0) { // control off
                            re[j] = 1;
                            im[j] = 0;
                            continue;
                        }
                        odd = (j & 2) != 0;
                    }
                    re[j] = c;
                    im[j] = odd ? s : -s;
                }
            }
            case P, CP -> {
                double a = arg(0, p, b);
                int all = d - 1;
                for (int j = 0; j < d; j++) {
                    re[j] = j == all ? Math.cos(a) : 1;
                    im[j] = j == all ? Math.sin(a) : 0;
                }
            }
            default -> {
                double[] g = matrix(p, b);
                for (int j = 0; j < d; j++) {
                    re[j] = g[2 * (j * d + j)];
                    im[j] = g[2 * (j * d + j) + 1];
                }
            }
        }
    }
}
