package org.qtune.spark.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;

class SparkMemoryTest {
    static final long GIB = 1L << 30;

    @Test
    void localModeTasksShareThisJvmsHeap() {
        SparkMemory m = SparkMemory.of(MasterUrl.parse("--master", "local[4]"), new SparkConf(false));
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(heap, m.heapBytes());
        assertEquals(4, m.tasksPerHeap());
        assertEquals((heap - MemoryBudget.reserve(heap)) / 4, m.perTask().bytes());
        assertTrue(m.advice(MemoryEstimate.stateVectors(26, 3), "use --partitions 8")
                .startsWith("use --partitions 8, or set QTUNE_HEAP="), "local mode: this JVM's heap");
    }

    @Test
    void clusterTasksShareTheExecutorMemoryByExecutorCores() {
        SparkConf conf = new SparkConf(false).set("spark.executor.memory", "8g").set("spark.executor.cores", "2");
        SparkMemory m = SparkMemory.of(MasterUrl.parse("--master", "spark://h:7077"), conf);
        assertEquals(8 * GIB, m.heapBytes());
        assertEquals((8 * GIB - 8 * GIB / 10) / 2, m.perTask().bytes());
        assertTrue(m.advice(MemoryEstimate.of("x", 6 * GIB), null).startsWith("set spark.executor.memory=14g"),
                m.advice(MemoryEstimate.of("x", 6 * GIB), null));
        SparkMemory defaults = SparkMemory.of(MasterUrl.parse("--master", "yarn"), new SparkConf(false));
        assertEquals(GIB, defaults.heapBytes());
        assertEquals(1, defaults.tasksPerHeap());
        SparkMemory plain = SparkMemory.of(MasterUrl.parse("--master", "yarn"),
                new SparkConf(false).set("spark.executor.memory", "2048"));
        assertEquals(2 * GIB, plain.heapBytes(), "a plain number is MiB, as in Spark");
    }

    @Test
    void aLocalClusterGivesEachWorkerItsOwnMemory() {
        SparkMemory m = SparkMemory.of(MasterUrl.parse("--master", "local-cluster[2,3,2048]"), new SparkConf(false));
        assertEquals(2 * GIB, m.heapBytes());
        assertEquals(3, m.tasksPerHeap());
    }

    @Test
    void anExecutorMemoryThatIsNoSizeIsRefused() {
        SparkConf conf = new SparkConf(false).set("spark.executor.memory", "lots");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SparkMemory.of(MasterUrl.parse("--master", "yarn"), conf)).getMessage()
                .startsWith("spark.executor.memory 'lots'"));
    }
}
