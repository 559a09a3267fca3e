package org.qtune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test access to the read-only {@code ../shared} folder beside the repository (set by the core POM
 * as {@code qtune.shared.dir}; the environment variable {@code QTUNE_SHARED_DIR} also works). Tests
 * that need it are skipped, with a message, when it is absent, as in a clone on its own.
 */
public final class SharedData {
    private SharedData() {
    }

    /** ../shared/qasmbench/small, or a skipped test. */
    public static Path qasmBenchDirectory() {
        String shared = System.getProperty("qtune.shared.dir", System.getenv("QTUNE_SHARED_DIR"));
        Path dir = shared == null ? null : Path.of(shared, "qasmbench", "small");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "../shared/qasmbench not found (" + dir + "): skipping");
        return dir;
    }

    /**
     * The QASMBench file named {@code fileName} anywhere under ../shared/qasmbench (small, medium or
     * large set), or a skipped test saying that it is absent.
     */
    public static Path qasmBenchFile(String fileName) throws IOException {
        String shared = System.getProperty("qtune.shared.dir", System.getenv("QTUNE_SHARED_DIR"));
        Path root = shared == null ? null : Path.of(shared, "qasmbench");
        Assumptions.assumeTrue(root != null && Files.isDirectory(root),
                "../shared/qasmbench not found (" + root + "): skipping the test of " + fileName);
        try (Stream<Path> files = Files.walk(root, 3)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(fileName)).sorted().toList();
            Assumptions.assumeFalse(found.isEmpty(), fileName + " is not in " + root + " (QASMBench's medium set"
                    + " holds it; the shared folder may have the small set only): skipping");
            return found.get(0);
        }
    }

    /** Every .qasm file of the QASMBench small set, sorted by path. */
    public static List<Path> qasmBenchFiles() throws IOException {
        try (Stream<Path> files = Files.walk(qasmBenchDirectory(), 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".qasm")).sorted().toList();
        }
    }
}
