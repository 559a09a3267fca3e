package org.qtune.sim;

import java.util.Arrays;

/**
 * A pure state of n qubits in double precision, as two primitive arrays of 2^n real and imaginary
 * parts. Amplitude i is the coefficient of basis state |i&gt;, where bit q of i is qubit q
 * (little-endian, as in Qiskit). The arrays are owned by this object and exposed to kernels through
 * {@link #re()} and {@link #im()} without copying.
 */
public final class StateVector {
    /** Arrays are int-indexed, so 2^30 amplitudes (16 GiB) is the most one state can hold. */
    public static final int MAX_QUBITS = 30;

    private final int numQubits;
    private final double[] re;
    private final double[] im;

    private StateVector(int numQubits, double[] re, double[] im) {
        this.numQubits = numQubits;
        this.re = re;
        this.im = im;
    }

    private static void checkQubits(int n) {
        if (n < 1 || n > MAX_QUBITS) {
            throw new IllegalArgumentException("a state vector holds 1.." + MAX_QUBITS + " qubits, got " + n);
        }
    }

    /** |0...0&gt;. */
    public static StateVector zero(int numQubits) {
        return basis(numQubits, 0);
    }

    /** The basis state |index&gt;. */
    public static StateVector basis(int numQubits, long index) {
        checkQubits(numQubits);
        if (index < 0 || index >= 1L << numQubits) {
            throw new IllegalArgumentException("basis index " + index + " out of range for " + numQubits + " qubits");
        }
        StateVector s = new StateVector(numQubits, new double[1 << numQubits], new double[1 << numQubits]);
        s.re[(int) index] = 1;
        return s;
    }

    /** A state over copies of the given arrays (length 2^n each). The norm is not checked. */
    public static StateVector of(double[] re, double[] im) {
        if (re.length != im.length || Integer.bitCount(re.length) != 1 || re.length < 2) {
            throw new IllegalArgumentException("need two arrays of equal power-of-two length >= 2");
        }
        int n = Integer.numberOfTrailingZeros(re.length);
        checkQubits(n);
        return new StateVector(n, re.clone(), im.clone());
    }

    /**
     * A state over the given arrays themselves, not copies: for reading measurements off amplitudes
     * held elsewhere (a chunk of a distributed state) without copying them. The caller keeps ownership.
     */
    public static StateVector wrap(double[] re, double[] im) {
        if (re.length != im.length || Integer.bitCount(re.length) != 1) {
            throw new IllegalArgumentException("need two arrays of equal power-of-two length");
        }
        int n = Integer.numberOfTrailingZeros(re.length);
        if (n > MAX_QUBITS) {
            throw new IllegalArgumentException("too many amplitudes");
        }
        return new StateVector(n, re, im);
    }

    public int numQubits() {
        return numQubits;
    }

    /** 2^n. */
    public int dimension() {
        return re.length;
    }

    /** The real parts; the state's own array (modifying it modifies the state). */
    public double[] re() {
        return re;
    }

    /** The imaginary parts; the state's own array. */
    public double[] im() {
        return im;
    }

    public double re(int index) {
        return re[index];
    }

    public double im(int index) {
        return im[index];
    }

    public StateVector copy() {
        return new StateVector(numQubits, re.clone(), im.clone());
    }

    /** Overwrites this state with {@code other}'s amplitudes (same qubit count). */
    public void setFrom(StateVector other) {
        if (other.numQubits != numQubits) {
            throw new IllegalArgumentException("qubit counts differ");
        }
        System.arraycopy(other.re, 0, re, 0, re.length);
        System.arraycopy(other.im, 0, im, 0, im.length);
    }

    /** Resets to |0...0&gt;. */
    public void reset() {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        re[0] = 1;
    }

    /** The largest difference of any real or imaginary part from {@code other}'s. */
    public double maxDifference(StateVector other) {
        if (other.numQubits != numQubits) {
            throw new IllegalArgumentException("qubit counts differ");
        }
        double m = 0;
        for (int i = 0; i < re.length; i++) {
            m = Math.max(m, Math.max(Math.abs(re[i] - other.re[i]), Math.abs(im[i] - other.im[i])));
        }
        return m;
    }

    @Override
    public String toString() {
        return "StateVector[" + numQubits + " qubits]";
    }
}
