package org.qtune.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.spark.testing.OtherSchemeFileSystem;
import org.qtune.spark.testing.TinyHfDirs;

/** A model directory on a non-local Hadoop path, copied to the local cache once and checked. */
class ModelFilesTest {
    @TempDir
    Path tmp;
    private String before;

    @BeforeEach
    void cache() {
        before = System.getProperty("qtune.modelCache");
        System.setProperty("qtune.modelCache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("qtune.modelCache");
        } else {
            System.setProperty("qtune.modelCache", before);
        }
    }

    @Test
    void aRemoteDirectoryIsCopiedOnceWithEveryFileIntact() throws Exception {
        Path dir = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        Files.createDirectory(dir.resolve("sub"));
        String uri = OtherSchemeFileSystem.uri(dir);
        assertTrue(ModelFiles.isRemote(uri));
        Configuration conf = new Configuration();
        ModelFiles.Source s = ModelFiles.source(uri, conf);
        Path local = ModelFiles.local(s, conf);
        assertTrue(local.startsWith(tmp.resolve("cache")), local.toString());
        List<String> names;
        try (var files = Files.list(dir)) {
            names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(name)), Files.readAllBytes(local.resolve(name)), name);
        }
        assertFalse(Files.exists(local.resolve("sub")), "only the directory's own files");
        FileTime copied = Files.getLastModifiedTime(local.resolve("config.json"));
        assertEquals(local, ModelFiles.local(s, conf), "the same copy again");
        assertEquals(copied, Files.getLastModifiedTime(local.resolve("config.json")), "not copied twice");
        try (var left = Files.list(tmp.resolve("cache"))) {
            assertEquals(1, left.count(), "no temporary folder left behind");
        }
    }

    @Test
    void aModelChangedAfterTheDriverReadItIsRefused() throws Exception {
        Path dir = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        Configuration conf = new Configuration();
        ModelFiles.Source s = ModelFiles.source(OtherSchemeFileSystem.uri(dir), conf);
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")) + " ");
        IOException e = assertThrows(IOException.class, () -> ModelFiles.local(s, conf));
        assertTrue(e.getMessage().contains("changed since the driver read it"), e.getMessage());
    }

    @Test
    void localPathsAndFileUrisAreUsedWhereTheyAre() throws Exception {
        Configuration conf = new Configuration();
        assertFalse(ModelFiles.isRemote("/models/qwen"));
        assertFalse(ModelFiles.isRemote("file:///models/qwen"));
        assertFalse(ModelFiles.isRemote("minilm"));
        assertEquals(Path.of("/models/qwen"), ModelFiles.local("/models/qwen", conf));
        assertEquals(Path.of("/models/qwen"), ModelFiles.local("file:///models/qwen", conf));
    }

    @Test
    void aRemotePathThatIsNotAModelDirectoryIsNamed() throws Exception {
        Configuration conf = new Configuration();
        IOException missing = assertThrows(IOException.class,
                () -> ModelFiles.source(OtherSchemeFileSystem.uri(tmp.resolve("nope")), conf));
        assertTrue(missing.getMessage().endsWith("no such directory"), missing.getMessage());
        Files.createDirectory(tmp.resolve("empty"));
        IOException empty = assertThrows(IOException.class,
                () -> ModelFiles.source(OtherSchemeFileSystem.uri(tmp.resolve("empty")), conf));
        assertTrue(empty.getMessage().contains("no config.json"), empty.getMessage());
    }
}
