package org.qtune.train;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a run's checkpoints live: one file per checkpointed step in a directory, written atomically
 * (a reader sees a whole file or none) and pruned to the newest few. Implementations store bytes;
 * the file format is {@link CheckpointFormat}'s. {@link LocalCheckpoints} keeps them on the local
 * disk; {@code org.qtune.spark.train.CheckpointStore} on any Hadoop file system.
 */
public interface Checkpoints {
    /** The directory, as a person would name it in {@code --checkpoint-dir}. */
    String location();

    /** The steps that have a checkpoint file, oldest first. */
    List<Integer> steps() throws IOException;

    /** The bytes of step {@code step}'s file. */
    byte[] read(int step) throws IOException;

    /** Writes step {@code step}'s file atomically, replacing one of the same step, then prunes old ones. */
    void write(int step, byte[] file) throws IOException;

    /** Writes {@code c} in {@link CheckpointFormat}. */
    default void save(Checkpoint c) throws IOException {
        write(c.step(), CheckpointFormat.encode(c));
    }

    /**
     * The newest checkpoint that reads back whole. A corrupt or truncated one (a crash during a copy)
     * is reported and the one before it tried; empty when none is readable.
     */
    default Optional<Checkpoint> newest() throws IOException {
        List<Integer> steps = steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(CheckpointFormat.decode(read(steps.get(i))));
            } catch (IOException e) {
                System.getLogger(Checkpoints.class.getName()).log(System.Logger.Level.WARNING,
                        "checkpoint of step {0} in {1} is unreadable ({2}); trying the previous one", steps.get(i),
                        location(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The file name of step {@code step}'s checkpoint; names sort by step. */
    static String fileName(int step) {
        return String.format("checkpoint-%09d.qtck", step);
    }

    /** The step of a checkpoint file's name, or -1 when it is not one. */
    static int stepOf(String fileName) {
        if (!fileName.matches("checkpoint-\\d{9}\\.qtck")) {
            return -1;
        }
        return Integer.parseInt(fileName.substring("checkpoint-".length(), fileName.length() - ".qtck".length()));
    }
}
