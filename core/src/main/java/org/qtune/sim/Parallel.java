package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits an index range over a fixed number of threads. Work is cut into aligned chunks whose
 * boundaries depend only on the range and the alignment, never on the thread count, so a result that
 * is summed chunk by chunk in chunk order is bit-identical for any number of threads.
 */
final class Parallel {
    /** Amplitudes per chunk when a step over the whole state is split across threads. */
    static final int CHUNK_AMPLITUDES = 1 << 14;

    interface RangeBody {
        void run(int from, int to, int worker);
    }

    private final int threads;
    private final ForkJoinPool pool;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    int threads() {
        return threads;
    }

    /**
     * Runs body over [0, total) cut into chunks of {@code chunk} items; chunk c covers
     * [c * chunk, min(total, (c + 1) * chunk)). {@code worker} is in [0, threads) and is the same for
     * all chunks one thread runs, so a body can index per-thread scratch with it.
     */
    void forChunks(int total, int chunk, RangeBody body) {
        int chunks = (total + chunk - 1) / chunk;
        if (chunks <= 1) {
            body.run(0, total, 0);
            return;
        }
        // Threads take the next chunk from a shared counter, so they sweep memory side by side rather
        // than in distant halves: fewer DRAM streams at once, and no thread idles on a slow share.
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        forTasks(Math.min(threads, chunks), (w0, w1, w) -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.run(c * chunk, Math.min(total, (c + 1) * chunk), w);
            }
        });
    }

    /**
     * Runs body over task indices [0, tasks), with each thread taking a contiguous share; for work
     * items of similar cost such as cache tiles.
     */
    void forTasks(int tasks, RangeBody body) {
        int parts = Math.min(threads, tasks);
        if (parts <= 1) {
            body.run(0, tasks, 0);
            return;
        }
        List<ForkJoinTask<?>> futures = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            final int from = (int) ((long) tasks * p / parts), to = (int) ((long) tasks * (p + 1) / parts), w = p;
            futures.add(pool.submit(() -> body.run(from, to, w)));
        }
        for (ForkJoinTask<?> f : futures) {
            f.join();
        }
    }

    void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
