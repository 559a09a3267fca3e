package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.data.PretrainText;
import org.qtune.spark.testing.SparkTestContext;

/**
 * {@code qtune pretrain} end to end at toy widths on a small corpus written here in the layout of
 * {@code qtune data pretrain-text}: the Hugging Face directory it writes (read back by
 * {@code generate}), the same bits on 1 and 2 partitions, a context shorter than its sample prompts,
 * and a missing corpus.
 */
class PretrainCommandTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void corpus() throws Exception {
        SparkTestContext.get();
        data = tmp.resolve("data");
        String[] words = {"the", "whale", "sea", "ship", "congress", "union", "people", "year", "fortune", "call", "me",
            "and", "of", "a", "is", "strong", "budget", "grows", "by", "percent"};
        SplittableRandom r = new SplittableRandom(11);
        Files.createDirectories(data.resolve(PretrainText.DIRECTORY));
        for (var e : PretrainText.files(data).entrySet()) {
            List<String> lines = new ArrayList<>();
            for (int d = 0; d < 12; d++) {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 150; w++) {
                    text.append(words[r.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
                }
                lines.add("{\"id\": \"" + e.getKey() + "-" + d + "\", \"text\": \"" + text.toString().strip() + "\"}");
            }
            Files.write(e.getValue(), lines);
        }
    }

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--data-dir", data.toString(), "--out", out.toString(),
                "--vocab", "300", "--hidden", "32", "--layers", "2", "--heads", "2", "--kv-heads", "1", "--intermediate",
                "64", "--context", "16", "--batch", "8", "--micro-batch", "4", "--steps", "6", "--eval-every", "3",
                "--validation-windows", "8", "--seed", "4"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void aSmallDecoderIsTrainedToTheSameBitsOnOneAndTwoPartitionsAndReadByGenerate() throws Exception {
        Path one = tmp.resolve("one"), two = tmp.resolve("two");
        ModelCommandsTest.Run a = ModelCommandsTest.qtune(args(one, "--partitions", "1"));
        assertEquals(0, a.code(), a.err());
        ModelCommandsTest.Run b = ModelCommandsTest.qtune(args(two, "--partitions", "2"));
        assertEquals(0, b.code(), b.err());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "report.json", "report.md",
                "metrics.jsonl", "loss.png")) {
            assertTrue(Files.isRegularFile(two.resolve(f)), f);
        }
        assertArrayEquals(Files.readAllBytes(one.resolve("model.safetensors")),
                Files.readAllBytes(two.resolve("model.safetensors")), "partition-independent, bit for bit");
        assertArrayEquals(Files.readAllBytes(one.resolve("tokenizer.json")), Files.readAllBytes(two.resolve("tokenizer.json")));
        String[] lines = b.out().strip().split("\n");
        JsonNode r = ModelCommandsTest.JSON.readTree(lines[lines.length - 1]);
        assertEquals(6, r.get("steps").asInt());
        assertTrue(Double.isFinite(r.get("validation_loss").asDouble()), r.toString());
        // the sample prompts are longer than half of this 16-token context: cut, not a crash
        assertEquals(3, r.get("samples").size(), r.toString());
        String md = Files.readString(two.resolve("report.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| validation loss, perplexity | %.4f,",
                r.get("validation_loss").asDouble())) && md.contains("| core-seconds (driver, executors) |"), md);
        assertEquals(r.get("steps").asInt(), ModelCommandsTest.JSON.readTree(two.resolve("report.json").toFile())
                .get("steps").asInt());
        ModelCommandsTest.Run g = ModelCommandsTest.qtune("generate", "--model", two.toString(), "--prompt", "the whale",
                "--max-new-tokens", "4", "--no-stop-at-eos");
        assertEquals(0, g.code(), g.err());
    }

    @Test
    void aMissingCorpusIsOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("nothing");
        String[] a = args(out);
        a[2] = tmp.resolve("no-data").toString();
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(a);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("run qtune data pretrain-text"), run.err());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
        assertFalse(Files.exists(out));
    }
}
