package org.qtune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link AtomicFiles} writes over and what it refuses: special files, directories, symbolic
 * links, missing folders; and the temporary files that killed writes leave behind.
 */
class AtomicFilesSpecialFilesTest {
    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedAndLeftADevice() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full) && !Files.isRegularFile(full), "no /dev/full here");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(full, "x"));
        assertTrue(e.getMessage().startsWith("/dev/full is not a regular file"), e.getMessage());
        assertEquals("--out /dev/full is not a regular file (a device, a named pipe or a socket); it would be replaced "
                + "by one: write to a file", assertThrows(IOException.class,
                () -> AtomicFiles.checkWritable("--out", full)).getMessage());
        assertFalse(Files.isRegularFile(full), "still the device");
    }

    @Test
    void aNamedPipeIsRefusedAndLeftAPipe() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0 && Files.exists(fifo), "no mkfifo here");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(fifo, "x"));
        assertTrue(e.getMessage().startsWith(fifo + " is not a regular file"), e.getMessage());
        assertThrows(IOException.class, () -> AtomicFiles.checkWritable("--out", fifo));
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "still the pipe");
        assertEquals(List.of(fifo), list(dir), "no temporary file left");
    }

    @Test
    void aDirectoryIsRefusedByItsName() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("out.csv"));
        assertEquals(sub + " is a directory, not a file",
                assertThrows(IOException.class, () -> AtomicFiles.writeString(sub, "x")).getMessage());
        assertEquals("--out " + sub + " is a directory, not a file",
                assertThrows(IOException.class, () -> AtomicFiles.checkWritable("--out", sub)).getMessage());
    }

    @Test
    void aSymbolicLinkIsFollowedAndTheFileItNamesReplacedInItsOwnFolder() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path real = elsewhere.resolve("result.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("elsewhere", "result.csv"));
        Path linkToLink = Files.createSymbolicLink(dir.resolve("link2.csv"), link);
        AtomicFiles.writeString(linkToLink, "new");
        assertEquals("new", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(linkToLink), "the links stay links");
        assertEquals(List.of(real), list(elsewhere), "no temporary file left beside the target");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), elsewhere.resolve("new.csv"));
        AtomicFiles.writeString(dangling, "created");
        assertEquals("created", Files.readString(elsewhere.resolve("new.csv")));
        assertTrue(Files.isSymbolicLink(dangling));
    }

    @Test
    void aMissingFolderIsNamedWithTheUsersPath() {
        Path file = dir.resolve("missing").resolve("out.csv");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFiles.checkWritable("--out", file));
        assertEquals("--out " + file + ": no such directory " + file.getParent(), e.getMessage());
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void anOutputFolderUnderAFileIsRefusedAndAMissingOneIsMade() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.checkWritableDirectory("--metrics-dir", file.resolve("metrics")));
        assertEquals("cannot write --metrics-dir " + file.resolve("metrics") + ": Not a directory", e.getMessage());
        assertEquals("--metrics-dir " + file + " is not a directory",
                assertThrows(IOException.class, () -> AtomicFiles.checkWritableDirectory("--metrics-dir", file))
                        .getMessage());
        Path metrics = dir.resolve("a").resolve("b");
        AtomicFiles.checkWritableDirectory("--metrics-dir", metrics);
        assertTrue(Files.isDirectory(metrics));
        assertEquals(List.of(), list(metrics), "the probe file is gone");
    }

    @Test
    void staleTemporaryFilesOfKilledWritesAreRemovedByTheNextWrite() throws Exception {
        Path out = dir.resolve("out.csv");
        long me = ProcessHandle.current().pid();
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        long dead = gone.pid();
        Path deadOld = temporary(out, dead, "a", Duration.ofMinutes(5));
        Path deadYoung = temporary(out, dead, "b", Duration.ofSeconds(5));
        Path mineYoung = temporary(out, me, "c", Duration.ZERO);
        Path mineAncient = temporary(out, me, "d", Duration.ofDays(2));
        Path otherTarget = temporary(dir.resolve("other.csv"), dead, "e", Duration.ofDays(2));
        Path unrelated = Files.writeString(dir.resolve(".out.csv.backup"), "keep");
        AtomicFiles.writeString(out, "result");
        assertEquals("result", Files.readString(out));
        assertFalse(Files.exists(deadOld), "its process is gone");
        assertFalse(Files.exists(mineAncient), "a day old");
        assertTrue(Files.exists(deadYoung), "perhaps another machine's write in progress");
        assertTrue(Files.exists(mineYoung), "a write in progress");
        assertTrue(Files.exists(otherTarget) && Files.exists(unrelated), "only this target's temporary files");
    }

    private static Path temporary(Path target, long pid, String suffix, Duration age) throws IOException {
        Path p = target.resolveSibling("." + target.getFileName() + AtomicFiles.TEMPORARY_MARK + pid + "-" + suffix);
        Files.writeString(p, "partial");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
