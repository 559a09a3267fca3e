package org.qtune.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.kernel.ReductionKernels;

/**
 * What can be read off a state without changing it: norm, probabilities, marginals, Pauli
 * expectation values, inner products and seeded samples. Sums run in a fixed order, so results do not
 * depend on anything but the state.
 */
public final class Measurements {
    private Measurements() {
    }

    public static double norm(StateVector s) {
        return Math.sqrt(sumSquares(s));
    }

    /** The squared norm, summed page by page in page order. */
    private static double sumSquares(StateVector s) {
        double total = 0;
        for (int k = 0; k < s.numPages(); k++) {
            total += ReductionKernels.sumSquares(s.rePage(k), s.imPage(k), 0, 1 << s.pageQubits());
        }
        return total;
    }

    public static double probability(StateVector s, int index) {
        return s.re(index) * s.re(index) + s.im(index) * s.im(index);
    }

    /** All 2^n probabilities (a new array). */
    public static double[] probabilities(StateVector s) {
        double[] p = new double[s.dimension()];
        int size = 1 << s.pageQubits();
        for (int k = 0; k < s.numPages(); k++) {
            double[] re = s.rePage(k), im = s.imPage(k);
            for (int j = 0, i = k * size; j < size; j++, i++) {
                p[i] = re[j] * re[j] + im[j] * im[j];
            }
        }
        return p;
    }

    /**
     * The marginal distribution of the given qubits: entry v is the probability that qubit qubits[j]
     * reads bit j of v, for every j.
     */
    public static double[] marginal(StateVector s, int... qubits) {
        for (int q : qubits) {
            checkQubit(s, q);
        }
        double[] m = new double[1 << qubits.length];
        for (int k = 0; k < s.numPages(); k++) {
            ChunkMeasurements.addMarginal(s.rePage(k), s.imPage(k), k, qubits, m);
        }
        return m;
    }

