package org.qtune.sim;

import java.util.Arrays;
import org.qtune.resources.MemoryEstimate;

/**
 * A pure state of n qubits in double precision, as primitive arrays of real and imaginary parts.
 * Amplitude i is the coefficient of basis state |i&gt;, where bit q of i is qubit q (little-endian, as
 * in Qiskit).
 *
 * <p>Up to {@link #DEFAULT_PAGE_QUBITS} qubits the amplitudes sit in one pair of arrays, exposed to
 * kernels through {@link #re()} and {@link #im()} without copying. Larger states are stored in
 * <em>pages</em>: 2^(n-p) separately allocated pairs of arrays of 2^p amplitudes each, page k holding
 * the amplitudes whose top n-p index bits equal k ({@link #rePage}, {@link #imPage}). The reason is
 * the memory system, not the int index: on the reference machine (AMD Zen, see docs/BENCHMARKS.md)
 * two streams whose virtual addresses differ by a multiple of 256 MiB evict each other from the L1
 * cache (its way predictor hashes only address bits 12..27), so a gate whose pair halves lie 2^25 or
 * more amplitudes apart in one array runs at half speed. Separate arrays are not that far apart
 * modulo 256 MiB, so a gate on a page qubit pairs two pages at full speed.
 */
public final class StateVector {
    /** Arrays are int-indexed, so 2^30 amplitudes (16 GiB) is the most one state can hold. */
    public static final int MAX_QUBITS = 30;

    /**
     * Amplitudes per page (log2) for states created here: 2^25 amplitudes, 256 MiB per array, so that
     * no pair of a gate inside a page is 256 MiB or more apart.
     */
    public static final int DEFAULT_PAGE_QUBITS = 25;

    private final int numQubits;
    private final int pageQubits;
    private final double[][] re;
    private final double[][] im;

    private StateVector(int numQubits, int pageQubits, double[][] re, double[][] im) {
        this.numQubits = numQubits;
        this.pageQubits = pageQubits;
        this.re = re;
        this.im = im;
    }

    private StateVector(int numQubits, double[] re, double[] im) {
        this(numQubits, numQubits, new double[][] {re}, new double[][] {im});
    }

    private static void checkQubits(int n) {
        if (n < 1 || n > MAX_QUBITS) {
            throw new IllegalArgumentException("a state vector holds 1.." + MAX_QUBITS + " qubits, got " + n);
        }
    }

    /** The page size (log2) that {@link #zero(int)} uses for n qubits: n itself up to the default. */
    public static int defaultPageQubits(int numQubits) {
        return Math.min(numQubits, DEFAULT_PAGE_QUBITS);
    }

    /** A state of zeros (not normalized) stored in pages of 2^pageQubits amplitudes. */
    private static StateVector allocate(int numQubits, int pageQubits) {
        checkQubits(numQubits);
        if (pageQubits < 1 || pageQubits > numQubits) {
            throw new IllegalArgumentException("page size 2^" + pageQubits + " does not fit " + numQubits + " qubits");
        }
        MemoryEstimate need = MemoryEstimate.stateVectors(numQubits, 1);
        if (need.bytes() > Runtime.getRuntime().maxMemory()) {
            // a last guard for library callers: jobs compare their whole estimate with the heap first
            throw new IllegalArgumentException(need.describe() + " is more than this JVM's whole heap (-Xmx "
                    + MemoryEstimate.format(Runtime.getRuntime().maxMemory()) + ")");
        }
        int pages = 1 << (numQubits - pageQubits);
        double[][] re = new double[pages][], im = new double[pages][];
        for (int k = 0; k < pages; k++) {
            re[k] = new double[1 << pageQubits];
            im[k] = new double[1 << pageQubits];
        }
        return new StateVector(numQubits, pageQubits, re, im);
    }

    /** |0...0&gt;. */
    public static StateVector zero(int numQubits) {
        return basis(numQubits, 0);
    }

    /** |0...0&gt; stored in pages of 2^pageQubits amplitudes (1 <= pageQubits <= numQubits). */
    public static StateVector zero(int numQubits, int pageQubits) {
        return basis(numQubits, 0, pageQubits);
    }

    /** The basis state |index&gt;. */
    public static StateVector basis(int numQubits, long index) {
        checkQubits(numQubits);
        return basis(numQubits, index, defaultPageQubits(numQubits));
    }

