package org.qtune.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.qtune.sim.kernel.VectorKernels;

/**
 * Compiles bound gates into a {@link Program} for one array geometry and one set of options: which
 * gates share a pass (cache blocking), how a pass's gates fuse ({@link Fuser}), and which kernel each
 * step runs. The plan is immutable; {@link Executor} runs it.
 */
final class Planner {
    /** Programs planned in this JVM: a test's way to see that a path plans once, not once per gate. */
    static final AtomicLong PLANNED = new AtomicLong();

    private Planner() {
    }

    /** Compiles bound gates for an n-qubit state in one pair of arrays. */
    static Program compile(List<GateOp> ops, int n, SimulatorOptions opt, boolean vector) {
        return compile(ops, n, n, opt, vector);
    }

    /**
     * Compiles bound gates for an array holding 2^n of the amplitudes of a {@code totalQubits}-qubit
     * state: those whose index bits n..totalQubits-1 equal a base given to the {@link Executor}. Every
     * non-diagonal gate must act on qubits below n, except the controls of X and SWAP gates; diagonal
     * gates may touch any qubit. With n == totalQubits this is the whole state.
     */
    static Program compile(List<GateOp> ops, int n, int totalQubits, SimulatorOptions opt, boolean vector) {
        PLANNED.incrementAndGet();
        return plan(ops, n, totalQubits, opt, vector);
    }

    /**
     * Compiles bound gates for an n-qubit state stored in pages of 2^pageQubits amplitudes (see
     * {@link StateVector}). Gates on qubits below pageQubits (and diagonal gates, and the controls of X
     * and SWAP, anywhere) run page by page; a one-qubit gate alone on a page qubit pairs two pages
     * element by element; any other gate on a page qubit runs in cache tiles gathered across pages.
     * With pageQubits >= n this is {@link #compile(List, int, SimulatorOptions, boolean)}.
     */
    static Program compilePaged(List<GateOp> ops, int n, int pageQubits, SimulatorOptions opt, boolean vector) {
        PLANNED.incrementAndGet();
        return pageQubits >= n ? plan(ops, n, n, opt, vector) : planPaged(ops, n, pageQubits, opt, vector);
    }

    /**
     * One pass per gate, in order, each runnable on its own ({@link Executor#runPass}): for sweeps that
     * stop between gates, as the adjoint's do. The array geometry is {@link #compile}'s; each gate runs
     * unfused over the whole array, as a lone gate compiled by itself would.
     */
    static Program compileEach(List<GateOp> ops, int n, int totalQubits, boolean vector) {
        PLANNED.incrementAndGet();
        checkLocal(ops, n);
        return planEach(ops, n, totalQubits, vector);
    }

    /**
     * As {@link #compileEach} for an n-qubit state in pages of 2^pageQubits amplitudes: a gate below
     * the page qubits runs page by page, one on a page qubit pairs pages or runs in gathered tiles.
     */
    static Program compileEachPaged(List<GateOp> ops, int n, int pageQubits, SimulatorOptions opt, boolean vector) {
        if (pageQubits >= n) {
            return compileEach(ops, n, n, vector);
        }
        PLANNED.incrementAndGet();
        List<Program.Pass> passes = new ArrayList<>(ops.size());
        for (GateOp g : ops) {
            passes.add(isLocal(g, pageQubits)
                    ? new Program.PageLocal(planEach(List.of(g), pageQubits, n, vector), 1)
                    : crossPagePass(List.of(g), n, pageQubits, tileMask(g, n, opt), opt.unoptimized(), vector));
        }
        return new Program(n, passes);
    }

    private static Program planEach(List<GateOp> ops, int n, int totalQubits, boolean vector) {
        int[] local = positions(allQubits(n), totalQubits);
        List<Program.Pass> passes = new ArrayList<>(ops.size());
        for (GateOp g : ops) {
            passes.add(new Program.Whole(List.of(step(g, local, n, vector)), 1));
        }
        return new Program(n, passes);
    }

    private static void checkLocal(List<GateOp> ops, int n) {
        for (GateOp g : ops) {
            if (!g.diagonal && (targetMask(g) >>> n) != 0) {
                throw new IllegalArgumentException("gate on qubits " + Arrays.toString(g.qubits)
                        + " needs qubits outside the " + n + " held here");
            }
        }
    }

