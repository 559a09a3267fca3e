package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.qtune.io.AtomicFiles;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.train.RunFingerprint;

/**
 * Runs a job the one way every caller does (command line, {@code qtune run --config}, a notebook):
 * plan first (the config checked completely and the memory the run needs compared with this JVM's
 * heap, before anything is allocated or Spark starts), then run, then the report as a JSON tree
 * with the {@link Provenance} appended as its last field.
 */
public final class JobRunner {
    private static final List<String> SPARK_SETTINGS = List.of("spark.executor.memory", "spark.executor.cores",
            "spark.executor.instances", "spark.driver.memory", "spark.default.parallelism", "spark.serializer",
            "spark.kryo.registrationRequired", "spark.local.dir");

    private JobRunner() {
    }

    /** The resolved config as JSON, with the job's name as its first field (the form a config file has). */
    public static ObjectNode configTree(Job<?, ?, ?> job, JobConfig config) {
        ObjectNode tree = JobJson.mapper().createObjectNode();
        tree.put("job", job.name());
        tree.setAll(JobJson.tree(config));
        return tree;
    }

    /**
     * Plans the run (the job's own checks first: options, files, and the memory of each part it
     * knows) and refuses it when the driver cannot hold the plan's total: the error says how much, how
     * much the heap has, and what to change.
     */
    public static <C extends JobConfig, P> Planned<P> plan(Job<C, P, ?> job, C config) throws Exception {
        P prepared = job.prepare(config);
        JobPlan plan = job.plan(config, prepared);
        MemoryEstimate need = MemoryEstimate.of(plan.summary(), plan.driverBytes());
        MemoryBudget.heap().require("this " + job.name() + " run", need, "set QTUNE_HEAP="
                + MemoryBudget.heapOptionFor(need) + " for deploy/bin/qtune (--driver-memory for spark-submit)"
                + job.memoryAdvice(config));
        return new Planned<>(prepared, plan);
    }

    /** What {@link Job#prepare} read, and the plan made from it. */
    public record Planned<P>(P prepared, JobPlan plan) {
    }

    /**
     * Runs (or, with {@code dryRun}, only plans) the job a config names: a JSON object with a
     * {@code "job"} field and that job's fields, as {@code qtune run --config} reads it; returns the
     * report (or the dry run's plan) as one line of JSON. {@code source} names the config in errors.
     */
    public static String runConfig(JsonNode root, String source, boolean dryRun, PrintStream progress) throws Exception {
        if (!(root instanceof ObjectNode object) || !object.hasNonNull("job") || !object.get("job").isTextual()) {
            throw new IllegalArgumentException(source + ": a config is a JSON object with a \"job\" field ("
                    + String.join(", ", Jobs.all().stream().map(Job::name).toList()) + ")");
        }
        Job<?, ?, ?> job = Jobs.named(object.get("job").asText());
        return runFields(job, object.deepCopy().without("job"), source, dryRun, progress);
    }

    private static <C extends JobConfig> String runFields(Job<C, ?, ?> job, JsonNode fields, String source,
                                                          boolean dryRun, PrintStream progress) throws Exception {
        C c = JobJson.read(fields, job.configType(), source);
        return JobJson.write(dryRun ? dryRun(job, c) : run(job, c, progress).json());
    }

    /** What {@code --dry-run} prints: the resolved config, its hash and the plan; nothing runs. */
    public static <C extends JobConfig> ObjectNode dryRun(Job<C, ?, ?> job, C config) throws Exception {
        JobPlan plan = plan(job, config).plan();
        ObjectNode out = JobJson.mapper().createObjectNode();
        ObjectNode resolved = configTree(job, config);
        out.set("config", resolved);
        out.put("config_sha256", configHash(resolved));
        ObjectNode p = out.putObject("plan");
        p.put("summary", plan.summary());
        p.put("driver_bytes", plan.driverBytes());
        p.put("driver_memory", MemoryEstimate.format(plan.driverBytes()));
        p.put("executor_bytes", plan.executorBytes());
        p.put("uses_spark", plan.usesSpark());
        p.put("heap_bytes", Runtime.getRuntime().maxMemory());
        return out;
    }

