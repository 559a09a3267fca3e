package org.qtune.sim;

import org.qtune.circuit.Matrices;
import org.qtune.sim.kernel.DenseKernels;
import org.qtune.sim.kernel.PermutationKernels;
import org.qtune.sim.kernel.VectorKernels;

/**
 * Runs a {@link Program} on amplitudes: a whole state in one pair of arrays, a state in pages, or one
 * chunk of a larger state. The program is only read; the per-thread working memory (step scratch,
 * tile buffers) is made per run, so any number of runs of one program may go on at once.
 */
final class Executor {
    private Executor() {
    }

    /** Runs the program on a whole state of {@code p.numQubits} qubits. */
    static void execute(Program p, double[] re, double[] im, Parallel par) {
        execute(p, re, im, par, 0);
    }

    /**
     * Runs the program on an array of 2^{@code p.numQubits} amplitudes whose index bits above those
     * are {@code externalBase}'s (see {@link Planner#compile(java.util.List, int, int, SimulatorOptions, boolean)}).
     */
    static void execute(Program p, double[] re, double[] im, Parallel par, int externalBase) {
        execute(p, new double[][] {re}, new double[][] {im}, p.numQubits, par, externalBase);
    }

    /** Runs the program on a state stored in pages of 2^pageQubits amplitudes (see {@link Planner#compilePaged}). */
    static void execute(Program p, double[][] re, double[][] im, int pageQubits, Parallel par) {
        execute(p, re, im, pageQubits, par, 0);
    }

    /**
     * Runs pass {@code pass} alone (of a program from {@link Planner#compileEach} or
     * {@link Planner#compileEachPaged}: one gate) on a state in pages of 2^pageQubits amplitudes, or on
     * an array of a larger state whose index bits above the array's are {@code externalBase}'s.
     */
    static void runPass(Program p, int pass, double[][] re, double[][] im, int pageQubits, Parallel par,
                        int externalBase) {
        run(p, p.passes.get(pass), re, im, pageQubits, par, scratch(par), externalBase);
    }

    private static Step.Scratch[] scratch(Parallel par) {
        Step.Scratch[] scratch = new Step.Scratch[par.threads()];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new Step.Scratch();
        }
        return scratch;
    }

    private static void execute(Program p, double[][] re, double[][] im, int pageQubits, Parallel par,
                                int externalBase) {
        Step.Scratch[] scratch = scratch(par);
        for (Program.Pass pass : p.passes) {
            run(p, pass, re, im, pageQubits, par, scratch, externalBase);
        }
    }

    private static void run(Program p, Program.Pass pass, double[][] re, double[][] im, int pageQubits, Parallel par,
                            Step.Scratch[] scratch, int externalBase) {
        if (pass instanceof Program.Tiled t) {
            executeTiled(t, re, im, pageQubits, par, scratch, externalBase);
        } else if (pass instanceof Program.Whole w) {
            executeWhole(w, p.numQubits, re[0], im[0], par, scratch, externalBase);
        } else if (pass instanceof Program.PageLocal l) {
            for (int k = 0; k < re.length; k++) {
                execute(l.pageProgram(), re[k], im[k], par, k << pageQubits);
            }
        } else if (pass instanceof Program.PagePair pp) {
            executePagePair(pp.pageBit(), 0, 0, pp.matrix(), pp.vector(), re, im, pageQubits, par);
        } else {
            Program.PageSwap ps = (Program.PageSwap) pass;
            executePagePair(ps.pageBit(), ps.localControls(), ps.pageControls(), null, false, re, im, pageQubits, par);
        }
    }

    private static void executeWhole(Program.Whole p, int numQubits, double[] re, double[] im, Parallel par,
                                     Step.Scratch[] scratch, int externalBase) {
        for (Step s : p.steps()) {
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

    /**
     * Pairs page a with page a | pageBit for every a whose pageBit is clear and whose page controls
     * are set: a one-qubit matrix element by element, or (matrix null) a swap of the elements whose
     * local controls are set.
     */
    private static void executePagePair(int pageBit, int localControls, int pageControls, double[] matrix,
                                        boolean v, double[][] re, double[][] im, int pageQubits, Parallel par) {
        for (int a = 0; a < re.length; a++) {
            if ((a & pageBit) != 0 || (a & pageControls) != pageControls) {
                continue;
            }
            int b = a | pageBit;
            double[] ar = re[a], ai = im[a], br = re[b], bi = im[b];
            par.forChunks(1 << pageQubits, Parallel.CHUNK_AMPLITUDES, (from, to, w) -> {
                if (matrix == null) {
                    PermutationKernels.swapPages(ar, ai, br, bi, localControls, from, to);
                } else if (v) {
                    VectorKernels.apply1Pair(ar, ai, br, bi, matrix, from, to);
                } else {
                    DenseKernels.apply1Pair(ar, ai, br, bi, matrix, from, to);
                }
            });
        }
    }

    private static void executeTiled(Program.Tiled p, double[][] re, double[][] im, int pageQubits, Parallel par,
                                     Step.Scratch[] scratch, int externalBase) {
        final int m = p.tileQubits().length;
        final int tiles = 1 << p.outside().length;
        final int runLen = 1 << p.run();
        final int[] outside = p.outside(), offsets = p.runOffsets();
        double[][] bufRe = new double[par.threads()][], bufIm = new double[par.threads()][];
        par.forTasks(tiles, (t0, t1, w) -> {
            if (bufRe[w] == null) {
                bufRe[w] = new double[1 << m];
                bufIm[w] = new double[1 << m];
            }
            double[] br = bufRe[w], bi = bufIm[w];
            Step.Scratch sc = scratch[w];
            for (int t = t0; t < t1; t++) {
                int base = Matrices.deposit(t, outside);
                copyRuns(re, im, br, bi, base, offsets, runLen, pageQubits, true);
                for (Step s : p.steps()) {
                    s.prepare(sc, m, base | externalBase);
                    s.run(br, bi, m, 0, s.workItems(m), sc);
                }
                copyRuns(re, im, br, bi, base, offsets, runLen, pageQubits, false);
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
