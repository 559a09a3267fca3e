package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.sim.kernel.DiagonalKernels;
import org.qtune.sim.kernel.VectorKernels;

/**
 * A run of diagonal gates merged into one pass. Each gate is a {@link Factor}: a table of 2^k phases
 * over its qubits. The array index is split into a row (the high bits) and a column (the low
 * {@code h} bits); factors over column bits only are multiplied into one column table, factors over
 * row bits only into one row table, so each amplitude costs one table product and one multiply.
 * Factors straddling the split are evaluated per row. Qubits outside the array (a cache tile's fixed
 * bits) are read from the tile's base index in {@link #prepare}.
 */
final class DiagonalStep extends Step {
    /** One diagonal gate: local[j] is the array position of its j-th qubit, or -1 with global[j] outside. */
    static final class Factor {
        final int[] local;
        final int[] global;
        final double[] table;

        Factor(int[] local, int[] global, double[] table) {
            this.local = local;
            this.global = global;
            this.table = table;
        }

        boolean hasOutside() {
            for (int p : local) {
                if (p < 0) {
                    return true;
                }
            }
            return false;
        }

        /** This factor with its outside qubits fixed by {@code outside}'s bits: a factor on local qubits only. */
        Factor reduce(int outside) {
            int kl = 0;
            for (int p : local) {
                kl += p >= 0 ? 1 : 0;
            }
            int[] pos = new int[kl];
            int fixed = 0;
            int[] whereInFull = new int[kl];
            for (int j = 0, c = 0; j < local.length; j++) {
                if (local[j] >= 0) {
                    pos[c] = local[j];
                    whereInFull[c++] = j;
                } else if ((outside >>> global[j] & 1) != 0) {
                    fixed |= 1 << j;
                }
            }
            double[] t = new double[2 << kl];
            for (int v = 0; v < (1 << kl); v++) {
                int full = fixed;
                for (int c = 0; c < kl; c++) {
                    full |= ((v >>> c) & 1) << whereInFull[c];
                }
                t[2 * v] = table[2 * full];
                t[2 * v + 1] = table[2 * full + 1];
            }
            return new Factor(pos, pos, t);
        }
    }

    private final int n;
    private final int h;
    private final Factor[] staticFactors;
    private final Factor[] dynamicFactors;
    /** Column and row tables of the static factors; null when there are dynamic factors. */
    private final double[] tableLow;
    private final double[] tableHigh;
    private final Factor[] staticCross;

    DiagonalStep(int n, List<Factor> factors, boolean vector) {
        super(vector);
        this.n = n;
        this.h = columnBits(n);
        List<Factor> st = new ArrayList<>(), dyn = new ArrayList<>();
        for (Factor f : factors) {
            (f.hasOutside() ? dyn : st).add(f);
        }
        this.staticFactors = st.toArray(new Factor[0]);
        this.dynamicFactors = dyn.toArray(new Factor[0]);
        double[] tl = ones(1 << h), th = ones(1 << (n - h));
        List<Factor> cross = new ArrayList<>();
        classify(staticFactors, tl, th, cross);
        this.tableLow = tl;
        this.tableHigh = th;
        this.staticCross = cross.toArray(new Factor[0]);
    }

    /** Column bits: whole rows of at least 2^10 amplitudes, and row tables of at most 2^12 entries. */
    static int columnBits(int n) {
        return Math.min(n, Math.max(10, n - 12));
    }

    private static double[] ones(int d) {
        double[] t = new double[2 * d];
        for (int i = 0; i < d; i++) {
            t[2 * i] = 1;
        }
        return t;
    }

    /** Multiplies column-only factors into tl, row-only factors into th, and collects the rest. */
    private void classify(Factor[] fs, double[] tl, double[] th, List<Factor> cross) {
        for (Factor f : fs) {
            boolean low = true, high = true;
            for (int p : f.local) {
                low &= p < h;
                high &= p >= h;
            }
            if (f.local.length == 0) {
                multiplyConstant(tl, f.table[0], f.table[1]);
            } else if (low) {
                multiplyFactor(tl, f, 0);
            } else if (high) {
                multiplyFactor(th, f, h);
            } else {
                cross.add(f);
            }
        }
    }

    private static void multiplyConstant(double[] t, double cr, double ci) {
        for (int i = 0; i < t.length; i += 2) {
            double r = t[i], im = t[i + 1];
            t[i] = r * cr - im * ci;
            t[i + 1] = r * ci + im * cr;
        }
    }

    /** t[v] *= f(bits of (v << shift) at f's positions). */
    private static void multiplyFactor(double[] t, Factor f, int shift) {
        int d = t.length / 2;
        for (int v = 0; v < d; v++) {
            int idx = v << shift, x = 0;
            for (int j = 0; j < f.local.length; j++) {
                x |= ((idx >>> f.local[j]) & 1) << j;
            }
            double r = t[2 * v], im = t[2 * v + 1], fr = f.table[2 * x], fi = f.table[2 * x + 1];
            t[2 * v] = r * fr - im * fi;
            t[2 * v + 1] = r * fi + im * fr;
        }
    }

    @Override
    int workItems(int arrayQubits) {
        return 1 << (arrayQubits - h);
    }

    @Override
    void prepare(Scratch s, int arrayQubits, int outside) {
        int cols = 1 << h;
        if (s.rowRe.length < cols) {
            s.rowRe = new double[cols];
            s.rowIm = new double[cols];
        }
        List<Factor> cross = new ArrayList<>(List.of(staticCross));
        if (dynamicFactors.length == 0) {
            s.tableLow = tableLow;
            s.tableHigh = tableHigh;
        } else {
            s.tableLow = tableLow.clone();
            s.tableHigh = tableHigh.clone();
            Factor[] reduced = new Factor[dynamicFactors.length];
            for (int i = 0; i < reduced.length; i++) {
                reduced[i] = dynamicFactors[i].reduce(outside);
            }
            classify(reduced, s.tableLow, s.tableHigh, cross);
        }
        s.cross = cross.toArray(new Factor[0]);
        s.numCross = s.cross.length;
    }

    @Override
    void run(double[] re, double[] im, int arrayQubits, int from, int to, Scratch s) {
        final int cols = 1 << h;
        final double[] tl = s.tableLow, th = s.tableHigh;
        for (int row = from; row < to; row++) {
            double hr = th[2 * row], hi = th[2 * row + 1];
            double[] rr = s.rowRe, ri = s.rowIm;
            for (int j = 0; j < cols; j++) {
                double lr = tl[2 * j], li = tl[2 * j + 1];
                rr[j] = lr * hr - li * hi;
                ri[j] = lr * hi + li * hr;
            }
            for (int c = 0; c < s.numCross; c++) {
                Factor f = s.cross[c];
                int base = row << h;
                for (int j = 0; j < cols; j++) {
                    int idx = base | j, x = 0;
                    for (int b = 0; b < f.local.length; b++) {
                        x |= ((idx >>> f.local[b]) & 1) << b;
                    }
                    double fr = f.table[2 * x], fi = f.table[2 * x + 1], r = rr[j];
                    rr[j] = r * fr - ri[j] * fi;
                    ri[j] = r * fi + ri[j] * fr;
                }
            }
            if (vector) {
                VectorKernels.multiplyRow(re, im, row << h, rr, ri, cols);
            } else {
                DiagonalKernels.multiplyRow(re, im, row << h, rr, ri, cols);
            }
        }
    }

    int numFactors() {
        return staticFactors.length + dynamicFactors.length;
    }

    int arrayQubits() {
        return n;
    }
}
