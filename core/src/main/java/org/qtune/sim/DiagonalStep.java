package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.sim.kernel.DiagonalKernels;
import org.qtune.sim.kernel.VectorKernels;

/**
 * A run of diagonal gates merged into one pass. Each gate is a {@link Factor}: a table of 2^k phases
 * over its qubits. The array index is split into a row (the high bits) and a column (the low
 * {@code h} bits); factors over column bits only are multiplied into a column table, factors over
 * row bits only into a row table, so each amplitude costs two complex multiplications whatever the
 * number of gates. Factors that straddle the split (the ring-closing CZ of a ring, say) are folded
 * into one column table per value of the few row bits they read. Qubits outside the array (a cache
 * tile's fixed bits) are read from the tile's base index in {@link #prepare}.
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

    /** Row bits a straddling factor may read before it is evaluated per element instead. */
    private static final int MAX_VARIANT_BITS = 6;

    /** Column tables (one per variant), the row table, and the factors left for per-element work. */
    static final class Tables {
        double[][] colRe;
        double[][] colIm;
        int[] variantBits;
        double[] rowRe;
        double[] rowIm;
        Factor[] perElement;

        Tables copy() {
            Tables t = new Tables();
            t.colRe = new double[colRe.length][];
            t.colIm = new double[colIm.length][];
            for (int v = 0; v < colRe.length; v++) {
                t.colRe[v] = colRe[v].clone();
                t.colIm[v] = colIm[v].clone();
            }
            t.variantBits = variantBits;
            t.rowRe = rowRe.clone();
            t.rowIm = rowIm.clone();
            t.perElement = perElement;
            return t;
        }
    }

    private final int n;
    private final int h;
    private final Factor[] dynamicFactors;
    private final Tables staticTables;

    DiagonalStep(int n, List<Factor> factors, boolean vector) {
        super(vector);
        this.n = n;
        this.h = columnBits(n);
        List<Factor> st = new ArrayList<>(), dyn = new ArrayList<>();
        for (Factor f : factors) {
            (f.hasOutside() ? dyn : st).add(f);
        }
        this.dynamicFactors = dyn.toArray(new Factor[0]);
        this.staticTables = build(st);
    }

    /** Column bits: whole rows of at least 2^10 amplitudes, and row tables of at most 2^12 entries. */
    static int columnBits(int n) {
        return Math.min(n, Math.max(10, n - 12));
    }

    private Tables build(List<Factor> fs) {
        List<Factor> low = new ArrayList<>(), high = new ArrayList<>(), cross = new ArrayList<>(), slow = new ArrayList<>();
        int variantMask = 0;
        for (Factor f : fs) {
            boolean lo = true, hi = true;
            int rowBits = 0;
            for (int p : f.local) {
                lo &= p < h;
                hi &= p >= h;
                rowBits |= p >= h ? 1 << p : 0;
            }
            if (lo) {
                low.add(f);
            } else if (hi) {
                high.add(f);
            } else if (Integer.bitCount(variantMask | rowBits) <= MAX_VARIANT_BITS) {
                cross.add(f);
                variantMask |= rowBits;
            } else {
                slow.add(f);
            }
        }
        Tables t = new Tables();
        t.variantBits = bitsOf(variantMask);
        int variants = 1 << t.variantBits.length, cols = 1 << h;
        t.colRe = new double[variants][];
        t.colIm = new double[variants][];
        double[] baseRe = ones(cols), baseIm = new double[cols];
        for (Factor f : low) {
            multiplyFactor(baseRe, baseIm, f, 0, 0);
        }
        for (int v = 0; v < variants; v++) {
            double[] cr = baseRe.clone(), ci = baseIm.clone();
            int rowIndexBits = org.qtune.circuit.Matrices.deposit(v, t.variantBits);
            for (Factor f : cross) {
                multiplyFactor(cr, ci, f, 0, rowIndexBits);
            }
            t.colRe[v] = cr;
            t.colIm[v] = ci;
        }
        t.rowRe = ones(1 << (n - h));
        t.rowIm = new double[1 << (n - h)];
        for (Factor f : high) {
            multiplyFactor(t.rowRe, t.rowIm, f, h, 0);
        }
        t.perElement = slow.toArray(new Factor[0]);
        return t;
    }

    private static int[] bitsOf(int mask) {
        int[] b = new int[Integer.bitCount(mask)];
        for (int q = 0, c = 0; q < 32; q++) {
            if ((mask >>> q & 1) != 0) {
                b[c++] = q;
            }
        }
        return b;
    }

    private static double[] ones(int d) {
        double[] t = new double[d];
        java.util.Arrays.fill(t, 1.0);
        return t;
    }

    private static void multiplyConstant(double[] tr, double[] ti, double cr, double ci) {
        for (int v = 0; v < tr.length; v++) {
            double r = tr[v];
            tr[v] = r * cr - ti[v] * ci;
            ti[v] = r * ci + ti[v] * cr;
        }
    }

    /** t[v] *= f(bits of ((v << shift) | extra) at f's positions). */
    private static void multiplyFactor(double[] tr, double[] ti, Factor f, int shift, int extra) {
        for (int v = 0; v < tr.length; v++) {
            int idx = (v << shift) | extra, x = 0;
            for (int j = 0; j < f.local.length; j++) {
                x |= ((idx >>> f.local[j]) & 1) << j;
            }
            double r = tr[v], im = ti[v], fr = f.table[2 * x], fi = f.table[2 * x + 1];
            tr[v] = r * fr - im * fi;
            ti[v] = r * fi + im * fr;
        }
    }

    @Override
    int workItems(int arrayQubits) {
        return 1 << (arrayQubits - h);
    }

    @Override
    void prepare(Scratch s, int arrayQubits, int outside) {
        if (dynamicFactors.length == 0) {
            s.tables = staticTables;
            return;
        }
        // Fix the outside bits of the dynamic factors and fold them into copies of the static tables.
        Tables t = staticTables.copy();
        List<Factor> slow = new ArrayList<>(List.of(t.perElement));
        for (Factor dyn : dynamicFactors) {
            Factor f = dyn.reduce(outside);
            if (f.local.length == 0) {
                // all its qubits are outside: a constant phase for the whole tile, folded into the row table
                multiplyConstant(t.rowRe, t.rowIm, f.table[0], f.table[1]);
                continue;
            }
            boolean lo = true, hi = true;
            for (int p : f.local) {
                lo &= p < h;
                hi &= p >= h;
            }
            if (lo) {
                for (int v = 0; v < t.colRe.length; v++) {
                    multiplyFactor(t.colRe[v], t.colIm[v], f, 0, 0);
                }
            } else if (hi) {
                multiplyFactor(t.rowRe, t.rowIm, f, h, 0);
            } else {
                slow.add(f);
            }
        }
        t.perElement = slow.toArray(new Factor[0]);
        s.tables = t;
    }

    @Override
    void run(double[] re, double[] im, int arrayQubits, int from, int to, Scratch s) {
        final int cols = 1 << h;
        final Tables t = s.tables;
        for (int row = from; row < to; row++) {
            int rowBase = row << h;
            int v = 0;
            for (int j = 0; j < t.variantBits.length; j++) {
                v |= ((rowBase >>> t.variantBits[j]) & 1) << j;
            }
            double[] cr = t.colRe[v], ci = t.colIm[v];
            if (t.perElement.length > 0) {
                if (s.rowRe.length < cols) {
                    s.rowRe = new double[cols];
                    s.rowIm = new double[cols];
                }
                System.arraycopy(cr, 0, s.rowRe, 0, cols);
                System.arraycopy(ci, 0, s.rowIm, 0, cols);
                for (Factor f : t.perElement) {
                    for (int j = 0; j < cols; j++) {
                        int idx = rowBase | j, x = 0;
                        for (int b = 0; b < f.local.length; b++) {
                            x |= ((idx >>> f.local[b]) & 1) << b;
                        }
                        double fr = f.table[2 * x], fi = f.table[2 * x + 1], r = s.rowRe[j];
                        s.rowRe[j] = r * fr - s.rowIm[j] * fi;
                        s.rowIm[j] = r * fi + s.rowIm[j] * fr;
                    }
                }
                cr = s.rowRe;
                ci = s.rowIm;
            }
            if (vector) {
                VectorKernels.multiplyRowScaled(re, im, rowBase, cr, ci, t.rowRe[row], t.rowIm[row], cols);
            } else {
                DiagonalKernels.multiplyRowScaled(re, im, rowBase, cr, ci, t.rowRe[row], t.rowIm[row], cols);
            }
        }
    }
}
