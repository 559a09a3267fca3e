package org.qtune.sim;

import org.qtune.sim.kernel.DenseKernels;
import org.qtune.sim.kernel.PermutationKernels;
import org.qtune.sim.kernel.VectorKernels;

/**
 * One compiled step of a {@link Program}: a kernel call with its arguments fixed (immutable), on an array of
 * {@code n} qubits that is either the whole state or one cache tile of it. A step's iteration space
 * [0, workItems(n)) can be cut at multiples of {@link #alignment()} and run piecewise, on any thread.
 * A step may depend on the bits of the state index that lie outside the array it runs on (a tile's
 * fixed bits): {@link #prepare} receives them before {@link #run}.
 */
abstract sealed class Step permits Step.Dense1, Step.DenseK, Step.ControlledX, Step.ControlledSwap, DiagonalStep {
    /** Whether the Vector API kernels may be used (decided once, by {@link KernelSupport}). */
    final boolean vector;

    Step(boolean vector) {
        this.vector = vector;
    }

    abstract int workItems(int n);

    int alignment() {
        return 1;
    }

    /** Called once per tile (or once per thread for a whole state, with outside = 0). */
    void prepare(Scratch s, int n, int outside) {
    }

    abstract void run(double[] re, double[] im, int n, int from, int to, Scratch s);

    /** Per-thread working memory for steps; reused across tiles and steps. */
    static final class Scratch {
        double[] applyK = new double[32];
        double[] rowRe = new double[0];
        double[] rowIm = new double[0];
        /** The diagonal tables in force for the current tile. */
        DiagonalStep.Tables tables;
        Object preparedFor;
        boolean skip;
    }

    /** A 2x2 matrix on one qubit. */
    static final class Dense1 extends Step {
        final int target;
        final double[] m;

        Dense1(int target, double[] m, boolean vector) {
            super(vector);
            this.target = target;
            this.m = m;
        }

        @Override
        int workItems(int n) {
            return 1 << (n - 1);
        }

        @Override
        int alignment() {
            return vector ? Math.max(1, VectorKernels.L / 2) : 1;
        }

        @Override
        void run(double[] re, double[] im, int n, int from, int to, Scratch s) {
            if (vector && (target >= VectorKernels.LOG_L || (from % alignment() == 0 && to % alignment() == 0
                    && (1 << n) >= VectorKernels.L))) {
                VectorKernels.apply1(re, im, target, m, from, to);
            } else {
                DenseKernels.apply1(re, im, target, m, from, to);
            }
        }
    }

    /** A 2^k x 2^k matrix on k >= 2 qubits. */
    static final class DenseK extends Step {
        final int[] qubits;
        final int[] sorted;
        final int[] offsets;
        final double[] m;

        DenseK(int[] qubits, double[] m, boolean vector) {
            super(vector);
            this.qubits = qubits;
            this.m = m;
            this.sorted = qubits.clone();
            java.util.Arrays.sort(sorted);
            this.offsets = new int[1 << qubits.length];
            for (int v = 0; v < offsets.length; v++) {
                offsets[v] = org.qtune.circuit.Matrices.deposit(v, qubits);
            }
        }

        private boolean useVector(int n) {
            return vector && sorted[0] >= VectorKernels.LOG_L && (1 << (n - qubits.length)) >= VectorKernels.L;
        }

        @Override
        int workItems(int n) {
            return 1 << (n - qubits.length);
        }

        @Override
        int alignment() {
            return vector ? VectorKernels.L : 1;
        }

        @Override
        void run(double[] re, double[] im, int n, int from, int to, Scratch s) {
            boolean v = useVector(n) && from % VectorKernels.L == 0 && to % VectorKernels.L == 0;
            int need = 2 * offsets.length * (v ? VectorKernels.L : 1);
            if (s.applyK.length < need) {
                s.applyK = new double[need];
            }
            if (v && qubits.length == 2) {
                VectorKernels.apply2(re, im, qubits[0], qubits[1], m, from, to);
            } else if (v) {
                VectorKernels.applyK(re, im, sorted, offsets, m, s.applyK, from, to);
            } else {
                DenseKernels.applyK(re, im, sorted, offsets, m, s.applyK, from, to);
            }
        }
    }

    /**
     * X on a target, controlled by qubits inside the array ({@code localMask}) and by bits outside it
     * ({@code outsideMask}, tested in {@link #prepare}).
     */
    static final class ControlledX extends Step {
        final int target;
        final int localMask;
        final int outsideMask;

        ControlledX(int target, int localMask, int outsideMask, boolean vector) {
            super(vector);
            this.target = target;
            this.localMask = localMask;
            this.outsideMask = outsideMask;
        }

        @Override
        int workItems(int n) {
            return 1 << (n - 1);
        }

        @Override
        void prepare(Scratch s, int n, int outside) {
            s.skip = (outside & outsideMask) != outsideMask;
        }

        @Override
        void run(double[] re, double[] im, int n, int from, int to, Scratch s) {
            if (s.skip) {
                return;
            }
            // lane masks assume vectors start at multiples of L: true when the range does
            if (vector && target >= VectorKernels.LOG_L && from % VectorKernels.L == 0 && to % VectorKernels.L == 0) {
                VectorKernels.controlledX(re, im, target, localMask, from, to);
            } else {
                PermutationKernels.controlledX(re, im, target, localMask, from, to);
            }
        }
    }

    /** SWAP of two qubits inside the array, with optional controls inside and outside. */
    static final class ControlledSwap extends Step {
        final int q0;
        final int q1;
        final int localMask;
        final int outsideMask;

        ControlledSwap(int a, int b, int localMask, int outsideMask) {
            super(false);
            this.q0 = Math.min(a, b);
            this.q1 = Math.max(a, b);
            this.localMask = localMask;
            this.outsideMask = outsideMask;
        }

        @Override
        int workItems(int n) {
            return 1 << (n - 2);
        }

        @Override
        void prepare(Scratch s, int n, int outside) {
            s.skip = (outside & outsideMask) != outsideMask;
        }

        @Override
        void run(double[] re, double[] im, int n, int from, int to, Scratch s) {
            if (!s.skip) {
                PermutationKernels.controlledSwap(re, im, q0, q1, localMask, from, to);
            }
        }
    }
}
