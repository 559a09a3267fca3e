package org.qtune.sim;

import java.util.Arrays;
import java.util.List;
import org.qtune.circuit.Matrices;

/**
 * A circuit compiled for one qubit count and one set of options: an immutable list of passes over
 * the state, made by {@link Planner} and run by {@link Executor}. A pass either runs its steps on the
 * whole state (each step split across threads), or, when the state is larger than a cache tile,
 * gathers one tile at a time (the tile's qubits: up to {@code tileQubits} of them, always including
 * the lowest ones so that copies move whole cache lines), runs every step of the pass on the tile
 * while it sits in cache, and scatters it back, with tiles spread over threads. Each pass reads and
 * writes the state once however many gates it holds: this is what makes a layer of gates cost about
 * one memory sweep instead of one per gate.
 *
 * <p>Nothing in a program changes after it is built (its arrays are not exposed outside the
 * package), so one program may run on many states at once, from many threads; the per-thread
 * working memory is the executor's, made per run.
 */
final class Program {
    /** One pass over the state. */
    sealed interface Pass permits Whole, Tiled, PageLocal, PagePairing {
        /** The gates the pass runs (for reports). */
        int numGates();

        /** Sweeps over the whole state the pass makes. */
        int numSweeps();
    }

    /** Each step over the whole array, split across threads (a state in one pair of arrays). */
    record Whole(List<Step> steps, int numGates) implements Pass {
        Whole {
            steps = List.copyOf(steps);
        }

        @Override
        public int numSweeps() {
            return steps.size();
        }
    }

    /**
     * Tiles of the qubits {@code tileQubits} (sorted) gathered into per-thread buffers, every step run
     * on the tile, scattered back. {@code outside}: the other qubits, whose values number the tiles;
     * a tile is copied in runs of 2^{@code run} contiguous amplitudes starting at {@code runOffsets}.
     */
    record Tiled(int[] tileQubits, List<Step> steps, int numGates, int[] outside, int run, int[] runOffsets)
            implements Pass {
        Tiled {
            steps = List.copyOf(steps);
        }

        /**
         * A tiled pass over a state of n qubits stored in pages of 2^pageQubits amplitudes: contiguous
         * runs stop at page boundaries.
         */
        static Tiled of(int n, int pageQubits, int[] tileQubits, List<Step> steps, int numGates) {
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
            int r = 0;
            while (r < tileQubits.length && tileQubits[r] == r && r < pageQubits) {
                r++;
            }
            int[] hi = Arrays.copyOfRange(tileQubits, r, tileQubits.length);
            int[] offsets = new int[1 << hi.length];
            for (int v = 0; v < offsets.length; v++) {
                offsets[v] = Matrices.deposit(v, hi);
            }
            return new Tiled(tileQubits, steps, numGates, out, r, offsets);
        }

        @Override
        public int numSweeps() {
            return 1;
        }
    }

    /** A program for one page, run on every page of a paged state in turn. */
    record PageLocal(Program pageProgram, int numGates) implements Pass {
        @Override
        public int numSweeps() {
            return pageProgram.numSweeps();
        }
    }

    /** One gate on a page qubit, run on each pair of pages differing in its bit: one sweep. */
    sealed interface PagePairing extends Pass permits PagePair, PageSwap {
        @Override
        default int numGates() {
            return 1;
        }

        @Override
        default int numSweeps() {
            return 1;
        }
    }

    /**
     * A one-qubit matrix whose target is a page qubit: each pair of pages differing in the target's
     * bit {@code pageBit} of the page index, element by element.
     */
    record PagePair(int pageBit, double[] matrix, boolean vector) implements PagePairing {
    }

    /**
     * A (multi-)controlled X whose target is a page qubit: each pair of pages differing in the
     * target's bit {@code pageBit} swaps the elements whose controls are set, the controls' bits
     * within a page ({@code localControls}) and in the page index ({@code pageControls}).
     */
    record PageSwap(int pageBit, int localControls, int pageControls) implements PagePairing {
    }

    final int numQubits;
    final List<Pass> passes;

    Program(int numQubits, List<Pass> passes) {
        this.numQubits = numQubits;
        this.passes = List.copyOf(passes);
    }

    int numPasses() {
        return passes.size();
    }

    /** Sweeps over the whole array: a tiled pass makes one, a whole-array pass one per step. */
    int numSweeps() {
        int s = 0;
        for (Pass p : passes) {
            s += p.numSweeps();
        }
        return s;
    }
}
