package org.qtune.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic writes of local files: the bytes go to a new temporary file beside the target, are forced
 * to disk, and the file is renamed over the target, so a reader (or a crash) sees the old content or
 * the whole new one, never a part. (Outputs on Hadoop paths use the FileSystem's rename the same way.)
 *
 * <p>What is written over, and what is refused (an IOException naming the user's path and why):
 * <ul>
 *   <li>a regular file is replaced; the folder must exist (a mistyped output path fails with a
 *       {@link NoSuchFileException} instead of creating folders);</li>
 *   <li>a symbolic link is <em>followed</em>: the file it points to (through any chain of links) is
 *       replaced atomically, with the temporary file in that file's folder, and the link stays a link;
 *       a link to a missing file creates that file;</li>
 *   <li>a directory, a device (/dev/full, /dev/null), a named pipe or a socket is refused: renaming a
 *       file over it would replace the special file with a regular one, even as root.</li>
 * </ul>
 *
 * <p>Temporary files are named {@code .NAME.qtune-tmp-PID-RANDOM}. One left behind by a write that
 * was killed is removed by the next write to the same target: when its process no longer runs on this
 * machine and it is a minute old (a younger one may be another machine's write in progress, in a
 * shared folder), or whatever its process when it is a day old.
 */
public final class AtomicFiles {
    /** What marks a temporary file, between the target's name and the writer's process id. */
    static final String TEMPORARY_MARK = ".qtune-tmp-";
    /** A temporary file of a process not running here is stale from this age. */
    static final Duration STALE_WITHOUT_PROCESS = Duration.ofMinutes(1);
    /** Any temporary file is stale from this age. */
    static final Duration STALE_ALWAYS = Duration.ofDays(1);

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = target(file, null);
        removeStaleTemporaries(target);
        Path temporary = temporaryFor(target);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failure(file, target, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks, before any work, that {@link #write} could write {@code file}: it is a regular file or
     * absent (links followed), its folder exists, and a file can be created there (tried, and deleted).
     * Messages start with {@code option} ("--out") when it is not null.
     */
    public static void checkWritable(String option, Path file) throws IOException {
        Path target = target(file, option);
        Path probe = temporaryFor(target);
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw failure(label(option, file), target, e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Checks, before any work, that files can be written in the folder {@code dir}, creating it (and
     * its parents) when missing, as an output folder is: it is a folder (links followed) and a file
     * can be created in it (tried, and deleted). Messages start with {@code option} when it is not null.
     */
    public static void checkWritableDirectory(String option, Path dir) throws IOException {
        String name = label(option, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(name + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(name + ": " + e.getFile() + " is a file, not a directory", e);
        } catch (IOException e) {
            throw failure(name, dir, e);
        }
        Path probe = dir.resolve("." + TEMPORARY_MARK.substring(1) + "probe-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw failure(name, probe, e);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * As {@link #checkWritableDirectory}, but creates nothing: {@code dir} is a writable folder, or
     * does not exist and its nearest existing ancestor is one (where the run will create it). For an
     * output folder a run makes only once it has work to write, so that a refused run leaves nothing.
     */
    public static void checkCreatableDirectory(String option, Path dir) throws IOException {
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException(label(option, dir) + ": no existing folder to create it in");
        }
        if (existing.equals(dir.toAbsolutePath().normalize())) {
            checkWritableDirectory(option, dir);
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new IOException(label(option, dir) + ": " + existing + " is a file, not a directory");
        }
        checkWritableDirectory(option, existing);
    }

    /** The file a write replaces: {@code file} with symbolic links followed, checked as the class comment says. */
    static Path target(Path file, String option) throws IOException {
        String name = label(option, file);
        Path p = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new IOException(name + ": too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(name + " is a directory, not a file");
            }
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(name + " is not a regular file (a device, a named pipe or a socket); "
                        + "it would be replaced by one: write to a file");
            }
        }
        Path parent = p.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(name, null, "no such directory " + parent);
        }
        return p;
    }

    private static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMPORARY_MARK + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** Deletes the stale temporary files of earlier writes to {@code target} (see the class comment). */
    static void removeStaleTemporaries(Path target) {
        String prefix = "." + target.getFileName() + TEMPORARY_MARK;
        Instant now = Instant.now();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                Duration age = Duration.between(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant(), now);
                boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (age.compareTo(STALE_ALWAYS) >= 0 || (!running && age.compareTo(STALE_WITHOUT_PROCESS) >= 0)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // cleaning up is a courtesy: a folder that cannot be listed fails the write itself, with a clear message
        }
    }

    private static String label(String option, Path file) {
        return option == null ? file.toString() : option + " " + file;
    }

    /** An IOException naming what the user gave and the reason, not the temporary file. */
    private static IOException failure(Object given, Path target, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied (cannot create a file in " + target.getParent() + ")";
        } else if (e instanceof NoSuchFileException) {
            reason = "no such directory " + target.getParent();
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new IOException("cannot write " + given + ": " + reason, e);
    }
}