    private static Program plan(List<GateOp> ops, int n, int totalQubits, SimulatorOptions opt, boolean vector) {
        checkLocal(ops, n);
        List<Program.Pass> passes = new ArrayList<>();
        if (!opt.blocking() || n <= opt.tileQubits()) {
            int[] all = allQubits(n);
            if (opt.fusion()) {
                passes.add(new Program.Whole(steps(ops, all, totalQubits, opt, vector), ops.size()));
            } else {
                // One pass per gate: the unfused reference path.
                for (GateOp g : ops) {
                    passes.add(new Program.Whole(steps(List.of(g), all, totalQubits, opt, vector), 1));
                }
            }
            return new Program(n, passes);
        }
        for (TileGroup t : tileGroups(ops, n, opt.tileQubits())) {
            int[] tq = qubitsOf(t.mask, n);
            List<Step> tileSteps = steps(t.gates, tq, totalQubits, opt, vector);
            if (tileSteps.size() == 1) {
                // One step gains nothing from a tile's copy in and out: run it on the whole state.
                passes.add(new Program.Whole(steps(t.gates, allQubits(n), totalQubits, opt, vector), t.gates.size()));
            } else {
                passes.add(Program.Tiled.of(n, n, tq, tileSteps, t.gates.size()));
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

    private static Program planPaged(List<GateOp> ops, int n, int pageQubits, SimulatorOptions opt, boolean vector) {
        List<Program.Pass> passes = new ArrayList<>();
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
                    passes.add(new Program.PageLocal(plan(localRun, pageQubits, n, opt, vector), localRun.size()));
                    localRun = new ArrayList<>();
                }
                passes.add(crossPagePass(List.of(g), n, pageQubits, tileMask(g, n, opt), opt, vector));
            }
            if (!localRun.isEmpty()) {
                passes.add(new Program.PageLocal(plan(localRun, pageQubits, n, opt, vector), localRun.size()));
            }
            return new Program(n, passes);
        }
        for (TileGroup t : tileGroups(ops, n, Math.min(opt.tileQubits(), n))) {
            boolean local = true;
            for (GateOp g : t.gates) {
                local &= isLocal(g, pageQubits);
            }
            passes.add(local
                    ? new Program.PageLocal(plan(t.gates, pageQubits, n, opt, vector), t.gates.size())
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
    private static Program.Pass crossPagePass(List<GateOp> gates, int n, int pageQubits, int tile,
                                              SimulatorOptions opt, boolean vector) {
        GateOp first = gates.get(0);
        if (gates.size() == 1 && first.qubits.length == 1) {
            return new Program.PagePair(1 << (first.qubits[0] - pageQubits), first.matrix, vector);
        }
        int target = first.qubits[first.qubits.length - 1];
        if (gates.size() == 1 && first.controlledX && target >= pageQubits) {
            int controls = 0;
            for (int j = 0; j < first.numControls; j++) {
                controls |= 1 << first.qubits[j];
            }
            return new Program.PageSwap(1 << (target - pageQubits), controls & ((1 << pageQubits) - 1),
                    controls >>> pageQubits);
        }
        int[] tq = qubitsOf(tile, n);
        return Program.Tiled.of(n, pageQubits, tq, steps(gates, tq, n, opt, vector), gates.size());
    }

    private static int[] qubitsOf(int mask, int n) {
        int[] tq = new int[Integer.bitCount(mask)];
        for (int q = 0, c = 0; q < n; q++) {
            if ((mask >>> q & 1) != 0) {
                tq[c++] = q;
            }
        }
        return tq;
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

    /** For each of n qubits, its position in an array whose position j holds qubit tileQubits[j], or -1. */
    private static int[] positions(int[] tileQubits, int n) {
        int[] local = new int[n];
        Arrays.fill(local, -1);
        for (int j = 0; j < tileQubits.length; j++) {
            local[tileQubits[j]] = j;
        }
        return local;
    }

    /** Steps for gates on an array whose position j holds qubit tileQubits[j]. */
    private static List<Step> steps(List<GateOp> ops, int[] tileQubits, int n, SimulatorOptions opt, boolean vector) {
        int[] local = positions(tileQubits, n);
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
            if (grp instanceof Fuser.DiagonalRun d) {
                List<DiagonalStep.Factor> fs = new ArrayList<>();
                for (GateOp g : d.factors()) {
                    fs.add(factor(g, local));
                }
                steps.add(new DiagonalStep(m, fs, vector));
            } else if (grp instanceof Fuser.Permutation p) {
                steps.add(step(p.gate(), local, m, vector));
            } else {
                Fuser.DenseBlock b = (Fuser.DenseBlock) grp;
                int[] qs = new int[b.qubits().size()];
                for (int j = 0; j < qs.length; j++) {
                    qs[j] = local[b.qubits().get(j)];
                }
                steps.add(dense(qs, b.matrix(), vector));
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
}
