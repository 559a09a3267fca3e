package org.qtune.spark.jobs;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What a running job may use besides its config: the progress stream (stderr on the command line)
 * and a Spark context, opened on first use and closed with the context if this job made it. While a
 * context is in use, a listener adds up the CPU time of every task the job's executors ran, for the
 * provenance's core-seconds.
 */
public final class JobContext implements AutoCloseable {
    private final PrintStream progress;
    private SparkContexts.Session session;
    private TaskCpu listener;
    private final long cpu0 = processCpuNanos();

    public JobContext(PrintStream progress) {
        this.progress = progress;
    }

    /** CPU time of this whole JVM, in nanoseconds (0 where the JVM cannot tell). */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * Core-seconds the job has used so far: this JVM's CPU time since the context was made, plus the
     * executors' task CPU time where they are other JVMs (in local mode they are this one's threads).
     */
    public double coreSeconds() {
        double driver = (processCpuNanos() - cpu0) / 1e9;
        JavaSparkContext sc = sparkContext();
        boolean inDriver = sc == null || sc.master().startsWith("local");
        return inDriver ? driver : driver + executorCpuSeconds();
    }

    public PrintStream progress() {
        return progress;
    }

    /**
     * The job's Spark context: one already running in this JVM (left running), else a new one on
     * {@code master} (null: spark-submit's, else local mode), stopped when the job ends.
     */
    public JavaSparkContext spark(String appName, String master) {
        return spark(appName, master, java.util.Map.of());
    }

    /** As {@link #spark(String, String)}, with settings the job wants when the user has not set them. */
    public JavaSparkContext spark(String appName, String master, java.util.Map<String, String> defaults) {
        if (session == null) {
            session = SparkContexts.open(appName, master, defaults);
            listener = new TaskCpu();
            session.sc().sc().addSparkListener(listener);
        }
        return session.sc();
    }

    /** Whether the job used Spark. */
    boolean usedSpark() {
        return session != null;
    }

    /** Executors' CPU seconds of the job's tasks so far (0 without Spark); waits for pending task events. */
    double executorCpuSeconds() {
        if (session == null) {
            return 0;
        }
        try {
            // task-end events reach listeners asynchronously: let the bus deliver the last ones
            session.sc().sc().listenerBus().waitUntilEmpty(10_000);
        } catch (Exception e) {
            // a bus that cannot drain in time leaves the figure a lower bound
        }
        return listener.nanos.get() / 1e9;
    }

    /** The Spark master in use, or null. */
    JavaSparkContext sparkContext() {
        return session == null ? null : session.sc();
    }

    @Override
    public void close() {
        if (session != null) {
            session.sc().sc().removeSparkListener(listener);
            session.close();
            session = null;
        }
    }

    private static final class TaskCpu extends SparkListener {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                nanos.addAndGet(end.taskMetrics().executorCpuTime());
            }
        }
    }
}
