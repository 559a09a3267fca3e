package org.qtune.spark.launch;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

/**
 * The memory one Spark task can count on under a master, known before any context starts. In local
 * mode every task runs in this JVM, so {@code local[N]}'s N concurrent tasks share this heap; under
 * {@code local-cluster[N,C,M]} C tasks share an executor of M MiB; on a cluster,
 * {@code spark.executor.cores} tasks (default 1) share {@code spark.executor.memory} (default 1g).
 * Of each heap, {@link MemoryBudget#reserve} is kept back for Spark and the JVM. The cached state of
 * earlier steps is not counted: it is stored MEMORY_AND_DISK and goes to disk when short of room.
 *
 * @param master       the master
 * @param heapBytes    the heap the tasks share (the driver's own in local mode)
 * @param tasksPerHeap how many tasks run in that heap at once
 */
public record SparkMemory(MasterUrl master, long heapBytes, int tasksPerHeap) {
    /** The memory under {@code master}, with the settings of a running context or of spark-submit. */
    public static SparkMemory of(MasterUrl master) {
        scala.Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        return of(master, active.isDefined() ? active.get().getConf() : new SparkConf(true));
    }

    /** The memory under {@code master} with the settings {@code conf}. */
    public static SparkMemory of(MasterUrl master, SparkConf conf) {
        return switch (master.kind()) {
            case LOCAL -> new SparkMemory(master, Runtime.getRuntime().maxMemory(), master.threads());
            case LOCAL_CLUSTER -> new SparkMemory(master, master.workerMemoryMiB() << 20, master.threads());
            default -> {
                long executor;
                int cores;
                try {
                    executor = conf.getSizeAsMb("spark.executor.memory", "1g") << 20;
                    cores = conf.getInt("spark.executor.cores", 1);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("spark.executor.memory '" + conf.get("spark.executor.memory", "")
                            + "' or spark.executor.cores '" + conf.get("spark.executor.cores", "")
                            + "' is not a size or a count");
                }
                yield new SparkMemory(master, executor, Math.max(1, cores));
            }
        };
    }

    /** What one task may use: the heap less its reserve, shared by the concurrent tasks. */
    public MemoryBudget perTask() {
        MemoryBudget heap = MemoryBudget.ofHeap(master.inThisJvm() ? "this JVM's heap" : "an executor's heap",
                heapBytes);
        return new MemoryBudget(heap.where() + (tasksPerHeap > 1 ? " shared by " + tasksPerHeap + " concurrent tasks"
                : "") + " under master " + master.url(), heap.bytes() / tasksPerHeap);
    }

    /**
     * What to change when {@code perTask} estimates do not fit: the heap (QTUNE_HEAP in local mode,
     * spark.executor.memory on a cluster), or the {@code smaller} option that cuts a task's share.
     */
    public String advice(MemoryEstimate perTask, String smaller) {
        long all = perTask.bytes() > Long.MAX_VALUE / tasksPerHeap ? Long.MAX_VALUE : perTask.bytes() * tasksPerHeap;
        String size = MemoryBudget.heapOptionFor(MemoryEstimate.of("every concurrent task", all));
        String raise = master.inThisJvm() ? "set QTUNE_HEAP=" + size + " (local mode keeps every task in this JVM)"
                : master.kind() == MasterUrl.Kind.LOCAL_CLUSTER ? "give the local-cluster workers more memory"
                : "set spark.executor.memory=" + size;
        return smaller == null ? raise : smaller + ", or " + raise;
    }
}
