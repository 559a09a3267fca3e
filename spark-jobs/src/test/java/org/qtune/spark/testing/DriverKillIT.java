package org.qtune.spark.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code qtune finetune} in a driver JVM of its own, killed (SIGKILL) in the middle of its run, then
 * run again with the same options: it resumes from its last checkpoint and ends with the same bits
 * (adapter, head, training loss) as a run that was never interrupted.
 */
class DriverKillIT {
    private static Process start(Path dir, Path out, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("--add-modules=jdk.incubator.vector", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), ExitWhenParentDies.class.getName(),
                "org.qtune.spark.cli.Main", "finetune"));
        command.addAll(options);
        command.addAll(List.of("--out", out.toString()));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(out.getFileName() + "-" + System.nanoTime() + ".log").toFile());
        b.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
        return b.start();
    }

    private static long stepLines(Path metrics) throws Exception {
        if (!Files.exists(metrics)) {
            return 0;
        }
        return Files.readAllLines(metrics).stream().filter(l -> l.contains("\"objective\"")).count();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aKilledDriverResumesToTheSameBits() throws Exception {
        Path dir = Path.of("target", "it-driver-kill", String.valueOf(System.nanoTime())).toAbsolutePath();
        Files.createDirectories(dir);
        Path bert = TinyHfDirs.encoderDir(dir.resolve("bert"));
        TinyHfDirs.labelledTexts(dir.resolve("train.jsonl"), 80);
        TinyHfDirs.labelledTexts(dir.resolve("test.jsonl"), 20);
        List<String> options = List.of("--model", bert.toString(), "--task", "jsonl:" + dir.resolve("train.jsonl"),
                "--eval", dir.resolve("test.jsonl").toString(), "--steps", "400", "--batch", "8", "--micro-batch", "4",
                "--validation-size", "12", "--eval-every", "100", "--checkpoint-every", "10", "--max-tokens", "16",
                "--lr", "0.01", "--master", "local[2]");
        Path whole = dir.resolve("whole"), killed = dir.resolve("killed");
        assertEquals(0, start(dir, whole, options).waitFor(), "the uninterrupted run failed; logs in " + dir);
        Process p = start(dir, killed, options);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (stepLines(killed.resolve("metrics.jsonl")) < 55 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed; logs in " + dir);
        p.destroyForcibly().waitFor();
        long before = stepLines(killed.resolve("metrics.jsonl"));
        assertTrue(before < 400, before + " steps logged before the kill");
        assertEquals(0, start(dir, killed, options).waitFor(), "the resumed run failed; logs in " + dir);
        for (String f : List.of("adapter/adapter_model.safetensors", "classifier.safetensors")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        String a = Files.readString(whole.resolve("report.json")), b = Files.readString(killed.resolve("report.json"));
        assertEquals(field(a, "train_loss"), field(b, "train_loss"));
        assertEquals(field(a, "metric"), field(b, "metric"));
        assertEquals(400, stepLines(killed.resolve("metrics.jsonl")), "each step once in the resumed run's metrics");
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\": ");
        return json.substring(i, json.indexOf(',', i));
    }
}