    /**
     * {@code <Z_q>} for every qubit q, in one pass over each page ({@link ChunkMeasurements#addZAll}:
     * a page is a chunk whose index is the page number).
     */
    public static double[] expectationZAll(StateVector s) {
        int n = s.numQubits();
        double[] out = new double[n + 1];
        for (int k = 0; k < s.numPages(); k++) {
            ChunkMeasurements.addZAll(s.rePage(k), s.imPage(k), k, n, out);
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code <psi| P |psi>} for one Pauli string (real for a normalized or unnormalized state). */
    public static double expectation(StateVector s, PauliString p) {
        if (p.minQubits() > s.numQubits()) {
            throw new IllegalArgumentException("Pauli string " + p + " acts on qubit " + (p.minQubits() - 1)
                    + " of a " + s.numQubits() + "-qubit state");
        }
        double[] out = new double[2], page = new double[2];
        int pq = s.pageQubits(), offsetMask = (1 << pq) - 1;
        int x = (int) p.xMask(), z = (int) p.zMask();
        for (int k = 0; k < s.numPages(); k++) {
            // the string's X factors on page qubits pair page k with page k ^ (x >> pq); its Z factors
            // there give the whole page one sign
            int partner = k ^ (x >>> pq);
            ReductionKernels.pauliSandwich(s.rePage(k), s.imPage(k), s.rePage(partner), s.imPage(partner),
                    x & offsetMask, z & offsetMask, 0, 1 << pq, page);
            double sign = (Integer.bitCount(k & (z >>> pq)) & 1) == 0 ? 1 : -1;
            out[0] += sign * page[0];
            out[1] += sign * page[1];
        }
        // multiply by i^(number of Y): Y = i X Z in the x/z-mask representation
        int ny = Long.bitCount(p.xMask() & p.zMask()) & 3;
        return switch (ny) {
            case 0 -> out[0];
            case 1 -> -out[1];
            case 2 -> -out[0];
            default -> out[1];
        };
    }

    /** {@code <psi| H |psi>} for a weighted Pauli sum. */
    public static double expectation(StateVector s, PauliSum h) {
        double e = 0;
        for (PauliSum.Term t : h.terms()) {
            e += t.coefficient() * expectation(s, t.pauli());
        }
        return e;
    }

    /** {@code <a|b>} as {real, imaginary}. */
    public static double[] innerProduct(StateVector a, StateVector b) {
        if (a.numQubits() != b.numQubits()) {
            throw new IllegalArgumentException("qubit counts differ");
        }
        double[] out = new double[2];
        if (a.pageQubits() == b.pageQubits()) {
            double[] page = new double[2];
            for (int k = 0; k < a.numPages(); k++) {
                ReductionKernels.innerProduct(a.rePage(k), a.imPage(k), b.rePage(k), b.imPage(k), 0,
                        1 << a.pageQubits(), page);
                out[0] += page[0];
                out[1] += page[1];
            }
        } else {
            for (int i = 0; i < a.dimension(); i++) {
                out[0] += a.re(i) * b.re(i) + a.im(i) * b.im(i);
                out[1] += a.re(i) * b.im(i) - a.im(i) * b.re(i);
            }
        }
        return out;
    }

    /**
     * Uniform draws sorted and matched against the distribution at most this many at a time (32 MiB),
     * so that sampling needs the same memory for a billion shots as for a million.
     */
    static final int SAMPLE_CHUNK = 1 << 22;

    /**
     * Re {@code <a|b>}, the real part of {@link #innerProduct} for half its arithmetic (what an adjoint
     * sweep's terms need); summed page by page in page order.
     */
    public static double realInnerProduct(StateVector a, StateVector b) {
        if (a.numQubits() != b.numQubits() || a.pageQubits() != b.pageQubits()) {
            throw new IllegalArgumentException("qubit counts or page sizes differ");
        }
        double s = 0;
        for (int k = 0; k < a.numPages(); k++) {
            s += ReductionKernels.realInnerProduct(a.rePage(k), a.imPage(k), b.rePage(k), b.imPage(k), 0,
                    1 << a.pageQubits());
        }
        return s;
    }

    /**
     * Draws {@code shots} basis states from the state's distribution with the given seed: the same seed
     * gives the same counts. Returns index to count, ascending by index.
     *
     * <p>Draw j is the j-th uniform of {@code SplittableRandom(seed)} times the squared norm, and lands
     * on the first index whose cumulative probability (summed in index order) exceeds it; draws beyond
     * the last cumulative sum by rounding go to the last index of non-zero probability. Draws are
     * matched {@value #SAMPLE_CHUNK} at a time (sorted, in one walk over the cumulative sums, which an
     * index of block sums lets skip where no draw lands), so memory does not grow with the shots, and
     * the counts are those of matching all draws at once. Up to 20 qubits the index has an entry per
     * basis state, and each draw finds its state by bisection instead.
     */
    public static TreeMap<Integer, Integer> sample(StateVector s, int shots, long seed) {
        return sample(s, shots, seed, SAMPLE_CHUNK);
    }

    /**
     * What {@link #sample} of {@code shots} shots from a {@code qubits}-qubit state holds: the counts
     * (at most one entry per basis state) and its buffers (the draws matched at once, and past
     * {@value #SAMPLE_CHUNK} shots the index of cumulative sums). Nothing for no shots.
     */
    public static MemoryEstimate sampleMemory(int qubits, long shots) {
        if (shots <= 0) {
            return MemoryEstimate.none();
        }
        long buffers = Math.min(shots, SAMPLE_CHUNK) * 8L
                + (shots > SAMPLE_CHUNK ? 8L * ((1L << Math.min(qubits, 20)) + 1) : 0);
        return MemoryEstimate.outcomes(shots + " samples", shots, qubits).plus("sampling buffers", buffers);
    }

    static TreeMap<Integer, Integer> sample(StateVector s, int shots, long seed, int chunk) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double total = sumSquares(s);
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        if (shots <= chunk) {
            double[] u = new double[shots];
            for (int i = 0; i < shots; i++) {
                u[i] = rnd.nextDouble() * total;
            }
            Arrays.sort(u);
            double cum = 0;
            int k = 0;
            int last = -1;
            int pq = s.pageQubits(), offsetMask = (1 << pq) - 1;
            for (int i = 0; i < s.dimension() && k < shots; i++) {
                double[] re = s.rePage(i >>> pq), im = s.imPage(i >>> pq);
                int o = i & offsetMask;
                double p = re[o] * re[o] + im[o] * im[o];
                if (p > 0) {
                    last = i;
                }
                cum += p;
                while (k < shots && u[k] < cum) {
                    counts.merge(i, 1, Integer::sum);
                    k++;
                }
            }
            // rounding can leave the last few draws past the final cumulative sum: give them to the last
            // basis state with non-zero probability
            if (k < shots) {
                counts.merge(last, shots - k, Integer::sum);
            }
            return counts;
        }
        CumulativeIndex index = new CumulativeIndex(s);
        if (index.bits == 0) {
            // one entry per basis state: each draw finds its state by bisection, no sorting needed
            int[] perState = new int[s.dimension()];
            int leftOver = 0;
            for (int j = 0; j < shots; j++) {
                int i = index.stateOf(rnd.nextDouble() * total);
                if (i < 0) {
                    leftOver++;
                } else {
                    perState[i]++;
                }
            }
            for (int i = 0; i < perState.length; i++) {
                if (perState[i] > 0) {
                    counts.put(i, perState[i]);
                }
            }
            if (leftOver > 0) {
                counts.merge(index.lastNonZero, leftOver, Integer::sum);
            }
            return counts;
        }
        double[] u = new double[chunk];
        for (int done = 0; done < shots; ) {
            int m = Math.min(chunk, shots - done);
            for (int i = 0; i < m; i++) {
                u[i] = rnd.nextDouble() * total;
            }
            Arrays.sort(u, 0, m);
            index.match(u, m, counts);
            done += m;
        }
        return counts;
    }

