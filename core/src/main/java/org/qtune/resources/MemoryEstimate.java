package org.qtune.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memory a run needs, as named parts, estimated from sizes before anything is allocated. Only the
 * parts that grow with the input are counted (amplitude arrays, per-gate objects, sampled outcomes);
 * the fixed cost of a JVM is left to {@link MemoryBudget}'s reserve. Sums saturate at
 * {@link Long#MAX_VALUE}, so absurd sizes (2^40 amplitudes, 10^12 gates) give a huge estimate, never an
 * overflow. Immutable.
 *
 * @param parts what is counted, in the order added
 */
public record MemoryEstimate(List<Part> parts) {
    /** Bytes per amplitude: a double for the real and one for the imaginary part. */
    public static final long BYTES_PER_AMPLITUDE = 16;

    /**
     * Bytes per gate of a circuit built in memory and run: the {@code Operation} with its qubit array
     * and parameter expression, the bound matrix the simulator compiles from it (up to 4 x 4 complex),
     * and its share of the parameter objects, names and optimizer vectors. Measured on a 700,000-gate
     * hardware-efficient ansatz: 173 bytes per gate for the circuit and 222 for its bound matrices
     * (QAOA: 145 for the circuit); the simulator's compiled copy and L-BFGS's history (10 pairs of
     * vectors per parameter) bring it to about 800; rounded up.
     */
    public static final long BYTES_PER_GATE = 1024;

    /**
     * Bytes per distinct outcome kept by sampling or listing basis states: a sorted map entry with its
     * boxed key and count, and the outcome's bit string and entry in the report (about 100 bytes plus
     * 2 per qubit; rounded up for 30 qubits).
     */
    public static final long BYTES_PER_OUTCOME = 256;

    /** One counted part: what it is ("state vector of 28 qubits") and its bytes. */
    public record Part(String what, long bytes) {
        public Part {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative size for " + what + ": " + bytes);
            }
        }
    }

    public MemoryEstimate {
        parts = List.copyOf(parts);
    }

    /** Nothing counted yet. */
    public static MemoryEstimate none() {
        return new MemoryEstimate(List.of());
    }

    /** One part. */
    public static MemoryEstimate of(String what, long bytes) {
        return none().plus(what, bytes);
    }

    /** This estimate and one more part. */
    public MemoryEstimate plus(String what, long bytes) {
        List<Part> all = new ArrayList<>(parts);
        all.add(new Part(what, bytes));
        return new MemoryEstimate(all);
    }

    /** This estimate and another's parts. */
    public MemoryEstimate plus(MemoryEstimate other) {
        List<Part> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        return new MemoryEstimate(all);
    }

    /** The total, saturating at {@link Long#MAX_VALUE}. */
    public long bytes() {
        long total = 0;
        for (Part p : parts) {
            total = add(total, p.bytes());
        }
        return total;
    }

    /** 2^qubits amplitudes' bytes, saturating (any qubit count >= 0). */
    public static long amplitudeBytes(int qubits) {
        if (qubits < 0) {
            throw new IllegalArgumentException("qubits must be >= 0, got " + qubits);
        }
        return qubits >= 59 ? Long.MAX_VALUE : BYTES_PER_AMPLITUDE << qubits;
    }

    /** {@code copies} state vectors of {@code qubits} qubits (the simulator's paging adds nothing). */
    public static MemoryEstimate stateVectors(int qubits, int copies) {
        return of((copies == 1 ? "a state vector" : copies + " state vectors") + " of " + qubits + " qubits",
                multiply(amplitudeBytes(qubits), copies));
    }

    /** {@code states} batched states of {@code batch} members of {@code qubits} qubits each. */
    public static MemoryEstimate batchStates(int qubits, long batch, int states) {
        return of((states == 1 ? "a batch" : states + " batches") + " of " + batch + " states of " + qubits
                + " qubits", multiply(multiply(amplitudeBytes(qubits), batch), states));
    }

    /** A circuit of {@code gates} gates built, compiled and optimized over ({@link #BYTES_PER_GATE}). */
    public static MemoryEstimate circuit(long gates) {
        return of("a circuit of " + gates + " gates", multiply(Math.max(0, gates), BYTES_PER_GATE));
    }

    /**
     * {@code outcomes} distinct basis states of a {@code qubits}-qubit state kept with a count or a
     * probability: no more than 2^qubits whatever is asked ({@link #BYTES_PER_OUTCOME} each).
     */
    public static MemoryEstimate outcomes(String what, long asked, int qubits) {
        long distinct = qubits >= 62 ? Math.max(0, asked) : Math.min(Math.max(0, asked), 1L << qubits);
        return of(what + " (" + distinct + " distinct outcomes at most)", multiply(distinct, BYTES_PER_OUTCOME));
    }

    /** "5.0 GiB (a state vector of 28 qubits: 4.0 GiB; samples ...: 1.0 GiB)": the total and each part. */
    public String describe() {
        StringBuilder s = new StringBuilder(format(bytes()));
        if (!parts.isEmpty()) {
            s.append(" (");
            for (int i = 0; i < parts.size(); i++) {
                s.append(i == 0 ? "" : "; ").append(parts.get(i).what()).append(": ").append(format(parts.get(i).bytes()));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** A byte count for people: "512 B", "3.5 KiB", "4.0 GiB", "16.0 EiB" and beyond as "more than 8 EiB". */
    public static String format(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    static long multiply(long a, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("negative size factor");
        }
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
