package org.qtune.spark.exec;

/**
 * The timing of one evaluation job: its wall time on the driver, the time its tasks spent computing
 * (summed, and the longest task), and how many tasks the cluster runs at once ({@code slots}).
 */
public record JobStats(int items, double wallSeconds, double taskSeconds, double longestTaskSeconds, int slots) {
    /**
     * The part of the wall time a scheduler with no cost would not have spent (scheduling, task
     * launch, serialization, result transfer): wall time less the larger of the longest task and the
     * total task time spread over the slots.
     */
    public double overheadSeconds() {
        return Math.max(0, wallSeconds - Math.max(longestTaskSeconds, taskSeconds / Math.max(1, slots)));
    }
}
