package org.qtune.sim;

/**
 * Bound gates compiled once for one array geometry, to run many times through a {@link Simulator}:
 * on every chunk of a distributed state (an epoch's gates, compiled once per executor rather than
 * once per chunk), or gate by gate for a sweep that stops between gates (the adjoint's: each gate
 * planned once, not once per application). Immutable: one instance serves any number of threads and
 * states at once.
 *
 * <p>The geometry: arrays of 2^{@link #arrayQubits()} amplitudes of a {@link #numQubits()}-qubit
 * state, either chunks (index bits above the array's given when run) or a whole state in pages of
 * 2^{@link #pageQubits()} amplitudes.
 */
public final class CompiledGates {
    final Program program;
    private final int numQubits;
    private final int pageQubits;
    private final boolean chunks;
    private final boolean eachGate;

    CompiledGates(Program program, int numQubits, int pageQubits, boolean chunks, boolean eachGate) {
        this.program = program;
        this.numQubits = numQubits;
        this.pageQubits = pageQubits;
        this.chunks = chunks;
        this.eachGate = eachGate;
    }

    /** Qubits of the state the gates act on. */
    public int numQubits() {
        return numQubits;
    }

    /** Amplitudes per array (log2): a chunk's, or a page's for a whole state. */
    public int arrayQubits() {
        return chunks ? program.numQubits : pageQubits;
    }

    /** Amplitudes per page (log2) of the whole states it runs on; the chunk size for chunks. */
    public int pageQubits() {
        return pageQubits;
    }

    /** Whether it runs on chunks of a larger state (else on whole states). */
    public boolean forChunks() {
        return chunks;
    }

    /** Whether each gate is its own pass, runnable alone ({@link Simulator#applyGate}). */
    public boolean gateByGate() {
        return eachGate;
    }

    /** The number of passes: the number of gates when {@link #gateByGate()}. */
    public int size() {
        return program.numPasses();
    }
}
