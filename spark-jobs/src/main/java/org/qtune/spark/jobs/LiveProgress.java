package org.qtune.spark.jobs;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the job running in this JVM is doing now, for a client that polls it from another thread (the
 * Python front end's progress bar): the job's name, and for the training loops the last finished
 * step, the steps in all, its loss and the estimated seconds left. One job at a time per JVM, as
 * {@link JobRunner} runs them; {@link #current()} is null when none runs.
 */
public final class LiveProgress {
    private static final AtomicReference<Snapshot> NOW = new AtomicReference<>();

    private LiveProgress() {
    }

    /** A moment of a run: {@code step} 0 and {@code steps} 0 until a loop reports a step. */
    public record Snapshot(String job, int step, int steps, double loss, double etaSeconds, long startedMillis) {
    }

    static void started(String job) {
        NOW.set(new Snapshot(job, 0, 0, Double.NaN, Double.NaN, System.currentTimeMillis()));
    }

    static void step(int step, int steps, double loss, double etaSeconds) {
        NOW.updateAndGet(s -> s == null ? null : new Snapshot(s.job(), step, steps, loss, etaSeconds, s.startedMillis()));
    }

    static void finished() {
        NOW.set(null);
    }

    /** The running job's last snapshot, or null. */
    public static Snapshot current() {
        return NOW.get();
    }
}
