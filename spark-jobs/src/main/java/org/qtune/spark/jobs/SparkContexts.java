package org.qtune.spark.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.spark.launch.MasterUrl;

/**
 * The Spark context a command runs on. A context already running in this JVM (a notebook's, an
 * embedding application's) is used as it is and left running; otherwise one is made — under
 * spark-submit from its master and settings, run by {@code deploy/bin/qtune} with no master embedded
 * in local mode — and stopped when the command ends. A context qtune makes has Kryo with
 * registration required; one it borrows should have the settings of {@code conf/spark-defaults.conf}.
 */
public final class SparkContexts {
    private SparkContexts() {
    }

    /** A context and whether this command owns it (and so stops it on close). */
    public static final class Session implements AutoCloseable {
        private final JavaSparkContext sc;
        private final boolean owned;

        Session(JavaSparkContext sc, boolean owned) {
            this.sc = sc;
            this.owned = owned;
        }

        public JavaSparkContext sc() {
            return sc;
        }

        @Override
        public void close() {
            if (owned) {
                sc.stop();
            }
        }
    }

    public static Session open(String appName, String master) {
        return open(appName, master, java.util.Map.of());
    }

    /**
     * As {@link #open(String, String)}, with settings a job wants when the user has not set them
     * ({@code defaults}; ignored for a borrowed context, which keeps its own).
     */
    public static Session open(String appName, String master, java.util.Map<String, String> defaults) {
        // a bad URL is bad input, checked before Spark starts (Spark reports it as an internal error)
        MasterUrl.resolve(master);
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
        defaults.forEach(conf::setIfMissing);
        long asked = System.currentTimeMillis();
        SparkContext context = SparkContext.getOrCreate(conf);
        // getOrCreate returns a running context unchanged: one that started before we asked is borrowed
        boolean owned = context.startTime() >= asked;
        if (!owned && master != null && !master.equals(context.master())) {
            throw new IllegalArgumentException("a SparkContext with master " + context.master()
                    + " is already running in this JVM; drop --master " + master + " or stop that context");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(context);
        if (owned) {
            sc.setLogLevel("WARN");
        }
        return new Session(sc, owned);
    }
}
