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
    /**
     * How many tasks the context runs at once: the local threads in local mode, else the executors
     * (the driver's entry left out) times {@code spark.executor.cores}. Not the default parallelism,
     * which a cluster floors at 2 even when it has one core.
     */
    public static int slots(org.apache.spark.api.java.JavaSparkContext sc) {
        if (sc.isLocal()) {
            return Math.max(1, sc.defaultParallelism());
        }
        int executors = sc.sc().statusTracker().getExecutorInfos().length - 1;
        int cores = sc.getConf().getInt("spark.executor.cores", 1);
        return executors < 1 ? Math.max(1, sc.defaultParallelism()) : executors * Math.max(1, cores);
    }

    public double overheadSeconds() {
        return Math.max(0, wallSeconds - Math.max(longestTaskSeconds, taskSeconds / Math.max(1, slots)));
    }
}
