package org.qtune.sim.batch;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.StateVector;

/**
 * B states of n qubits, batch index innermost: amplitude i of member b is
 * {@code (re[i * B + b], im[i * B + b])}. Little-endian as everywhere: qubit q is bit q of i.
 */
public final class BatchState {
    /** Most qubits a batched state may have: batches are for small circuits. */
    public static final int MAX_QUBITS = 20;

    private final int numQubits;
    private final int batch;
    final double[] re;
    final double[] im;

    private BatchState(int numQubits, int batch) {
        if (numQubits < 1 || numQubits > MAX_QUBITS) {
            throw new IllegalArgumentException("a batched state has 1.." + MAX_QUBITS + " qubits, got " + numQubits);
        }
        if (batch < 1 || ((long) batch << numQubits) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch " + batch + " of " + numQubits + " qubits does not fit one array");
        }
        MemoryEstimate need = MemoryEstimate.batchStates(numQubits, batch, 1);
        if (need.bytes() > Runtime.getRuntime().maxMemory()) {
            // a last guard for library callers: jobs compare their whole estimate with the heap first
            throw new IllegalArgumentException(need.describe() + " is more than this JVM's whole heap (-Xmx "
                    + MemoryEstimate.format(Runtime.getRuntime().maxMemory()) + ")");
        }
        this.numQubits = numQubits;
        this.batch = batch;
        this.re = new double[batch << numQubits];
        this.im = new double[batch << numQubits];
    }

    /** Every member in |0...0>. */
    public static BatchState zero(int numQubits, int batch) {
        BatchState s = new BatchState(numQubits, batch);
        s.reset();
        return s;
    }

    /** Puts every member back in |0...0>. */
    public void reset() {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        java.util.Arrays.fill(re, 0, batch, 1);
    }

    public int numQubits() {
        return numQubits;
    }

    public int batch() {
        return batch;
    }

    public BatchState copy() {
        BatchState s = new BatchState(numQubits, batch);
        System.arraycopy(re, 0, s.re, 0, re.length);
        System.arraycopy(im, 0, s.im, 0, im.length);
        return s;
    }

    /** Overwrites this state with {@code other}'s amplitudes (same shape). */
    public void copyFrom(BatchState other) {
        if (other.numQubits != numQubits || other.batch != batch) {
            throw new IllegalArgumentException("states of different shapes");
        }
        System.arraycopy(other.re, 0, re, 0, re.length);
        System.arraycopy(other.im, 0, im, 0, im.length);
    }

    /** Member b as a single state vector (a copy). */
    public StateVector member(int b) {
        checkMember(b);
        int dim = 1 << numQubits;
        double[] r = new double[dim], i = new double[dim];
        for (int k = 0; k < dim; k++) {
            r[k] = re[k * batch + b];
            i[k] = im[k * batch + b];
        }
        return StateVector.of(r, i);
    }

    /** <Z_q> of every member, out[q][b], all qubits in one pass. */
    public double[][] expectationZAll() {
        double[][] out = new double[numQubits][batch];
        Kernels.expectationZAll(re, im, batch, 0, batch, numQubits, out);
        return out;
    }

    /** <P> of every member. */
    public double[] expectation(PauliString p) {
        checkPauli(p);
        double[] outRe = new double[batch], outIm = new double[batch];
        Kernels.pauliOverlap(re, im, re, im, batch, 0, batch, numQubits, (int) p.xMask(), (int) p.zMask(), 0,
                outRe, outIm);
        return outRe;
    }

    /** <H> of every member, term by term. */
    public double[] expectation(PauliSum h) {
        double[] out = new double[batch];
        for (PauliSum.Term t : h.terms()) {
            double[] e = expectation(t.pauli());
            for (int b = 0; b < batch; b++) {
                out[b] += t.coefficient() * e[b];
            }
        }
        return out;
    }

    /** The 2^n probabilities of member b. */
    public double[] probabilities(int b) {
        checkMember(b);
        int dim = 1 << numQubits;
        double[] p = new double[dim];
        for (int k = 0; k < dim; k++) {
            double r = re[k * batch + b], i = im[k * batch + b];
            p[k] = r * r + i * i;
        }
        return p;
    }

    /**
     * {@code shots} seeded samples of member b: index to count, as
     * {@link org.qtune.sim.Measurements#sample} draws them for the same state and seed.
     */
    public TreeMap<Integer, Integer> sample(int b, int shots, long seed) {
        return org.qtune.sim.Measurements.sample(member(b), shots, seed);
    }

    /**
     * Estimates of Z-type observables from {@code shots} measurements of every member in the
     * computational basis, as a device reports them: out[j][b] is the mean over the shots of
     * (-1)^(popcount(outcome &amp; zMasks[j])), all observables read from the same shots. Member b draws
     * from its own stream (the b-th drawn from {@code seed}).
     */
    public double[][] sampledZ(long[] zMasks, int shots, long seed) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be at least 1, got " + shots);
        }
        for (long m : zMasks) {
            if ((m >>> numQubits) != 0) {
                throw new IllegalArgumentException("observable acts on a qubit outside the " + numQubits + "-qubit state");
            }
        }
        int dim = 1 << numQubits;
        double[] cumulative = new double[dim];
        long[] counts = new long[dim];
        double[][] out = new double[zMasks.length][batch];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int b = 0; b < batch; b++) {
            SplittableRandom random = new SplittableRandom(seeds.nextLong());
            double total = 0;
            for (int k = 0; k < dim; k++) {
                double r = re[k * batch + b], i = im[k * batch + b];
                total += r * r + i * i;
                cumulative[k] = total;
            }
            java.util.Arrays.fill(counts, 0);
            for (int s = 0; s < shots; s++) {
                double u = random.nextDouble() * total;
                int lo = 0, hi = dim - 1;
                while (lo < hi) {  // the first k with cumulative[k] > u
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] > u) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                counts[lo]++;
            }
            for (int j = 0; j < zMasks.length; j++) {
                long sum = 0;
                for (int k = 0; k < dim; k++) {
                    sum += (Long.bitCount(k & zMasks[j]) & 1) == 0 ? counts[k] : -counts[k];
                }
                out[j][b] = (double) sum / shots;
            }
        }
        return out;
    }

    /** Seeded samples of every member, member b drawing from its own stream (from seed and b). */
    public java.util.List<TreeMap<Integer, Integer>> sampleAll(int shots, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        java.util.List<TreeMap<Integer, Integer>> out = new java.util.ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(sample(b, shots, seeds.nextLong()));
        }
        return out;
    }

    private void checkMember(int b) {
        if (b < 0 || b >= batch) {
            throw new IndexOutOfBoundsException("member " + b + " of a batch of " + batch);
        }
    }

    private void checkPauli(PauliString p) {
        if (((p.xMask() | p.zMask()) >>> numQubits) != 0) {
            throw new IllegalArgumentException("observable acts on a qubit outside the " + numQubits + "-qubit state");
        }
    }
}