    /**
     * The cumulative probabilities of a state at the start of each block of 2^bits indices, summed in
     * index order exactly as {@link #sample}'s walk sums them, so that a walk may start at any block
     * and reach the same sums bit for bit.
     */
    private static final class CumulativeIndex {
        private final StateVector s;
        final int bits;
        /** atBlock[b]: the sum of the probabilities of indices below b * 2^bits; atBlock[blocks]: of all. */
        private final double[] atBlock;
        final int lastNonZero;

        CumulativeIndex(StateVector s) {
            this.s = s;
            this.bits = Math.max(0, s.numQubits() - 20);
            int blocks = s.dimension() >>> bits;
            this.atBlock = new double[blocks + 1];
            double cum = 0;
            int last = -1;
            for (int i = 0; i < s.dimension(); i++) {
                if ((i & ((1 << bits) - 1)) == 0) {
                    atBlock[i >>> bits] = cum;
                }
                double p = probability(s, i);
                if (p > 0) {
                    last = i;
                }
                cum += p;
            }
            atBlock[blocks] = cum;
            this.lastNonZero = last;
        }

        /**
         * With one block per basis state: the state a draw lands on (the last whose cumulative sum before
         * it is at most x, so the sum through it exceeds x), or -1 past the end.
         */
        int stateOf(double x) {
            if (!(x < atBlock[atBlock.length - 1])) {
                return -1;
            }
            return lastAtMost(atBlock, 0, atBlock.length - 2, x);
        }

        /** Counts the draws u[0..m) (sorted) into {@code counts}. */
        void match(double[] u, int m, TreeMap<Integer, Integer> counts) {
            double end = atBlock[atBlock.length - 1];
            int i = -1; // the index whose cumulative sum is cum
            double cum = 0;
            int run = 0; // draws on index i not yet counted
            int leftOver = 0;
            for (int k = 0; k < m; k++) {
                double x = u[k];
                if (!(x < end)) {
                    leftOver++;
                    continue;
                }
                if (!(x < cum)) {
                    if (run > 0) {
                        counts.merge(i, run, Integer::sum);
                        run = 0;
                    }
                    int block = i < 0 ? 0 : i >>> bits;
                    if (!(x < atBlock[block + 1])) {
                        // jump to the last block starting at or below x: x lies inside it
                        int lo = lastAtMost(atBlock, block + 1, atBlock.length - 2, x);
                        i = (lo << bits) - 1;
                        cum = atBlock[lo];
                    }
                    while (!(x < cum)) {
                        i++;
                        cum += probability(s, i);
                    }
                }
                run++;
            }
            if (run > 0) {
                counts.merge(i, run, Integer::sum);
            }
            if (leftOver > 0) {
                counts.merge(lastNonZero, leftOver, Integer::sum);
            }
        }
    }

    /**
     * The largest index in [lo, hi] whose ascending cumulative sum {@code sorted[index]} is at most x
     * (lo itself when none above it is), by bisection.
     */
    private static int lastAtMost(double[] sorted, int lo, int hi, double x) {
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Splits {@code shots} draws between bins of the given weights as {@link #sample} does between
     * basis states: draw j, the j-th uniform of {@code rnd} times the weights' sum (summed in bin
     * order), goes to the first bin whose cumulative weight exceeds it, found by bisection; rounding
     * leftovers go to the last bin of non-zero weight. Exactly {@code shots} uniforms are taken from
     * {@code rnd}, and memory does not grow with the shots.
     */
    public static int[] sampleCounts(double[] weights, int shots, SplittableRandom rnd) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        // before[p]: the weights of the bins below p, summed in order; before[length]: all of them
        double[] before = new double[weights.length + 1];
        int last = 0;
        for (int p = 0; p < weights.length; p++) {
            before[p + 1] = before[p] + weights[p];
            if (weights[p] > 0) {
                last = p;
            }
        }
        double total = before[weights.length];
        int[] counts = new int[weights.length];
        for (int j = 0; j < shots; j++) {
            double x = rnd.nextDouble() * total;
            if (!(x < total)) {
                counts[last]++;
                continue;
            }
            counts[lastAtMost(before, 0, weights.length - 1, x)]++;
        }
        return counts;
    }

    /** The bit string of a basis index, qubit n-1 first (as Qiskit prints counts). */
    public static String bitString(long index, int n) {
        char[] c = new char[n];
        for (int q = 0; q < n; q++) {
            c[n - 1 - q] = (index >>> q & 1) == 0 ? '0' : '1';
        }
        return new String(c);
    }

    private static void checkQubit(StateVector s, int q) {
        if (q < 0 || q >= s.numQubits()) {
            throw new IllegalArgumentException("qubit " + q + " out of range for " + s.numQubits() + " qubits");
        }
    }
}
