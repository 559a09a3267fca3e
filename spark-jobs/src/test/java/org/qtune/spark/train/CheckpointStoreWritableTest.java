package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CheckpointStore#checkWritable}: the probe made before any work. */
class CheckpointStoreWritableTest {
    @Test
    void aWritableDirectoryIsMadeAndLeftWithoutTheProbe(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("a").resolve("checkpoints");
        CheckpointStore.checkWritable(ck.toString());
        assertTrue(Files.isDirectory(ck));
        try (Stream<Path> files = Files.list(ck)) {
            assertEquals(0, files.filter(p -> !p.getFileName().toString().endsWith(".crc")).count());
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        String under = file.resolve("checkpoints").toString();
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.checkWritable(under));
        assertTrue(e.getMessage().startsWith("checkpoint directory " + under + " is not writable: "), e.getMessage());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            // a read-only file system: mkdirs fails without an exception there
            assertThrows(IOException.class, () -> CheckpointStore.checkWritable("/proc/self/qtune-checkpoints"));
        }
    }
}
