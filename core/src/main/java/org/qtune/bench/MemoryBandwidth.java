package org.qtune.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A STREAM-like triad, {@code a[i] = b[i] + s * c[i]}, over arrays much larger than the caches, split
 * over threads in contiguous ranges. Reported the way STREAM counts (24 bytes per element: two reads,
 * one write); the real traffic is 32 bytes with the write-allocate, which is why an in-place gate
 * (read and write back 32 bytes per amplitude pair, counted as 32 * 2^n per gate) can exceed it.
 */
public final class MemoryBandwidth {
    private MemoryBandwidth() {
    }

    /** Best-of-{@code repeats} triad bandwidth in GB/s (10^9 bytes per second). */
    public static double triadGBs(int elements, int threads, int repeats) throws Exception {
        double[] a = new double[elements], b = new double[elements], c = new double[elements];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // compile the loop fully (not only on-stack replacement) before anything is timed
            for (int w = 0; w < 200; w++) {
                triad(a, b, c, 3.0, 0, Math.min(elements, 1 << 14));
            }
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats + 1; r++) {
                long t0 = System.nanoTime();
                Future<?>[] f = new Future<?>[threads];
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) elements * t / threads), to = (int) ((long) elements * (t + 1) / threads);
                    f[t] = pool.submit(() -> triad(a, b, c, 3.0, from, to));
                }
                for (Future<?> x : f) {
                    x.get();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    best = Math.min(best, s);
                }
            }
            return 24.0 * elements / best / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void triad(double[] a, double[] b, double[] c, double s, int from, int to) {
        for (int i = from; i < to; i++) {
            a[i] = b[i] + s * c[i];
        }
    }
}