    /** A finished run: the job's report record, and as JSON with the provenance as its last field. */
    public record Finished<R>(R report, ObjectNode json) {
    }

    /** Plans, runs, and returns the report with its provenance. */
    public static <C extends JobConfig, P, R> Finished<R> run(Job<C, P, R> job, C config, PrintStream progress)
            throws Exception {
        Planned<P> planned = plan(job, config);
        Instant started = Instant.now();
        long t0 = System.nanoTime(), cpu0 = processCpuNanos();
        ObjectNode resolved = configTree(job, config);
        Map<String, String> inputs = hashInputs(config.inputs());
        LiveProgress.started(job.name());
        try (JobContext context = new JobContext(progress)) {
            R report = job.run(config, planned.prepared(), context);
            double executorCpu = context.executorCpuSeconds();
            Provenance.SparkInfo spark = sparkInfo(context.sparkContext());
            double wall = (System.nanoTime() - t0) / 1e9, driverCpu = (processCpuNanos() - cpu0) / 1e9;
            boolean executorsInDriver = spark == null || spark.master().startsWith("local");
            Provenance provenance = new Provenance(BuildInfo.VERSION, BuildInfo.COMMIT, job.name(), resolved,
                    configHash(resolved), new TreeMap<>(config.seeds()),
                    inputs, spark, started.toString(), Instant.now().toString(), wall, driverCpu, executorCpu,
                    executorsInDriver ? driverCpu : driverCpu + executorCpu);
            ObjectNode tree = JobJson.tree(report);
            tree.set("provenance", JobJson.tree(provenance));
            for (String out : job.outputs(config)) {
                AtomicFiles.writeString(provenancePath(out), provenanceJson(tree));
            }
            String prefix = job.reportPrefix(config);
            if (prefix != null) {
                RunReports.write(prefix, job.name(), tree, job.markdown(config, report));
            }
            return new Finished<>(report, tree);
        } finally {
            LiveProgress.finished();
        }
    }

    /** The provenance part of a finished report, for the file written beside an output. */
    public static String provenanceJson(ObjectNode report) {
        return JobJson.write(report.get("provenance")) + "\n";
    }

    /** Where the provenance of an output file is written: beside it, as FILE.provenance.json. */
    public static Path provenancePath(String output) {
        return Path.of(output + ".provenance.json");
    }

    private static Provenance.SparkInfo sparkInfo(JavaSparkContext sc) {
        if (sc == null) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String k : SPARK_SETTINGS) {
            if (sc.getConf().contains(k)) {
                settings.put(k, sc.getConf().get(k));
            }
        }
        return new Provenance.SparkInfo(sc.master(), sc.sc().applicationId(), sc.defaultParallelism(), settings);
    }

    private static Map<String, String> hashInputs(List<String> files) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : files) {
            if (f == null || out.containsKey(f)) {
                continue;
            }
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            Path p = Path.of(f);
            if (Files.isDirectory(p)) {
                // a folder of part files (Parquet, JSON lines): each regular file's name and bytes, by name
                List<Path> parts;
                try (var list = Files.list(p)) {
                    parts = list.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path part : parts) {
                    d.update((part.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                    digest(d, part, f);
                }
            } else {
                digest(d, p, f);
            }
            out.put(f, "sha256:" + HexFormat.of().formatHex(d.digest()));
        }
        return out;
    }

    private static void digest(MessageDigest d, Path file, String name) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                d.update(buf, 0, r);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name);
        }
    }

    /** "sha256:" and the hash of the config's canonical JSON (keys sorted, no spaces), as run fingerprints hash. */
    @SuppressWarnings("unchecked")
    static String configHash(ObjectNode resolved) {
        Map<String, Object> plain = JobJson.mapper().convertValue(resolved, Map.class);
        return "sha256:" + RunFingerprint.sha256(RunFingerprint.canonicalJson(plain).getBytes(StandardCharsets.UTF_8));
    }

    private static long processCpuNanos() {
        return JobContext.processCpuNanos();
    }
}
