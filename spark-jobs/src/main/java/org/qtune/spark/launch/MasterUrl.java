package org.qtune.spark.launch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;

/**
 * A Spark master URL, checked against the forms Spark 4 accepts before any context starts (Spark
 * itself reports a bad one as an internal error with a stack trace from inside SparkContext's
 * constructor):
 * {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} and {@code local[*,F]} (N
 * threads, F task failures allowed), {@code local-cluster[N,C,M]} (N workers of C cores and M MiB,
 * for tests), {@code spark://HOST:PORT[,HOST:PORT...]} (standalone, with standby masters),
 * {@code yarn}, and {@code k8s://[https://]HOST[:PORT]}. Mesos ({@code mesos://}) is rejected: Spark
 * 4 removed it.
 *
 * @param url     the URL as given
 * @param kind    which cluster manager
 * @param threads for {@link Kind#LOCAL}: the task threads (local[*]: this machine's processors);
 *                for {@link Kind#LOCAL_CLUSTER}: the cores per worker; otherwise 0 (unknown)
 * @param workerMemoryMiB for {@link Kind#LOCAL_CLUSTER}: each worker's memory; otherwise 0
 */
public record MasterUrl(String url, Kind kind, int threads, long workerMemoryMiB) {
    /** The cluster managers. */
    public enum Kind { LOCAL, LOCAL_CLUSTER, STANDALONE, YARN, KUBERNETES }

    /** What a job runs on when neither --master nor spark-submit names a master. */
    public static final String DEFAULT = "local[*]";

    private static final Pattern LOCAL = Pattern.compile("local\\[\\s*([0-9]+|\\*)\\s*(?:,\\s*([0-9]+)\\s*)?]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile(
            "local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+]");
    private static final String FORMS = "local, local[N], local[*], local[N,F], local-cluster[N,C,M], "
            + "spark://HOST:PORT, yarn, k8s://HOST:PORT";

    /** Whether every task runs inside this JVM (local mode), sharing its heap. */
    public boolean inThisJvm() {
        return kind == Kind.LOCAL;
    }

    /**
     * Parses and checks {@code url}; an IllegalArgumentException whose one line starts with
     * {@code option} (such as "--master") and lists the accepted forms when it is not a master URL.
     */
    public static MasterUrl parse(String option, String url) {
        String u = url == null ? "" : url.strip();
        String bad = option + " '" + url + "' is not a Spark master URL (" + FORMS + ")";
        if (u.equals("local")) {
            return new MasterUrl(u, Kind.LOCAL, 1, 0);
        }
        Matcher m = LOCAL.matcher(u);
        if (m.matches()) {
            int threads = m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : count(m.group(1), bad);
            if (threads < 1 || (m.group(2) != null && count(m.group(2), bad) < 1)) {
                throw new IllegalArgumentException(option + " '" + url + "': local mode needs at least 1 thread "
                        + "and at least 1 allowed task failure");
            }
            return new MasterUrl(u, Kind.LOCAL, threads, 0);
        }
        m = LOCAL_CLUSTER.matcher(u);
        if (m.matches()) {
            int workers = count(m.group(1), bad), cores = count(m.group(2), bad), memory = count(m.group(3), bad);
            if (workers < 1 || cores < 1 || memory < 1) {
                throw new IllegalArgumentException(option + " '" + url + "': local-cluster[N,C,M] needs N, C, M >= 1");
            }
            return new MasterUrl(u, Kind.LOCAL_CLUSTER, cores, memory);
        }
        if (u.startsWith("spark://")) {
            String[] masters = u.substring("spark://".length()).split(",", -1);
            for (String hp : masters) {
                int colon = hp.lastIndexOf(':');
                if (colon <= 0 || !HOST_PORT.matcher(hp.substring(0, colon)).matches() || !port(hp.substring(colon + 1))) {
                    throw new IllegalArgumentException(option + " '" + url + "': a standalone master is spark://HOST:PORT "
                            + "(PORT 1..65535; several masters separated by commas)");
                }
            }
            return new MasterUrl(u, Kind.STANDALONE, 0, 0);
        }
        if (u.equals("yarn")) {
            return new MasterUrl(u, Kind.YARN, 0, 0);
        }
        if (u.startsWith("k8s://")) {
            String rest = u.substring("k8s://".length()).replaceFirst("^https?://", "");
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? rest : rest.substring(0, colon);
            if (!HOST_PORT.matcher(host.replaceFirst("/.*$", "")).matches()
                    || (colon >= 0 && !port(rest.substring(colon + 1).replaceFirst("/.*$", "")))) {
                throw new IllegalArgumentException(option + " '" + url + "': a Kubernetes master is "
                        + "k8s://[https://]HOST[:PORT]");
            }
            return new MasterUrl(u, Kind.KUBERNETES, 0, 0);
        }
        if (u.startsWith("mesos://")) {
            throw new IllegalArgumentException(option + " '" + url + "': Spark 4 no longer supports Mesos; use "
                    + "spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        throw new IllegalArgumentException(bad);
    }

    /**
     * The master a job will run on: {@code option} (--master) when given, else the master of a context
     * already running in this JVM, else spark-submit's ({@code spark.master}), else {@link #DEFAULT}.
     * Checked as {@link #parse} does; nothing is started.
     */
    public static MasterUrl resolve(String option) {
        if (option != null) {
            return parse("--master", option);
        }
        scala.Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            return parse("the running SparkContext's master", active.get().master());
        }
        SparkConf conf = new SparkConf(true);
        return conf.contains("spark.master") ? parse("spark.master", conf.get("spark.master")) : parse("default", DEFAULT);
    }

    private static int count(String digits, String bad) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad);
        }
    }

    private static boolean port(String digits) {
        try {
            int p = Integer.parseInt(digits);
            return p >= 1 && p <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
