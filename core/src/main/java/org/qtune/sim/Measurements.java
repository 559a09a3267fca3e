package org.qtune.sim;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
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
     */
    public static TreeMap<Integer, Integer> sample(StateVector s, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        double[] u = new double[shots];
        SplittableRandom rnd = new SplittableRandom(seed);
        double total = sumSquares(s);
        for (int i = 0; i < shots; i++) {
            u[i] = rnd.nextDouble() * total;
        }
        Arrays.sort(u);
        TreeMap<Integer, Integer> counts = new TreeMap<>();
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
