package org.qtune.spark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The user-facing launch scripts, run as a user runs them: {@code deploy/standalone/start.sh} starts
 * a real standalone cluster (a Master and a Worker JVM on 127.0.0.1, executors launched by the
 * Worker from the cluster's own SPARK_HOME), {@code deploy/bin/qtune-submit} submits a QTHA
 * fine-tuning run to it through Spark's SparkSubmit with the cluster jar, and the run's numbers equal
 * those of the same run on the embedded default ({@code deploy/bin/qtune}) bit for bit;
 * {@code stop.sh} stops the cluster. Bad options to the scripts exit 2 with one line.
 */
class SubmitScriptsIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run run(Path dir, long timeoutSeconds, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt"), err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder b = new ProcessBuilder(command).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
        b.environment().put("QTUNE_HEAP", "1g");
        b.environment().put("QTUNE_CDS", "off");
        Process p = b.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran past " + timeoutSeconds + " s; stderr: "
                    + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static JsonNode lastLine(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aRunSubmittedToTheScriptsClusterEqualsTheEmbeddedRun() throws Exception {
        Path dir = Path.of("target", "it-submit", String.valueOf(System.nanoTime())).toAbsolutePath();
        Files.createDirectories(dir);
        Path bert = TinyHfDirs.encoderDir(dir.resolve("bert"));
        TinyHfDirs.labelledTexts(dir.resolve("train.jsonl"), 48);
        TinyHfDirs.labelledTexts(dir.resolve("test.jsonl"), 16);
        List<String> job = List.of("finetune", "--model", bert.toString(), "--task",
                "jsonl:" + dir.resolve("train.jsonl"), "--eval", dir.resolve("test.jsonl").toString(), "--method", "qtha",
                "--qubits", "3", "--circuit-layers", "1", "--bottleneck", "8", "--mpo-bond", "2", "--steps", "4",
                "--batch", "8", "--micro-batch", "4", "--validation-size", "8", "--eval-every", "2", "--max-tokens", "16",
                "--lr", "0.01", "--partitions", "2");
        Path cluster = dir.resolve("cluster");
        String port = String.valueOf(freePort()), webui = String.valueOf(freePort());
        try {
            Run started = run(dir, 150, "bash", "deploy/standalone/start.sh", "--workers", "1", "--cores", "2",
                    "--memory", "2g", "--port", port, "--webui-port", webui, "--dir", cluster.toString());
            assertEquals(0, started.code(), started.err());
            String master = started.out().strip();
            assertEquals("spark://127.0.0.1:" + port, master);
            // a second start on the same folder refuses, saying why
            Run again = run(dir, 60, "bash", "deploy/standalone/start.sh", "--port", port, "--dir", cluster.toString());
            assertEquals(1, again.code(), again.err());
            assertTrue(again.err().contains("already running"), again.err());

            List<String> submit = new ArrayList<>(List.of("bash", "deploy/bin/qtune-submit", "--master", master,
                    "--executor-memory", "1g"));
            submit.addAll(job);
            submit.addAll(List.of("--out", dir.resolve("on-cluster").toString()));
            Run onCluster = run(dir, 300, submit.toArray(new String[0]));
            assertEquals(0, onCluster.code(), onCluster.err());

            List<String> embedded = new ArrayList<>(List.of("bash", "deploy/bin/qtune"));
            embedded.addAll(job);
            embedded.addAll(List.of("--out", dir.resolve("embedded").toString()));
            Run local = run(dir, 300, embedded.toArray(new String[0]));
            assertEquals(0, local.code(), local.err());

            JsonNode a = lastLine(onCluster.out()), b = lastLine(local.out());
            for (String f : List.of("train_loss", "validation_loss", "validation_metric", "test_loss", "metric",
                    "trainable_parameters")) {
                assertEquals(b.get(f).asText(), a.get(f).asText(), f + ": cluster " + a.get(f) + ", embedded " + b.get(f));
            }
            assertEquals(master, a.get("provenance").get("spark").get("master").asText());
            assertTrue(b.get("provenance").get("spark").get("master").asText().startsWith("local"));
        } finally {
            Run stopped = run(dir, 120, "bash", "deploy/standalone/stop.sh", "--dir", cluster.toString());
            assertEquals(0, stopped.code(), stopped.err());
        }
        assertFalse(Files.exists(cluster.resolve("master.pid")), "stop.sh leaves no pid file");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void badOptionsExitTwoWithOneLine() throws Exception {
        Path dir = Path.of("target", "it-submit", "bad-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        String cluster = dir.resolve("never").toString();
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("deploy/standalone/start.sh", "--workers", "0", "--dir", cluster), "not a positive whole number");
        cases.put(List.of("deploy/standalone/start.sh", "--memory", "lots", "--dir", cluster), "--memory takes");
        cases.put(List.of("deploy/standalone/start.sh", "--port"), "--port needs a value");
        cases.put(List.of("deploy/standalone/start.sh", "--bogus"), "unknown option --bogus");
        cases.put(List.of("deploy/standalone/stop.sh", "--bogus"), "unknown option --bogus");
        cases.put(List.of("deploy/bin/qtune-submit", "--master", "local[1]"), "usage: qtune-submit");
        cases.put(List.of("deploy/bin/qtune-submit", "--class", "x.Y", "finetune"), "--class is set by qtune-submit");
        cases.put(List.of("deploy/bin/qtune-submit", "--master"), "--master needs a value");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> command = new ArrayList<>(List.of("bash"));
            command.addAll(c.getKey());
            Run r = run(dir, 60, command.toArray(new String[0]));
            assertEquals(2, r.code(), c.getKey() + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, c.getKey() + " says one line: " + r.err());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
        }
        assertFalse(new File(cluster).exists(), "a refused start writes nothing");
    }
}
