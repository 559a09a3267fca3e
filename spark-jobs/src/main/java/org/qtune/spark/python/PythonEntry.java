package org.qtune.spark.python;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.qtune.spark.jobs.BuildInfo;
import org.qtune.spark.jobs.JobJson;
import org.qtune.spark.jobs.JobRunner;
import org.qtune.spark.jobs.LiveProgress;

/**
 * What the Python package {@code qtune} calls through py4j, all in plain strings so that nothing but
 * JSON crosses the bridge: run a job from the JSON config {@code qtune run --config} reads, on the
 * SparkContext the notebook already has (a job borrows a running context and leaves it running), and
 * poll the running job's progress from another Python thread. Bad input is an
 * {@link IllegalArgumentException} whose message is the one-line error the command line prints.
 */
public final class PythonEntry {
    private PythonEntry() {
    }

    /** The report of the job {@code configJson} names, as one line of JSON; progress lines go to stderr. */
    public static String run(String configJson) throws Exception {
        return JobRunner.runConfig(JobJson.parse(configJson, "config"), "config", false, System.err);
    }

    /** The resolved config, its hash and the memory plan of {@code configJson}; nothing runs. */
    public static String dryRun(String configJson) throws Exception {
        return JobRunner.runConfig(JobJson.parse(configJson, "config"), "config", true, System.err);
    }

    /**
     * The running job's progress as JSON ({@code job}, {@code step}, {@code steps}, {@code loss},
     * {@code eta_seconds}, {@code elapsed_seconds}; loss and ETA null before the first step), or null
     * when no job runs in this JVM.
     */
    public static String progress() {
        LiveProgress.Snapshot s = LiveProgress.current();
        if (s == null) {
            return null;
        }
        ObjectNode o = JobJson.mapper().createObjectNode();
        o.put("job", s.job());
        o.put("step", s.step());
        o.put("steps", s.steps());
        if (Double.isFinite(s.loss())) {
            o.put("loss", s.loss());
        } else {
            o.putNull("loss");
        }
        if (Double.isFinite(s.etaSeconds())) {
            o.put("eta_seconds", s.etaSeconds());
        } else {
            o.putNull("eta_seconds");
        }
        o.put("elapsed_seconds", (System.currentTimeMillis() - s.startedMillis()) / 1e3);
        return JobJson.write(o);
    }

    /** The qtune version and build commit of the jar this JVM loaded. */
    public static String version() {
        return BuildInfo.VERSION + " (" + BuildInfo.COMMIT + ")";
    }
}
