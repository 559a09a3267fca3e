package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.qtune.io.AtomicFiles;

/**
 * report.json and report.md of a finished run, written by {@link JobRunner} where a job names a
 * {@link Job#reportPrefix report prefix}: the JSON is the report with its provenance as the last
 * field; the Markdown says what ran (job and resolved config), the result (the job's own Markdown, or
 * a table of the report's plain fields), and what it cost (wall time, core-seconds, an energy
 * estimate) with where it came from (qtune version and commit, config hash, input hashes).
 */
public final class RunReports {
    /**
     * Watts per busy core for the energy estimate: a round figure for a loaded server core (socket
     * power divided by its cores); an estimate, not a measurement.
     */
    public static final double DEFAULT_WATTS_PER_CORE = 10;

    private RunReports() {
    }

    /** Writes PREFIX report.json and report.md (each atomically); the folder is made if missing. */
    static void write(String prefix, String job, ObjectNode report, String resultMarkdown) throws IOException {
        Path json = Path.of(prefix + "report.json"), md = Path.of(prefix + "report.md");
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(json, JobJson.write(report) + "\n");
        AtomicFiles.writeString(md, markdown(job, report, resultMarkdown));
    }

    /** The Markdown report of a finished run (its report with the provenance as the last field). */
    static String markdown(String job, ObjectNode report, String resultMarkdown) {
        JsonNode p = report.get("provenance");
        StringBuilder s = new StringBuilder("# qtune ").append(job).append("\n\n## Result\n\n");
        if (resultMarkdown != null && !resultMarkdown.isBlank()) {
            s.append(resultMarkdown.strip()).append("\n");
        } else {
            s.append(fieldTable(report));
        }
        s.append("\n## Run\n\n| | |\n| --- | --- |\n");
        row(s, "started, ended (UTC)", p.path("started").asText() + ", " + p.path("ended").asText());
        double core = p.path("core_seconds").asDouble();
        row(s, "wall seconds", String.format(Locale.ROOT, "%.2f", p.path("wall_seconds").asDouble()));
        row(s, "core-seconds (driver, executors)", String.format(Locale.ROOT, "%.2f (%.2f, %.2f)", core,
                p.path("driver_cpu_seconds").asDouble(), p.path("executor_cpu_seconds").asDouble()));
        row(s, "energy (estimate)", String.format(Locale.ROOT, "%.3g Wh at %s W per busy core",
                core * DEFAULT_WATTS_PER_CORE / 3600, (long) DEFAULT_WATTS_PER_CORE));
        JsonNode spark = p.path("spark");
        row(s, "Spark", spark.isObject() ? spark.path("master").asText() + ", application " + spark.path("app_id").asText()
                : "not used");
        row(s, "qtune", p.path("qtune_version").asText() + " (" + p.path("git_commit").asText() + ")");
        row(s, "config (SHA-256 of its canonical JSON)", "`" + p.path("config_sha256").asText() + "`");
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(s, "input " + e.getKey() + " (SHA-256)", "`" + e.getValue().asText() + "`");
        }
        s.append("\n## Config\n\n```json\n").append(JobJson.write(p.path("config"))).append("\n```\n");
        return s.toString();
    }

    /** The report's plain fields (numbers, text, booleans) as a two-column table. */
    private static String fieldTable(ObjectNode report) {
        StringBuilder s = new StringBuilder("| | |\n| --- | --- |\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = report.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                row(s, e.getKey().replace('_', ' '), v.isTextual() ? v.asText() : v.toString());
            }
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("| ").append(name).append(" | ").append(value.replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }
}
