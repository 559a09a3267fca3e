package org.qtune.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qtune.circuit.Matrices;

/**
 * A circuit compiled for one qubit count and one set of options: a list of passes over the state.
 * A pass either runs its steps on the whole state (each step split across threads), or, when the
 * state is larger than a cache tile, gathers one tile at a time (the tile's qubits: up to
 * {@code tileQubits} of them, always including the lowest ones so that copies move whole cache
 * lines), runs every step of the pass on the tile while it sits in cache, and scatters it back, with
 * tiles spread over threads. Each pass reads and writes the state once however many gates it holds:
 * this is what makes a layer of gates cost about one memory sweep instead of one per gate.
 */
final class Program {
    /** A pass: the tile's qubits (sorted; all qubits for a whole-state pass) and its steps. */
    static final class Pass {
        final int[] tileQubits;
        final List<Step> steps;
        final int numGates;
        /** For tiled passes: the outside qubits' offsets and the gather layout. */
        final int[] outside;
        final int run;
        final int[] runOffsets;

        Pass(int n, int[] tileQubits, List<Step> steps, int numGates) {
            this.tileQubits = tileQubits;
            this.steps = steps;
            this.numGates = numGates;
            boolean[] in = new boolean[n];
            for (int q : tileQubits) {
                in[q] = true;
            }
            int[] out = new int[n - tileQubits.length];
            for (int q = 0, c = 0; q < n; q++) {
                if (!in[q]) {
                    out[c++] = q;
                }
            }
            this.outside = out;
            int r = 0;
            while (r < tileQubits.length && tileQubits[r] == r) {
                r++;
            }
            this.run = r;
            int[] hi = Arrays.copyOfRange(tileQubits, r, tileQubits.length);
            this.runOffsets = new int[1 << hi.length];
            for (int v = 0; v < runOffsets.length; v++) {
                runOffsets[v] = Matrices.deposit(v, hi);
            }
        }

        boolean tiled() {
            return outside.length > 0;
        }
    }

    final int numQubits;
    final List<Pass> passes;

    private Program(int numQubits, List<Pass> passes) {
        this.numQubits = numQubits;
        this.passes = passes;
    }

    int numPasses() {
        return passes.size();
    }

    /** Sweeps over the whole array: a tiled pass makes one, a whole-array pass one per step. */
    int numSweeps() {
        int s = 0;
        for (Pass p : passes) {
            s += p.tiled() ? 1 : p.steps.size();
        }
        return s;
    }

    /** Compiles bound gates for an n-qubit state. */
    static Program compile(List<GateOp> ops, int n, SimulatorOptions opt, boolean vector) {
        return compile(ops, n, n, opt, vector);
    }

    /**
     * Compiles bound gates for an array holding 2^n of the amplitudes of a {@code totalQubits}-qubit
     * state: those whose index bits n..totalQubits-1 equal a base given to {@link #execute}. Every
     * non-diagonal gate must act on qubits below n, except the controls of X and SWAP gates; diagonal
     * gates may touch any qubit. With n == totalQubits this is the whole state.
     */
    static Program compile(List<GateOp> ops, int n, int totalQubits, SimulatorOptions opt, boolean vector) {
        for (GateOp g : ops) {
            if (!g.diagonal && (targetMask(g) >>> n) != 0) {
                throw new IllegalArgumentException("gate on qubits " + Arrays.toString(g.qubits)
                        + " needs qubits outside the " + n + " held here");
            }
        }
        List<Pass> passes = new ArrayList<>();
        if (!opt.blocking() || n <= opt.tileQubits()) {
            int[] all = allQubits(n);
            if (opt.fusion()) {
                passes.add(new Pass(n, all, steps(ops, all, totalQubits, opt, vector), ops.size()));
            } else {
                // One pass per gate: the unfused reference path.
                for (GateOp g : ops) {
                    passes.add(new Pass(n, all, steps(List.of(g), all, totalQubits, opt, vector), 1));
                }
            }
            return new Program(n, passes);
        }
        List<GateOp> remaining = ops;
        int m = opt.tileQubits();
        int low = Math.min(3, m);
        while (!remaining.isEmpty()) {
            int tile = (1 << low) - 1;
            int blocked = 0;
            List<GateOp> taken = new ArrayList<>(), deferred = new ArrayList<>();
            for (GateOp g : remaining) {
                int gm = g.mask();
                if ((gm & blocked) != 0) {
                    deferred.add(g);
                    blocked |= gm;
                    continue;
                }
                int need = g.diagonal ? 0 : targetMask(g);
                int u = tile | need;
                if (Integer.bitCount(u) <= m) {
                    tile = u;
                    taken.add(g);
                } else {
                    deferred.add(g);
                    blocked |= gm;
                }
            }
            if (taken.isEmpty()) {
                throw new IllegalStateException("a gate needs more than " + m + " tile qubits: "
                        + Arrays.toString(remaining.get(0).qubits));
            }
            // Fill the tile up to m qubits (bigger tiles, fewer of them), lowest qubits first.
            for (int q = 0; q < n && Integer.bitCount(tile) < m; q++) {
                tile |= 1 << q;
            }
            int[] tq = new int[Integer.bitCount(tile)];
            for (int q = 0, c = 0; q < n; q++) {
                if ((tile >>> q & 1) != 0) {
                    tq[c++] = q;
                }
            }
            List<Step> tileSteps = steps(taken, tq, totalQubits, opt, vector);
            if (tileSteps.size() == 1) {
                // One step gains nothing from a tile's copy in and out: run it on the whole state.
                int[] all = allQubits(n);
                passes.add(new Pass(n, all, steps(taken, all, totalQubits, opt, vector), taken.size()));
            } else {
                passes.add(new Pass(n, tq, tileSteps, taken.size()));
            }
            remaining = deferred;
        }
        return new Program(n, passes);
    }

