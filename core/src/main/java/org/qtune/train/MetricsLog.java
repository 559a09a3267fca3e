package org.qtune.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Plots;

/**
 * Per-step metrics of a {@link TrainingLoop} on the local disk: one JSON object per line (step,
 * objective, gradient norm, seconds for the step and for its evaluations, the seconds of evaluator
 * overhead in those evaluations (Spark's: {@code spark_overhead_seconds}) and their share of the
 * step; non-finite numbers as null), flushed every step so a crash loses nothing already logged; and
 * at the end a PNG plot of the objective against the step, written atomically.
 *
 * <p>The file holds one run, each step once: a fresh run starts it anew (whatever another run left
 * there); a resumed run keeps the lines up to its checkpoint's step, drops those after it (an
 * interrupted run logged them, the resumed run computes them again), and appends.
 */
public final class MetricsLog implements StepListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jsonl;
    /** Plottable series by name: "objective" from the step lines, others from {@link #record}'s lines. */
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();
    private BufferedWriter out;

    /** Nothing is touched until the loop starts ({@link #started}). */
    public MetricsLog(Path jsonl) {
        this.jsonl = jsonl;
    }

    @Override
    public void started(int fromStep) throws IOException {
        if (out != null) {
            throw new IllegalStateException(jsonl + " is already open: one MetricsLog per run");
        }
        Files.createDirectories(jsonl.toAbsolutePath().getParent());
        StringBuilder kept = new StringBuilder();
        if (fromStep > 0 && Files.exists(jsonl)) {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                JsonNode m = parse(line);
                // an unreadable line is the last one of a run killed mid-write
                if (m != null && m.path("step").canConvertToInt() && m.get("step").asInt() <= fromStep) {
                    kept.append(line).append('\n');
                    if (m.path("objective").isNumber()) {
                        point("objective", m.get("step").asInt(), m.get("objective").asDouble());
                    }
                    if (m.path("kind").asText().equals("evaluation")) {
                        for (Map.Entry<String, JsonNode> f : (Iterable<Map.Entry<String, JsonNode>>) m::fields) {
                            if (f.getValue().isNumber() && !f.getKey().equals("step")) {
                                point(f.getKey(), m.get("step").asInt(), f.getValue().asDouble());
                            }
                        }
                    }
                }
            }
        }
        AtomicFiles.writeString(jsonl, kept.toString());
        out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void stepCompleted(StepMetrics m) throws IOException {
        if (out == null) {
            throw new IllegalStateException("MetricsLog.started was not called");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("step", m.step());
        number(line, "objective", m.value());
        number(line, "gradient_norm", m.gradientNorm());
        number(line, "seconds", m.seconds());
        number(line, "evaluation_seconds", m.evaluationSeconds());
        number(line, "spark_overhead_seconds", m.overheadSeconds());
        number(line, "spark_overhead_share", m.overheadShare());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
        point("objective", m.step(), m.value());
    }

    private void point(String name, int step, double value) {
        if (Double.isFinite(value)) {
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, value});
        }
    }

    /**
     * Appends a line of other measurements at a step ({@code "kind": "evaluation"}, say a held-out
     * loss and metric), kept and dropped on resuming as the step lines are; each number becomes a
     * series {@link #plot(Path, String, String)} can draw.
     */
    public void record(int step, String kind, Map<String, Double> values) throws IOException {
        if (out == null) {
            throw new IllegalStateException("MetricsLog.started was not called");
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("kind", kind);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            number(line, e.getKey(), e.getValue());
            if (kind.equals("evaluation")) {
                point(e.getKey(), step, e.getValue());
            }
        }
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
        out.flush();
    }

    /** JSON has no NaN or infinity: those are null. */
    private static void number(ObjectNode line, String key, double v) {
        if (Double.isFinite(v)) {
            line.put(key, v);
        } else {
            line.putNull(key);
        }
    }

    /** Plots the objective of the run's steps (those kept on resuming too) to {@code png}. */
    public void plot(Path png, String title) throws IOException {
        plot(png, title, "objective");
    }

    /** Plots one series ("objective", or a number of {@link #record}'s evaluation lines) against the step. */
    public void plot(Path png, String title, String name) throws IOException {
        Plots.line(png, title, "step", name, series.getOrDefault(name, List.of()));
    }

    public Path path() {
        return jsonl;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
