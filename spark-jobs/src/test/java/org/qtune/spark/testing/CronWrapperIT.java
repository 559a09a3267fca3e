package org.qtune.spark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code deploy/cron/qtune-cron} as a scheduler runs it: two starts of one schedule at once (the
 * second exits 0 at once, saying why), a run killed with its whole process group and started again
 * (it resumes from its checkpoint to the bits of a run never interrupted), failures (a non-zero
 * exit naming the log) and log rotation.
 */
class CronWrapperIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String err) {
    }

    static ProcessBuilder wrapper(Path dir, Path cronDir, List<String> args) {
        List<String> command = new ArrayList<>(List.of("setsid", "bash", "deploy/cron/qtune-cron"));
        command.addAll(args);
        ProcessBuilder b = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(dir.resolve("wrapper-" + System.nanoTime() + ".out").toFile())
                .redirectError(dir.resolve("wrapper-" + System.nanoTime() + ".err").toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
        b.environment().put("QTUNE_CRON_DIR", cronDir.toString());
        b.environment().put("QTUNE_HEAP", "1g");
        b.environment().put("QTUNE_CDS", "off");
        return b;
    }

    static Run runToEnd(Path dir, Path cronDir, List<String> args) throws Exception {
        ProcessBuilder b = wrapper(dir, cronDir, args);
        Process p = b.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "qtune-cron " + args + " ran past 300 s");
        return new Run(p.exitValue(), Files.readString(b.redirectError().file().toPath(), StandardCharsets.UTF_8));
    }

    static Path dir(String what) throws Exception {
        Path d = Path.of("target", "it-cron", what + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(d);
        return d;
    }

    static List<String> finetune(Path dir, int steps) throws Exception {
        Path bert = dir.resolve("bert");
        if (!Files.exists(bert)) {
            TinyHfDirs.encoderDir(bert);
            TinyHfDirs.labelledTexts(dir.resolve("train.jsonl"), 80);
            TinyHfDirs.labelledTexts(dir.resolve("test.jsonl"), 20);
        }
        return List.of("finetune", "--model", bert.toString(), "--task", "jsonl:" + dir.resolve("train.jsonl"), "--eval",
                dir.resolve("test.jsonl").toString(), "--steps", String.valueOf(steps), "--batch", "8", "--micro-batch",
                "4", "--validation-size", "12", "--eval-every", "100", "--checkpoint-every", "10", "--max-tokens", "16",
                "--lr", "0.01", "--master", "local[2]");
    }

    static List<String> args(String name, List<String> command, String... more) {
        List<String> a = new ArrayList<>(List.of("--name", name));
        a.addAll(List.of(more));
        a.add("--");
        a.addAll(command);
        return a;
    }

    static Path onlyRun(Path cronDir, String name) throws Exception {
        try (Stream<Path> runs = Files.list(cronDir.resolve(name).resolve("runs"))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), "one run folder: " + all);
            return all.get(0);
        }
    }

    static long stepLines(Path metrics) throws Exception {
        return Files.exists(metrics) ? Files.readAllLines(metrics).stream().filter(l -> l.contains("\"objective\"")).count()
                : 0;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aSecondStartExitsCleanlyAndAKilledRunResumesToTheSameBits() throws Exception {
        Path dir = dir("resume"), cron = dir.resolve("cron");
        List<String> job = finetune(dir, 300);
        Run whole = runToEnd(dir, cron, args("whole", job));
        assertEquals(0, whole.code(), whole.err());

        Process first = wrapper(dir, cron, args("nightly", job)).start();
        Path current = cron.resolve("nightly").resolve("current");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path run = null;
        while (System.nanoTime() < deadline && first.isAlive()) {
            if (Files.exists(current)) {
                run = Path.of(Files.readString(current).strip());
                if (stepLines(run.resolve("metrics.jsonl")) >= 45) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), "the run ended before the test could start a second one and kill it");
        // the scheduler's next tick while the run goes on: exits 0 at once, saying why, writing nothing
        Run second = runToEnd(dir, cron, args("nightly", job));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("nightly is already running"), second.err());
        // the machine goes down mid-run: the wrapper and its JVM die together
        new ProcessBuilder("kill", "-9", "--", "-" + first.pid()).start().waitFor();
        first.waitFor(30, TimeUnit.SECONDS);
        // the JVM's teardown after SIGKILL can outlast the wrapper's by a moment: the lock is free
        // once the last of them is gone (a scheduler's next tick comes minutes later)
        Path lock = cron.resolve("nightly").resolve("lock");
        long free = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor() != 0) {
            assertTrue(System.nanoTime() < free, "the killed run's lock was not released within 30 s");
            Thread.sleep(50);
        }
        long before = stepLines(run.resolve("metrics.jsonl"));
        assertTrue(before < 300, before + " steps logged before the kill");

        Run resumed = runToEnd(dir, cron, args("nightly", job));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(!resumed.err().contains("already running"), resumed.err());
        assertEquals(run, onlyRun(cron, "nightly"), "the rerun resumed the same run folder");
        assertTrue(!Files.exists(current), "a finished run is no longer current");
        Path reference = onlyRun(cron, "whole");
        for (String f : List.of("adapter/adapter_model.safetensors", "classifier.safetensors", "report.json")) {
            byte[] a = Files.readAllBytes(reference.resolve(f)), b = Files.readAllBytes(run.resolve(f));
            if (f.endsWith(".json")) {
                String ra = new String(a, StandardCharsets.UTF_8), rb = new String(b, StandardCharsets.UTF_8);
                for (String field : List.of("train_loss", "metric", "test_loss")) {
                    assertEquals(field(ra, field), field(rb, field), field);
                }
            } else {
                assertArrayEquals(a, b, f);
            }
        }
        List<Path> logs;
        try (Stream<Path> s = Files.list(cron.resolve("nightly").resolve("logs"))) {
            logs = s.sorted().toList();
        }
        assertEquals(2, logs.size(), "the killed run's log and the resumed run's (the refused start writes none)");
        assertTrue(Files.readString(logs.get(1)).contains("resuming " + run), Files.readString(logs.get(1)));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void failuresExitNonZeroAndLogsRotate() throws Exception {
        Path dir = dir("rotate"), cron = dir.resolve("cron");
        List<String> simulate = List.of("simulate", "--qasm", "conf/examples/ghz_qft_8.qasm", "--shots", "10", "--seed", "1");
        for (int i = 0; i < 3; i++) {
            Run r = runToEnd(dir, cron, args("hourly", simulate, "--keep-logs", "2"));
            assertEquals(0, r.code(), r.err());
        }
        try (Stream<Path> s = Files.list(cron.resolve("hourly").resolve("logs"))) {
            assertEquals(2, s.count(), "--keep-logs 2 keeps the newest two");
        }
        try (Stream<Path> s = Files.list(cron.resolve("hourly").resolve("runs"))) {
            for (Path r : s.toList()) {
                String out = Files.readString(r.resolve("stdout.txt"));
                assertTrue(out.strip().startsWith("{\"qubits\": 8"), out);
            }
        }
        Run bad = runToEnd(dir, cron, args("hourly", List.of("simulate", "--qasm", "no-such.qasm"), "--keep-logs", "2"));
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("hourly failed with exit 2; log "), bad.err());
        Run refused = runToEnd(dir, cron, List.of("--name", "x", "--", "finetune", "--out", "/tmp/elsewhere"));
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("--out is set by qtune-cron"), refused.err());
        assertTrue(!Files.exists(cron.resolve("x")), "a refused start writes nothing");
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\": ");
        return json.substring(i, json.indexOf(',', i));
    }
}
