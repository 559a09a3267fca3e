package org.qtune.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qtune.circuit.Matrices;
import org.qtune.sim.kernel.DenseKernels;
import org.qtune.sim.kernel.PermutationKernels;
import org.qtune.sim.kernel.VectorKernels;

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
    /** How a pass runs. */
    enum Kind {
        /** Each step over the whole array, split across threads (a state in one pair of arrays). */
        WHOLE,
        /** Tiles gathered into per-thread buffers, every step run on the tile, scattered back. */
        TILED,
        /** A program for one page, run on every page of a paged state in turn. */
        PAGE_LOCAL,
        /**
         * A one-qubit matrix, or a (multi-)controlled X, whose target is a page qubit: each pair of
         * pages differing in it, element by element.
         */
        PAGE_PAIR
    }

    /** A pass: the tile's qubits (sorted; all qubits for a whole-state pass) and its steps. */
    static final class Pass {
        final Kind kind;
        final int[] tileQubits;
        final List<Step> steps;
        final int numGates;
        /** For tiled passes: the outside qubits' offsets and the gather layout. */
        final int[] outside;
        final int run;
        final int[] runOffsets;
        /** For PAGE_LOCAL passes. */
        final Program pageProgram;
        /**
         * For PAGE_PAIR passes: the target's bit in the page index; the 2x2 matrix, or null for an X
         * that swaps the elements whose controls are set: the controls' bits within a page and in the
         * page index.
         */
        final int pageBit;
        final double[] matrix;
        final boolean vector;
        final int localControls;
        final int pageControls;

        /** A whole-array pass ({@code tileQubits} = all n qubits) or a tiled one. */
        Pass(int n, int[] tileQubits, List<Step> steps, int numGates) {
            this(n, n, tileQubits, steps, numGates, tileQubits.length < n ? Kind.TILED : Kind.WHOLE);
        }

        /**
         * A pass over a state of n qubits stored in pages of 2^pageQubits amplitudes; a tiled pass's
         * contiguous runs stop at page boundaries.
         */
        Pass(int n, int pageQubits, int[] tileQubits, List<Step> steps, int numGates, Kind kind) {
            this.kind = kind;
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
            while (r < tileQubits.length && tileQubits[r] == r && r < pageQubits) {
                r++;
            }
            this.run = r;
            int[] hi = Arrays.copyOfRange(tileQubits, r, tileQubits.length);
            this.runOffsets = new int[1 << hi.length];
            for (int v = 0; v < runOffsets.length; v++) {
                runOffsets[v] = Matrices.deposit(v, hi);
            }
            this.pageProgram = null;
            this.pageBit = 0;
            this.matrix = null;
            this.vector = false;
            this.localControls = 0;
            this.pageControls = 0;
        }

        private Pass(Program pageProgram, int numGates) {
            this.kind = Kind.PAGE_LOCAL;
            this.tileQubits = new int[0];
            this.steps = List.of();
            this.numGates = numGates;
            this.outside = new int[0];
            this.run = 0;
            this.runOffsets = new int[0];
            this.pageProgram = pageProgram;
            this.pageBit = 0;
            this.matrix = null;
            this.vector = false;
            this.localControls = 0;
            this.pageControls = 0;
        }

        private Pass(int pageBit, double[] matrix, boolean vector, int localControls, int pageControls) {
            this.kind = Kind.PAGE_PAIR;
            this.tileQubits = new int[0];
            this.steps = List.of();
            this.numGates = 1;
            this.outside = new int[0];
            this.run = 0;
            this.runOffsets = new int[0];
            this.pageProgram = null;
            this.pageBit = pageBit;
            this.matrix = matrix;
            this.vector = vector;
            this.localControls = localControls;
            this.pageControls = pageControls;
        }

        static Pass pageLocal(Program pageProgram, int numGates) {
            return new Pass(pageProgram, numGates);
        }

        static Pass pagePair(int pageBit, double[] matrix, boolean vector) {
            return new Pass(pageBit, matrix, vector, 0, 0);
        }

        static Pass pageSwap(int pageBit, int localControls, int pageControls) {
            return new Pass(pageBit, null, false, localControls, pageControls);
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
            s += switch (p.kind) {
                case TILED, PAGE_PAIR -> 1;
                case WHOLE -> p.steps.size();
                case PAGE_LOCAL -> p.pageProgram.numSweeps();
            };
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
        for (TileGroup t : tileGroups(ops, n, opt.tileQubits())) {
            int[] tq = new int[Integer.bitCount(t.mask)];
            for (int q = 0, c = 0; q < n; q++) {
                if ((t.mask >>> q & 1) != 0) {
                    tq[c++] = q;
                }
            }
            List<Step> tileSteps = steps(t.gates, tq, totalQubits, opt, vector);
            if (tileSteps.size() == 1) {
                // One step gains nothing from a tile's copy in and out: run it on the whole state.
                int[] all = allQubits(n);
                passes.add(new Pass(n, all, steps(t.gates, all, totalQubits, opt, vector), t.gates.size()));
            } else {
                passes.add(new Pass(n, tq, tileSteps, t.gates.size()));
            }
        }
        return new Program(n, passes);
    }

    /** Gates that run together in one tile of the qubits in {@code mask}. */
    private record TileGroup(List<GateOp> gates, int mask) {
    }

    /**
     * Cuts the gates, in order, into tiles of m qubits: each tile takes every gate it can whose
     * targets fit (a gate overlapping one deferred is deferred too, keeping order), and is then filled
     * up to m with the lowest qubits, so tiles are few and copies move whole cache lines.
     */
    private static List<TileGroup> tileGroups(List<GateOp> ops, int n, int m) {
        List<TileGroup> groups = new ArrayList<>();
        List<GateOp> remaining = ops;
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
            for (int q = 0; q < n && Integer.bitCount(tile) < m; q++) {
                tile |= 1 << q;
            }
            groups.add(new TileGroup(taken, tile));
            remaining = deferred;
        }
        return groups;
    }

    /**
     * Compiles bound gates for an n-qubit state stored in pages of 2^pageQubits amplitudes (see
     * {@link StateVector}). Gates on qubits below pageQubits (and diagonal gates, and the controls of X
     * and SWAP, anywhere) run page by page; a one-qubit gate alone on a page qubit pairs two pages
     * element by element; any other gate on a page qubit runs in cache tiles gathered across pages.
     * With pageQubits >= n this is {@link #compile(List, int, SimulatorOptions, boolean)}.
     */
    static Program compilePaged(List<GateOp> ops, int n, int pageQubits, SimulatorOptions opt, boolean vector) {
        if (pageQubits >= n) {
            return compile(ops, n, opt, vector);
        }
        List<Pass> passes = new ArrayList<>();
        if (!opt.blocking() || !opt.fusion()) {
            // As in the unpaged case, no tiles: page-local runs of gates (fused if fusion is on), and
            // each gate on a page qubit on its own.
            List<GateOp> localRun = new ArrayList<>();
            for (GateOp g : ops) {
                if (isLocal(g, pageQubits)) {
                    localRun.add(g);
                    continue;
                }
                if (!localRun.isEmpty()) {
                    passes.add(Pass.pageLocal(compile(localRun, pageQubits, n, opt, vector), localRun.size()));
                    localRun = new ArrayList<>();
                }
                passes.add(crossPagePass(List.of(g), n, pageQubits, tileMask(g, n, opt), opt, vector));
            }
            if (!localRun.isEmpty()) {
                passes.add(Pass.pageLocal(compile(localRun, pageQubits, n, opt, vector), localRun.size()));
            }
            return new Program(n, passes);
        }
        for (TileGroup t : tileGroups(ops, n, Math.min(opt.tileQubits(), n))) {
            boolean local = true;
            for (GateOp g : t.gates) {
                local &= isLocal(g, pageQubits);
            }
            passes.add(local
                    ? Pass.pageLocal(compile(t.gates, pageQubits, n, opt, vector), t.gates.size())
                    : crossPagePass(t.gates, n, pageQubits, t.mask, opt, vector));
        }
        return new Program(n, passes);
    }

    private static boolean isLocal(GateOp g, int pageQubits) {
        return g.diagonal || (targetMask(g) >>> pageQubits) == 0;
    }

    /** The smallest tile for one gate: its target qubits and the lowest qubits, tileQubits in all. */
    private static int tileMask(GateOp g, int n, SimulatorOptions opt) {
        int tile = targetMask(g);
        for (int q = 0; q < n && Integer.bitCount(tile) < Math.min(n, opt.tileQubits()); q++) {
            tile |= 1 << q;
        }
        return tile;
    }

    /** Gates of which some act on page qubits: a page-pair pass for one lone one-qubit gate, else a tile. */
    private static Pass crossPagePass(List<GateOp> gates, int n, int pageQubits, int tile, SimulatorOptions opt,
                                      boolean vector) {
        GateOp first = gates.get(0);
        if (gates.size() == 1 && first.qubits.length == 1) {
            return Pass.pagePair(1 << (first.qubits[0] - pageQubits), first.matrix, vector);
        }
        int target = first.qubits[first.qubits.length - 1];
        if (gates.size() == 1 && first.controlledX && target >= pageQubits) {
            int controls = 0;
            for (int j = 0; j < first.numControls; j++) {
                controls |= 1 << first.qubits[j];
            }
            return Pass.pageSwap(1 << (target - pageQubits), controls & ((1 << pageQubits) - 1),
                    controls >>> pageQubits);
        }
        int[] tq = new int[Integer.bitCount(tile)];
        for (int q = 0, c = 0; q < n; q++) {
            if ((tile >>> q & 1) != 0) {
                tq[c++] = q;
            }
        }
        return new Pass(n, pageQubits, tq, steps(gates, tq, n, opt, vector), gates.size(), Kind.TILED);
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
                vector ? VectorKernels.LOG_L : 0)) {
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
        execute(new double[][] {re}, new double[][] {im}, numQubits, par, externalBase);
    }

    /** Runs the program on a state stored in pages of 2^pageQubits amplitudes (see {@link #compilePaged}). */
    void execute(double[][] re, double[][] im, int pageQubits, Parallel par) {
        execute(re, im, pageQubits, par, 0);
    }

    private void execute(double[][] re, double[][] im, int pageQubits, Parallel par, int externalBase) {
        Step.Scratch[] scratch = new Step.Scratch[par.threads()];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new Step.Scratch();
        }
        for (Pass p : passes) {
            switch (p.kind) {
                case TILED -> executeTiled(p, re, im, pageQubits, par, scratch, externalBase);
                case WHOLE -> executeWhole(p, re[0], im[0], par, scratch, externalBase);
                case PAGE_LOCAL -> {
                    for (int k = 0; k < re.length; k++) {
                        p.pageProgram.execute(re[k], im[k], par, k << pageQubits);
                    }
                }
                case PAGE_PAIR -> executePagePair(p, re, im, pageQubits, par);
            }
        }
    }

    private void executeWhole(Pass p, double[] re, double[] im, Parallel par, Step.Scratch[] scratch, int externalBase) {
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

    private void executePagePair(Pass p, double[][] re, double[][] im, int pageQubits, Parallel par) {
        boolean v = p.vector;
        for (int a = 0; a < re.length; a++) {
            if ((a & p.pageBit) != 0 || (a & p.pageControls) != p.pageControls) {
                continue;
            }
            int b = a | p.pageBit;
            double[] ar = re[a], ai = im[a], br = re[b], bi = im[b];
            par.forChunks(1 << pageQubits, Parallel.CHUNK_AMPLITUDES, (from, to, w) -> {
                if (p.matrix == null) {
                    PermutationKernels.swapPages(ar, ai, br, bi, p.localControls, from, to);
                } else if (v) {
                    VectorKernels.apply1Pair(ar, ai, br, bi, p.matrix, from, to);
                } else {
                    DenseKernels.apply1Pair(ar, ai, br, bi, p.matrix, from, to);
                }
            });
        }
    }

    private void executeTiled(Pass p, double[][] re, double[][] im, int pageQubits, Parallel par,
                              Step.Scratch[] scratch, int externalBase) {
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
                copyRuns(re, im, br, bi, base, p.runOffsets, runLen, pageQubits, true);
                for (Step s : p.steps) {
                    s.prepare(sc, m, base | externalBase);
                    s.run(br, bi, m, 0, s.workItems(m), sc);
                }
                copyRuns(re, im, br, bi, base, p.runOffsets, runLen, pageQubits, false);
            }
        });
    }

    /**
     * Copies a tile's runs between the state's pages and the tile buffers: into the buffers (gather)
     * or back (scatter). A run never crosses a page: its length is at most a page's.
     */
    private static void copyRuns(double[][] re, double[][] im, double[] br, double[] bi, int base, int[] offsets,
                                 int runLen, int pageQubits, boolean gather) {
        final int mask = (int) ((1L << pageQubits) - 1);
        for (int v = 0; v < offsets.length; v++) {
            int a = base + offsets[v];
            double[] r = re[a >>> pageQubits], i = im[a >>> pageQubits];
            int o = a & mask;
            if (gather) {
                System.arraycopy(r, o, br, v * runLen, runLen);
                System.arraycopy(i, o, bi, v * runLen, runLen);
            } else {
                System.arraycopy(br, v * runLen, r, o, runLen);
                System.arraycopy(bi, v * runLen, i, o, runLen);
            }
        }
    }
}
