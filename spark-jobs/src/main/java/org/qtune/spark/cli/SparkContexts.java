package org.qtune.spark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Creates the Spark context a command runs on. Under spark-submit the master and settings come from
 * there; run by {@code deploy/bin/qtune} with no master, Spark runs embedded in local mode. Kryo with
 * registration required is always on.
 */
final class SparkContexts {
    private SparkContexts() {
    }

    static JavaSparkContext create(String appName, String master) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrationRequired", "true");
        conf.setIfMissing("spark.kryo.registrator", "org.qtune.spark.kryo.QtuneKryoRegistrator");
        conf.setIfMissing("spark.kryoserializer.buffer.max", "512m");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
