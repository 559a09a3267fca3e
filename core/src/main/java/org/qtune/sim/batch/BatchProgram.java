package org.qtune.sim.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicReference;
import org.qtune.circuit.Circuit;

/**
 * Runs a {@link BatchPlan} on batched states: the members split into contiguous blocks, one per
 * thread, and each thread sweeps all passes over its block, a few MiB of members at a time. The plan
 * is immutable and the per-run memory is a {@link BatchWorkspace}, either the caller's or one the
 * program keeps for reuse, so a program may run from several threads at once (each run then takes
 * its own workspace). Holds a thread pool when it has more than one thread: close it.
 */
public final class BatchProgram implements AutoCloseable {
    private final BatchPlan plan;
    private final int threads;
    private final ForkJoinPool pool;
    /** A workspace left by the last run, for the next one to reuse (one caller at a time takes it). */
    private final AtomicReference<BatchWorkspace> idle = new AtomicReference<>();

    private BatchProgram(BatchPlan plan, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.plan = plan;
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** Compiles {@code circuit} with the named parameters per-member, one thread, fused blocks of up to 4 qubits. */
    public static BatchProgram compile(Circuit circuit, Collection<String> perMemberParameters) {
        return compile(circuit, perMemberParameters, 4, 1);
    }

    public static BatchProgram compile(Circuit circuit, Collection<String> perMemberParameters, int maxFusedQubits,
                                       int threads) {
        return of(BatchPlan.compile(circuit, perMemberParameters, maxFusedQubits), threads);
    }

    /** Runs an existing plan on {@code threads} threads. */
    public static BatchProgram of(BatchPlan plan, int threads) {
        return new BatchProgram(plan, threads);
    }

    /** The immutable compiled circuit. */
    public BatchPlan plan() {
        return plan;
    }

    public Circuit circuit() {
        return plan.circuit();
    }

    public int numQubits() {
        return plan.numQubits();
    }

    public int threads() {
        return threads;
    }

    /** Whether circuit parameter p is per-member. */
    public boolean isPerMember(int p) {
        return plan.isPerMember(p);
    }

    /** The number of passes over the batch one run makes. */
    public int numSteps() {
        return plan.numSteps();
    }

    /** See {@link BatchPlan#describe()}. */
    public String describe() {
        return plan.describe();
    }

    /** A new state with every member run from |0...0>. */
    public BatchState run(BatchParameters p) {
        BatchState s = BatchState.zero(numQubits(), p.batch());
        run(p, s);
        return s;
    }

    /** Runs every member from |0...0> into {@code state} (reused: no allocation once warmed up). */
    public void run(BatchParameters p, BatchState state) {
        check(p, state);
        state.reset();
        apply(p, state);
    }

    /** As {@link #run(BatchParameters, BatchState)} in the caller's workspace. */
    public void run(BatchParameters p, BatchState state, BatchWorkspace workspace) {
        check(p, state);
        state.reset();
        apply(p, state, workspace);
    }

    /** Applies the circuit to the members' current states. */
    public void apply(BatchParameters p, BatchState state) {
        BatchWorkspace ws = take(state.batch());
        try {
            apply(p, state, ws);
        } finally {
            idle.set(ws);
        }
    }

    /** Applies the circuit to the members' current states, in the caller's workspace. */
    public void apply(BatchParameters p, BatchState state, BatchWorkspace workspace) {
        check(p, state);
        if (!workspace.fits(state.batch(), threads)) {
            throw new IllegalArgumentException("a workspace for " + workspace.batch() + " members and "
                    + workspace.scratch.length + " threads, not " + state.batch() + " and " + threads);
        }
        List<BatchStep> steps = plan.steps;
        double[][] prepared = workspace.prepared;
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = steps.get(i).prepare(p);
        }
        int batch = state.batch(), n = numQubits();
        BatchStep.Scratch[] sc = workspace.scratch;
        int block = memberBlock(n);
        forMembers(batch, (b0, b1, w) -> {
            // member blocks of a few MiB: every pass of a block runs while it is in L2/L3
            for (int c0 = b0; c0 < b1; c0 += block) {
                int c1 = Math.min(b1, c0 + block);
                for (int i = 0; i < prepared.length; i++) {
                    steps.get(i).apply(state.re, state.im, batch, c0, c1, n, p, prepared[i], sc[w]);
                }
            }
        });
    }

    /** The idle workspace if it fits this batch, else a new one. */
    private BatchWorkspace take(int batch) {
        BatchWorkspace ws = idle.getAndSet(null);
        return ws != null && ws.fits(batch, threads) ? ws : new BatchWorkspace(plan, batch, threads);
    }

    /**
     * Members per block: about 2 MiB of amplitudes (L2-L3 here), a multiple of 8 members; measured
     * faster than L2-sized blocks, whose member loops are too short.
     */
    static int memberBlock(int n) {
        return Math.max(CHUNK, ((1 << 17) >> n) & -CHUNK);
    }

    interface MemberBody {
        void run(int b0, int b1, int worker);
    }

    /**
     * Members per chunk: thread ranges and member blocks start on multiples of it, so sums over chunks
     * (the batched adjoint's shared-parameter terms) do not depend on the number of threads.
     */
    static final int CHUNK = 64;

    /** Runs body over contiguous member blocks, one per thread (boundaries on multiples of {@link #CHUNK}). */
    void forMembers(int batch, MemberBody body) {
        int parts = Math.min(threads, Math.max(1, batch / CHUNK));
        if (parts <= 1) {
            body.run(0, batch, 0);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int b0 = (int) ((long) batch * t / parts) & -CHUNK, b1 = t == parts - 1 ? batch
                    : (int) ((long) batch * (t + 1) / parts) & -CHUNK;
            final int w = t;
            tasks.add(pool.submit(() -> body.run(b0, b1, w)));
        }
        for (ForkJoinTask<?> f : tasks) {
            f.join();
        }
    }

    void check(BatchParameters p, BatchState state) {
        plan.check(p, state);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