    private static int[] allQubits(int n) {
        int[] all = new int[n];
        for (int q = 0; q < n; q++) {
            all[q] = q;
        }
        return all;
    }

    /** The qubits a gate needs inside a tile: all of them, except the controls of X and SWAP gates. */
    private static int targetMask(GateOp g) {
        if (g.controlledX || g.controlledSwap) {
            int m = 0;
            for (int j = g.numControls; j < g.qubits.length; j++) {
                m |= 1 << g.qubits[j];
            }
            return m;
        }
        return g.mask();
    }

    /** Steps for gates on an array whose position j holds qubit tileQubits[j]. */
    private static List<Step> steps(List<GateOp> ops, int[] tileQubits, int n, SimulatorOptions opt, boolean vector) {
        int[] local = new int[n];
        Arrays.fill(local, -1);
        for (int j = 0; j < tileQubits.length; j++) {
            local[tileQubits[j]] = j;
        }
        int m = tileQubits.length;
        List<Step> steps = new ArrayList<>();
        if (!opt.fusion()) {
            for (GateOp g : ops) {
                steps.add(step(g, local, m, vector));
            }
            return steps;
        }
        int insideMask = 0;
        for (int q : tileQubits) {
            insideMask |= 1 << q;
        }
        for (Fuser.Group grp : Fuser.fuse(ops, opt.maxFusedQubits(), insideMask,
                vector ? org.qtune.sim.kernel.VectorKernels.LOG_L : 0)) {
            if (grp.diagonal) {
                List<DiagonalStep.Factor> fs = new ArrayList<>();
                for (GateOp g : grp.factors) {
                    fs.add(factor(g, local));
                }
                steps.add(new DiagonalStep(m, fs, vector));
            } else if (grp.single != null) {
                steps.add(step(grp.single, local, m, vector));
            } else {
                int[] qs = new int[grp.qubits.size()];
                for (int j = 0; j < qs.length; j++) {
                    qs[j] = local[grp.qubits.get(j)];
                }
                steps.add(dense(qs, grp.matrix, vector));
            }
        }
        return steps;
    }

    private static DiagonalStep.Factor factor(GateOp g, int[] local) {
        int k = g.qubits.length, d = 1 << k;
        int[] lp = new int[k];
        for (int j = 0; j < k; j++) {
            lp[j] = local[g.qubits[j]];
        }
        double[] table = new double[2 * d];
        for (int v = 0; v < d; v++) {
            table[2 * v] = g.matrix[2 * (v * d + v)];
            table[2 * v + 1] = g.matrix[2 * (v * d + v) + 1];
        }
        return new DiagonalStep.Factor(lp, g.qubits.clone(), table);
    }

    private static Step dense(int[] qs, double[] matrix, boolean vector) {
        return qs.length == 1 ? new Step.Dense1(qs[0], matrix, vector) : new Step.DenseK(qs, matrix, vector);
    }

