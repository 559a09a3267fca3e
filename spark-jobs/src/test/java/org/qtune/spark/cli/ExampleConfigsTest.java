package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.qtune.spark.jobs.Job;
import org.qtune.spark.jobs.JobJson;
import org.qtune.spark.jobs.JobRunner;
import org.qtune.spark.jobs.Jobs;

/**
 * conf/jobs holds one example config per job for {@code qtune run --config}: every file reads into
 * its job's config record (field names and types as the job has them), every user-facing job has
 * one, and those whose inputs ship with the repository plan without error.
 */
class ExampleConfigsTest {
    static final Path DIR = Path.of("..", "conf", "jobs");
    /** Jobs whose example needs no download or model made elsewhere: their dry run must pass. */
    static final Set<String> SELF_CONTAINED = Set.of("simulate", "vqe", "qaoa", "sweep", "hamiltonian", "bench", "embed",
            "model-info");

    @Test
    void everyExampleReadsIntoItsJobsConfigAndTheSelfContainedOnesPlan() throws Exception {
        Set<String> seen = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode root = JobJson.parseFile(f);
            String name = root.get("job").asText();
            assertEquals(f.getFileName().toString(), name + ".json", "a file is named after its job");
            Job<?, ?, ?> job = Jobs.named(name);
            JobJson.read(((ObjectNode) root).deepCopy().without("job"), job.configType(), f.toString());
            if (SELF_CONTAINED.contains(name)) {
                // relative paths in the examples are from the repository root, as the README runs them
                String text = Files.readString(f).replace("\"conf/", "\"../conf/");
                JsonNode plan = JobJson.parse(JobRunner.runConfig(JobJson.parse(text, f.toString()), f.toString(), true,
                        System.err), "plan");
                assertTrue(plan.has("plan"), f + ": " + plan);
            }
            seen.add(name);
        }
        Set<String> wanted = new TreeSet<>(List.of("simulate", "vqe", "qaoa", "sweep", "hamiltonian", "bench", "embed",
                "generate", "model-info", "finetune", "data", "pretrain", "select"));
        assertEquals(wanted, seen, "one example per job of the command line");
    }
}
