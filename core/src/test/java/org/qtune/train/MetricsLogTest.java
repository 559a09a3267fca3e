package org.qtune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @Test
    void eachStepIsOneJsonObjectWithNonFiniteNumbersAsNull(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("m").resolve("metrics.jsonl");
        try (MetricsLog log = new MetricsLog(jsonl)) {
            log.started(0);
            log.stepCompleted(new StepMetrics(1, -1.25, Double.NaN, 0.5, 0.4, 0.1));
            log.stepCompleted(new StepMetrics(2, Double.NEGATIVE_INFINITY, 3, 0, 0, 0));
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(1, first.get("step").asInt());
        assertEquals(-1.25, first.get("objective").asDouble(), 0.0);
        assertTrue(first.get("gradient_norm").isNull());
        assertEquals(0.5, first.get("seconds").asDouble(), 0.0);
        assertEquals(0.4, first.get("evaluation_seconds").asDouble(), 0.0);
        assertEquals(0.1, first.get("spark_overhead_seconds").asDouble(), 0.0);
        assertEquals(0.2, first.get("spark_overhead_share").asDouble(), 1e-15);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertTrue(second.get("objective").isNull());
        assertEquals(0, second.get("spark_overhead_share").asDouble(), 0.0, "no time, no share");
    }

    @Test
    void aLogIsStartedOnceAndBeforeItsFirstStep(@TempDir Path dir) throws Exception {
        try (MetricsLog log = new MetricsLog(dir.resolve("metrics.jsonl"))) {
            assertThrows(IllegalStateException.class, () -> log.stepCompleted(new StepMetrics(1, 0, 0, 0, 0, 0)));
            log.started(0);
            assertThrows(IllegalStateException.class, () -> log.started(0));
        }
    }

    @Test
    void resumingKeepsTheLinesUpToTheCheckpointAndPlotsThemWithTheNewOnes(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("metrics.jsonl");
        Files.writeString(jsonl, "{\"step\":1,\"objective\":3.0}\n{\"step\":2,\"objective\":2.0}\nnot json\n"
                + "{\"step\":3,\"objective\":1.5}\n[1,2]\n{\"step\":4,\"obj");
        try (MetricsLog log = new MetricsLog(jsonl)) {
            log.started(2);
            log.stepCompleted(new StepMetrics(3, 1.0, 1, 1, 1, 0));
            log.plot(dir.resolve("objective.png"), "resumed");
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(List.of("{\"step\":1,\"objective\":3.0}", "{\"step\":2,\"objective\":2.0}"),
                lines.subList(0, 2));
        assertEquals(3, lines.size());
        assertEquals(3, new ObjectMapper().readTree(lines.get(2)).get("step").asInt());
        assertEquals(800, javax.imageio.ImageIO.read(dir.resolve("objective.png").toFile()).getWidth());
    }
}
