package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;

/**
 * The single-node state-vector simulator. It binds a circuit's parameters, plans the gates into
 * passes ({@link Planner}: cache blocking, fusion, kernel choice; an immutable {@link Program}) and
 * runs them on a {@link StateVector} ({@link Executor}). Thread-safe for concurrent calls on different
 * states; holds a thread pool, so close it when done.
 */
public final class Simulator implements AutoCloseable {
    private final SimulatorOptions options;
    private final Parallel parallel;
    private final boolean vector;

    public Simulator() {
        this(SimulatorOptions.defaults());
    }

    public Simulator(SimulatorOptions options) {
        this.options = options;
        this.parallel = new Parallel(options.threads());
        this.vector = options.vector() && KernelSupport.VECTOR_AVAILABLE;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Whether the SIMD kernels are in use (the option is on and the JVM has the Vector API). */
    public boolean usesVectorKernels() {
        return vector;
    }

    /** Runs a circuit without symbolic parameters from |0...0&gt;. */
    public StateVector run(Circuit circuit) {
        return run(circuit, new double[0]);
    }

    /**
     * Runs a circuit from |0...0&gt; with {@code theta[i]} bound to {@code circuit.parameters().get(i)}.
     * The state is stored in pages of 2^{@link SimulatorOptions#pageQubits()} amplitudes when larger.
     */
    public StateVector run(Circuit circuit, double[] theta) {
        int n = circuit.numQubits();
        StateVector s = StateVector.zero(n, Math.min(n, options.pageQubits()));
        apply(circuit, theta, s);
        return s;
    }

    /** Applies a circuit to a state in place. The state may have more qubits than the circuit. */
    public void apply(Circuit circuit, double[] theta, StateVector state) {
        Program p = compile(circuit, theta, state.numQubits(), state.pageQubits());
        Executor.execute(p, state.rePages(), state.imPages(), state.pageQubits(), parallel);
    }

    /**
     * The number of sweeps over the whole state that {@link #apply} makes for this circuit (for
     * reports): one per tiled pass, one per step of a pass over the whole state.
     */
    public int countPasses(Circuit circuit, double[] theta, int numQubits) {
        return compile(circuit, theta, numQubits, Math.min(numQubits, options.pageQubits())).numSweeps();
    }

    /**
     * Applies one matrix (any, not necessarily unitary: derivatives are applied this way) to the given
     * qubits, matrix bit j = qubits[j]. The state is modified.
     */
    public void applyMatrix(StateVector state, int[] qubits, double[] matrix) {
        checkQubits(qubits, state.numQubits());
        GateOp g = GateOp.ofMatrix(qubits.clone(), matrix);
        Executor.execute(Planner.compilePaged(List.of(g), state.numQubits(), state.pageQubits(), options.unoptimized(),
                vector), state.rePages(), state.imPages(), state.pageQubits(), parallel);
    }

    /**
     * Compiles gates to run one at a time ({@link #applyGate(CompiledGates, int, StateVector)}) on
     * states of {@code numQubits} qubits in pages of 2^pageQubits amplitudes, each planned as
     * {@link #applyMatrix} plans a lone matrix. Gates may be arbitrary matrices (derivatives).
     */
    public CompiledGates compileEach(List<BoundGate> gates, int numQubits, int pageQubits) {
        if (pageQubits < 1 || pageQubits > numQubits) {
            throw new IllegalArgumentException("page size 2^" + pageQubits + " does not fit " + numQubits + " qubits");
        }
        List<GateOp> ops = ops(gates, numQubits);
        return new CompiledGates(Planner.compileEachPaged(ops, numQubits, pageQubits, options, vector), numQubits,
                pageQubits, false, true);
    }

    /**
     * Compiles gates for chunks of 2^localQubits amplitudes of a {@code numQubits}-qubit state (see
     * {@link #applyToChunk(List, double[], double[], int, int)} for what may act where): fused and
     * cache-blocked as one program when {@code gateByGate} is false, else one pass per gate for
     * {@link #applyGate(CompiledGates, int, double[], double[], int)}.
     */
    public CompiledGates compileForChunks(List<BoundGate> gates, int localQubits, int numQubits, boolean gateByGate) {
        if (localQubits < 1 || localQubits > numQubits) {
            throw new IllegalArgumentException("chunks of 2^" + localQubits + " do not fit " + numQubits + " qubits");
        }
        List<GateOp> ops = ops(gates, numQubits);
        Program p = gateByGate ? Planner.compileEach(ops, localQubits, numQubits, vector)
                : Planner.compile(ops, localQubits, numQubits, options, vector);
        return new CompiledGates(p, numQubits, localQubits, true, gateByGate);
    }

    /** Runs every compiled gate on one chunk (see {@link #compileForChunks}). Arrays modified. */
    public void applyToChunk(CompiledGates gates, double[] re, double[] im, int chunkIndex) {
        checkChunk(gates, re, im, chunkIndex);
        Executor.execute(gates.program, re, im, parallel, chunkIndex << gates.arrayQubits());
    }

    /** Runs compiled gate {@code i} alone on one chunk (gates compiled gate by gate). Arrays modified. */
    public void applyGate(CompiledGates gates, int i, double[] re, double[] im, int chunkIndex) {
        checkChunk(gates, re, im, chunkIndex);
        checkGateByGate(gates, i);
        Executor.runPass(gates.program, i, new double[][] {re}, new double[][] {im}, gates.arrayQubits(), parallel,
                chunkIndex << gates.arrayQubits());
    }

    /** Runs compiled gate {@code i} alone on a whole state (gates from {@link #compileEach}). State modified. */
    public void applyGate(CompiledGates gates, int i, StateVector state) {
        if (gates.forChunks() || state.numQubits() != gates.numQubits() || state.pageQubits() != gates.pageQubits()) {
            throw new IllegalArgumentException("gates compiled for " + gates.numQubits() + " qubits in pages of 2^"
                    + gates.pageQubits() + (gates.forChunks() ? " chunks" : "") + ", the state has "
                    + state.numQubits() + " in pages of 2^" + state.pageQubits());
        }
        checkGateByGate(gates, i);
        Executor.runPass(gates.program, i, state.rePages(), state.imPages(), state.pageQubits(), parallel, 0);
    }

    private static void checkGateByGate(CompiledGates gates, int i) {
        if (!gates.gateByGate() || i < 0 || i >= gates.size()) {
            throw new IllegalArgumentException(gates.gateByGate() ? "gate " + i + " of " + gates.size()
                    : "the gates were compiled as one program, not gate by gate");
        }
    }

    private static void checkChunk(CompiledGates gates, double[] re, double[] im, int chunkIndex) {
        int local = gates.arrayQubits();
        if (!gates.forChunks() || re.length != 1 << local || im.length != re.length) {
            throw new IllegalArgumentException("gates compiled for chunks of 2^" + local + " amplitudes, got "
                    + re.length + " and " + im.length);
        }
        if (chunkIndex < 0 || (long) chunkIndex << local >= 1L << gates.numQubits()) {
            throw new IllegalArgumentException("chunk " + chunkIndex + " out of range");
        }
    }

    /**
     * The circuit's gates with {@code theta} bound: plain matrices, ready to run many times or to send
     * to another JVM. Identity gates are dropped.
     */
    public static List<BoundGate> bind(Circuit circuit, double[] theta) {
        circuit.checkTheta(theta);
        List<BoundGate> gates = new ArrayList<>(circuit.size());
        for (Operation op : circuit.operations()) {
            if (op.gate() != Gate.ID) {
                gates.add(new BoundGate(op.gate(), op.qubits(), op.matrix(op.paramValues(circuit, theta))));
            }
        }
        return gates;
    }

    /**
     * Applies bound gates to one chunk of a larger state: the arrays hold the 2^L amplitudes
     * [chunkIndex * 2^L, (chunkIndex + 1) * 2^L) of a {@code numQubits}-qubit state (L = log2 of the
     * arrays' length). Every non-diagonal gate must act on qubits below L, except the controls of X and
     * SWAP gates; diagonal gates and such controls may use any qubit, read from the chunk index. The
     * distributed state vector runs each partition's share of an epoch this way. Arrays modified.
     */
    public void applyToChunk(List<BoundGate> gates, double[] re, double[] im, int numQubits, int chunkIndex) {
        int local = Integer.numberOfTrailingZeros(re.length);
        if (re.length != im.length || Integer.bitCount(re.length) != 1 || local > numQubits) {
            throw new IllegalArgumentException("chunk arrays must have equal power-of-two length <= 2^" + numQubits);
        }
        if (chunkIndex < 0 || (long) chunkIndex << local >= 1L << numQubits) {
            throw new IllegalArgumentException("chunk " + chunkIndex + " out of range");
        }
        Executor.execute(Planner.compile(ops(gates, numQubits), local, numQubits, options, vector), re, im, parallel,
                chunkIndex << local);
    }

    private static List<GateOp> ops(List<BoundGate> gates, int numQubits) {
        List<GateOp> ops = new ArrayList<>(gates.size());
        for (BoundGate g : gates) {
            for (int q : g.qubits()) {
                if (q < 0 || q >= numQubits) {
                    throw new IllegalArgumentException("gate " + g + " out of range for " + numQubits + " qubits");
                }
            }
            ops.add(g.toOp());
        }
        return ops;
    }

    private Program compile(Circuit circuit, double[] theta, int numQubits, int pageQubits) {
        if (circuit.numQubits() > numQubits) {
            throw new IllegalArgumentException("a " + circuit.numQubits() + "-qubit circuit does not fit a "
                    + numQubits + "-qubit state");
        }
        List<GateOp> ops = new ArrayList<>(circuit.size());
        for (BoundGate g : bind(circuit, theta)) {
            ops.add(g.toOp());
        }
        return Planner.compilePaged(ops, numQubits, pageQubits, options, vector);
    }

    private static void checkQubits(int[] qubits, int n) {
        for (int q : qubits) {
            if (q < 0 || q >= n) {
                throw new IllegalArgumentException("qubit " + q + " out of range for " + n + " qubits");
            }
        }
    }

    @Override
    public void close() {
        parallel.close();
    }
}
