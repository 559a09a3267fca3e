package org.qtune.spark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;
import org.qtune.spark.testing.SparkTestContext;

/** The executor-side cache builds what a broadcast needs once per broadcast, however many steps use it. */
class ExecutorSideTest {
    static final JavaSparkContext SC = SparkTestContext.get();

    @Test
    void aBroadcastHasOneKeyForEveryStepAndAnotherBroadcastAnother() {
        Broadcast<double[]> a = SC.broadcast(new double[] {1}), b = SC.broadcast(new double[] {1});
        try {
            assertEquals(ExecutorSide.key(a), ExecutorSide.key(a));
            assertNotEquals(ExecutorSide.key(a), ExecutorSide.key(b));
        } finally {
            a.destroy();
            b.destroy();
        }
    }

    @Test
    void whatAKeyBuildsIsBuiltOnceAndShared() {
        Broadcast<double[]> a = SC.broadcast(new double[] {2});
        try {
            AtomicInteger builds = new AtomicInteger();
            String key = ExecutorSide.key(a) + "/test";
            Object first = ExecutorSide.cached(key, () -> new Object[] {builds.incrementAndGet()});
            Object again = ExecutorSide.cached(ExecutorSide.key(a) + "/test", () -> new Object[] {builds.incrementAndGet()});
            assertSame(first, again);
            assertEquals(1, builds.get());
            assertSame(ExecutorSide.simulator(), ExecutorSide.simulator());
        } finally {
            a.destroy();
        }
    }
}