    /** The basis state |index&gt; stored in pages of 2^pageQubits amplitudes. */
    public static StateVector basis(int numQubits, long index, int pageQubits) {
        checkQubits(numQubits);
        if (index < 0 || index >= 1L << numQubits) {
            throw new IllegalArgumentException("basis index " + index + " out of range for " + numQubits + " qubits");
        }
        StateVector s = allocate(numQubits, pageQubits);
        s.set((int) index, 1, 0);
        return s;
    }

    /** A state of the same size and paging as this one, all amplitudes zero. */
    public StateVector zerosLike() {
        return allocate(numQubits, pageQubits);
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
        return 1 << numQubits;
    }

    /** Amplitudes per page (log2); equal to {@link #numQubits()} for a state in one pair of arrays. */
    public int pageQubits() {
        return pageQubits;
    }

    /** 2^(n - pageQubits). */
    public int numPages() {
        return re.length;
    }

    /** The real parts of page k: amplitudes [k * 2^pageQubits, (k + 1) * 2^pageQubits). */
    public double[] rePage(int k) {
        return re[k];
    }

    /** The imaginary parts of page k. */
    public double[] imPage(int k) {
        return im[k];
    }

    /** All real pages (the state's own arrays, for kernels). */
    double[][] rePages() {
        return re;
    }

    /** All imaginary pages. */
    double[][] imPages() {
        return im;
    }

    /**
     * The real parts; the state's own array (modifying it modifies the state). Only for a state held in
     * one pair of arrays (up to {@link #DEFAULT_PAGE_QUBITS} qubits by default).
     */
    public double[] re() {
        checkSinglePage();
        return re[0];
    }

    /** The imaginary parts; the state's own array. Only for a state held in one pair of arrays. */
    public double[] im() {
        checkSinglePage();
        return im[0];
    }

    private void checkSinglePage() {
        if (re.length != 1) {
            throw new IllegalStateException("this " + numQubits + "-qubit state is stored in " + re.length
                    + " pages of 2^" + pageQubits + " amplitudes; read it by page (rePage, imPage) or by index");
        }
    }

    public double re(int index) {
        return re[index >>> pageQubits][index & ((1 << pageQubits) - 1)];
    }

    public double im(int index) {
        return im[index >>> pageQubits][index & ((1 << pageQubits) - 1)];
    }

    /** Sets amplitude {@code index} to re + i im. */
    public void set(int index, double real, double imag) {
        int k = index >>> pageQubits, o = index & ((1 << pageQubits) - 1);
        re[k][o] = real;
        im[k][o] = imag;
    }

    public StateVector copy() {
        double[][] r = new double[re.length][], i = new double[im.length][];
        for (int k = 0; k < re.length; k++) {
            r[k] = re[k].clone();
            i[k] = im[k].clone();
        }
        return new StateVector(numQubits, pageQubits, r, i);
    }

    /** Overwrites this state with {@code other}'s amplitudes (same qubit count and page size). */
    public void setFrom(StateVector other) {
        if (other.numQubits != numQubits || other.pageQubits != pageQubits) {
            throw new IllegalArgumentException("qubit counts or page sizes differ");
        }
        for (int k = 0; k < re.length; k++) {
            System.arraycopy(other.re[k], 0, re[k], 0, re[k].length);
            System.arraycopy(other.im[k], 0, im[k], 0, im[k].length);
        }
    }

    /** Resets to |0...0&gt;. */
    public void reset() {
        for (int k = 0; k < re.length; k++) {
            Arrays.fill(re[k], 0);
            Arrays.fill(im[k], 0);
        }
        re[0][0] = 1;
    }

    /** The largest difference of any real or imaginary part from {@code other}'s (any paging). */
    public double maxDifference(StateVector other) {
        if (other.numQubits != numQubits) {
            throw new IllegalArgumentException("qubit counts differ");
        }
        double m = 0;
        for (int i = 0; i < dimension(); i++) {
            m = Math.max(m, Math.max(Math.abs(re(i) - other.re(i)), Math.abs(im(i) - other.im(i))));
        }
        return m;
    }

    @Override
    public String toString() {
        return "StateVector[" + numQubits + " qubits]";
    }
}
