package org.qtune.spark.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One JVM-wide local[2] Spark context for unit tests (starting one per test class costs seconds),
 * configured as jobs are: Kryo with registration required and qtune's registrator. Stopped by a
 * shutdown hook.
 */
public final class SparkTestContext {
    private static JavaSparkContext context;

    private SparkTestContext() {
    }

    public static synchronized JavaSparkContext get() {
        if (context == null) {
            SparkConf conf = new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("qtune-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .set("spark.kryo.registrationRequired", "true")
                    .set("spark.kryo.registrator", "org.qtune.spark.kryo.QtuneKryoRegistrator")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.default.parallelism", "4");
            context = new JavaSparkContext(conf);
            context.setLogLevel("WARN");
            JavaSparkContext c = context;
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
        }
        return context;
    }
}
