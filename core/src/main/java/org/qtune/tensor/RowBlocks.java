package org.qtune.tensor;

import java.util.concurrent.RecursiveAction;

/**
 * Runs a row kernel over [0, rows) in blocks of {@link #BLOCK} rows on the common fork-join pool
 * (the calling thread works too). Blocks depend only on the row count, never on the number of
 * threads, and rows are independent, so results are the same on any machine size.
 */
public final class RowBlocks {
    public static final int BLOCK = 64;

    /** A kernel over rows [from, to). */
    @FunctionalInterface
    public interface Kernel {
        void rows(int from, int to);
    }

    private RowBlocks() {
    }

    public static void run(int rows, Kernel kernel) {
        if (rows <= BLOCK) {
            kernel.rows(0, rows);
            return;
        }
        int blocks = (rows + BLOCK - 1) / BLOCK;
        RecursiveAction[] tasks = new RecursiveAction[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b * BLOCK, to = Math.min(rows, from + BLOCK);
            tasks[b] = new RecursiveAction() {
                @Override
                protected void compute() {
                    kernel.rows(from, to);
                }
            };
        }
        RecursiveAction.invokeAll(tasks);
    }
}
