package org.qtune.sim.batch;

/**
 * The working memory of one run of a {@link BatchPlan} at one batch size: each worker thread's
 * scratch (per-member matrices and phases, the dense kernel's buffer) and what the run's parameters
 * prepare for every step (fused matrices, phase tables). Owned by one caller at a time; reused from
 * run to run so that a warmed-up run allocates nothing.
 */
public final class BatchWorkspace {
    final int batch;
    final BatchStep.Scratch[] scratch;
    /** Per step: what {@link BatchStep#prepare} returned for the current run's parameters. */
    final double[][] prepared;

    /** Room for runs of {@code plan} on {@code batch} members over {@code threads} worker threads. */
    public BatchWorkspace(BatchPlan plan, int batch, int threads) {
        if (batch < 1 || threads < 1) {
            throw new IllegalArgumentException("batch and threads must be >= 1, got " + batch + " and " + threads);
        }
        this.batch = batch;
        this.scratch = new BatchStep.Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new BatchStep.Scratch(batch, plan.maxFusedQubits(), BatchPlan.MAX_MEMBER_DIAGONAL_QUBITS,
                    batch);
        }
        this.prepared = new double[plan.numSteps()][];
    }

    /** The batch size it is for. */
    public int batch() {
        return batch;
    }

    /** Whether it serves runs of that many members on that many threads. */
    boolean fits(int members, int threads) {
        return members == batch && scratch.length >= threads;
    }
}