    private static Step step(GateOp g, int[] local, int m, boolean vector) {
        if (g.diagonal) {
            return new DiagonalStep(m, List.of(factor(g, local)), vector);
        }
        if (g.controlledX || g.controlledSwap) {
            int localMask = 0, outsideMask = 0;
            for (int j = 0; j < g.numControls; j++) {
                int q = g.qubits[j];
                if (local[q] >= 0) {
                    localMask |= 1 << local[q];
                } else {
                    outsideMask |= 1 << q;
                }
            }
            int k = g.qubits.length;
            return g.controlledX
                    ? new Step.ControlledX(local[g.qubits[k - 1]], localMask, outsideMask, vector)
                    : new Step.ControlledSwap(local[g.qubits[k - 2]], local[g.qubits[k - 1]], localMask, outsideMask);
        }
        int[] qs = new int[g.qubits.length];
        for (int j = 0; j < qs.length; j++) {
            qs[j] = local[g.qubits[j]];
        }
        return dense(qs, g.matrix, vector);
    }

    /** Runs the program on a whole state of {@link #numQubits} qubits. */
    void execute(double[] re, double[] im, Parallel par) {
        execute(re, im, par, 0);
    }

    /**
     * Runs the program on an array of 2^{@link #numQubits} amplitudes whose index bits above those
     * are {@code externalBase}'s (see {@link #compile(List, int, int, SimulatorOptions, boolean)}).
     */
    void execute(double[] re, double[] im, Parallel par, int externalBase) {
        Step.Scratch[] scratch = new Step.Scratch[par.threads()];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new Step.Scratch();
        }
        for (Pass p : passes) {
            if (p.tiled()) {
                executeTiled(p, re, im, par, scratch, externalBase);
            } else {
                for (Step s : p.steps) {
                    for (Step.Scratch sc : scratch) {
                        sc.preparedFor = null;
                    }
                    int items = s.workItems(numQubits);
                    int perItem = (1 << numQubits) / items;
                    int chunk = Math.max(s.alignment(), Parallel.CHUNK_AMPLITUDES / perItem);
                    par.forChunks(items, chunk, (from, to, w) -> {
                        Step.Scratch sc = scratch[w];
                        if (sc.preparedFor != s) {
                            s.prepare(sc, numQubits, externalBase);
                            sc.preparedFor = s;
                        }
                        s.run(re, im, numQubits, from, to, sc);
                    });
                }
            }
        }
    }

    private void executeTiled(Pass p, double[] re, double[] im, Parallel par, Step.Scratch[] scratch,
                              int externalBase) {
        final int m = p.tileQubits.length;
        final int tiles = 1 << p.outside.length;
        final int runLen = 1 << p.run;
        double[][] bufRe = new double[par.threads()][], bufIm = new double[par.threads()][];
        par.forTasks(tiles, (t0, t1, w) -> {
            if (bufRe[w] == null) {
                bufRe[w] = new double[1 << m];
                bufIm[w] = new double[1 << m];
            }
            double[] br = bufRe[w], bi = bufIm[w];
            Step.Scratch sc = scratch[w];
            for (int t = t0; t < t1; t++) {
                int base = Matrices.deposit(t, p.outside);
                gather(re, im, br, bi, base, p.runOffsets, runLen);
                for (Step s : p.steps) {
                    s.prepare(sc, m, base | externalBase);
                    s.run(br, bi, m, 0, s.workItems(m), sc);
                }
                scatter(re, im, br, bi, base, p.runOffsets, runLen);
            }
        });
    }

    private static void gather(double[] re, double[] im, double[] br, double[] bi, int base, int[] offsets, int runLen) {
        for (int v = 0; v < offsets.length; v++) {
            System.arraycopy(re, base + offsets[v], br, v * runLen, runLen);
            System.arraycopy(im, base + offsets[v], bi, v * runLen, runLen);
        }
    }

    private static void scatter(double[] re, double[] im, double[] br, double[] bi, int base, int[] offsets, int runLen) {
        for (int v = 0; v < offsets.length; v++) {
            System.arraycopy(br, v * runLen, re, base + offsets[v], runLen);
            System.arraycopy(bi, v * runLen, im, base + offsets[v], runLen);
        }
    }
}
