package org.qtune.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] bytes(String ascii, int... more) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        for (int i = 0; i < more.length; i++) {
            out[a.length + i] = (byte) more[i];
        }
        return out;
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWithTheFileAndItsLine() throws IOException {
        Path f = write("h.txt", bytes("0.5*Z0\n# fine\n0.3*X", 0xFF, '1', '\n'));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFiles.read(f));
        assertEquals(f + ":3: not valid UTF-8 (byte 0xFF at byte 6 of the line)", e.getMessage());
    }

    @Test
    void aSequenceCutShortAtTheEndIsReportedOnItsLine() throws IOException {
        Path f = write("cut.txt", bytes("ok\n\u00e9 no", 0xC3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFiles.read(f)).getMessage()
                .startsWith(f + ":2: not valid UTF-8 (byte 0xC3"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedAndOtherTextIsKept() throws IOException {
        Path f = write("bom.txt", bytes("", 0xEF, 0xBB, 0xBF, 'a', ',', 'b', '\n'));
        assertEquals("a,b\n", TextFiles.read(f));
        Path g = write("utf8.txt", "\u03b8 = 1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("\u03b8 = 1\n", TextFiles.read(g));
        assertEquals("x\uFEFF", TextFiles.decode("x\uFEFF".getBytes(StandardCharsets.UTF_8), "s"), "only a leading mark");
    }

    @Test
    void aDirectoryOrAMissingFileIsAnIoErrorNamingThePath() throws IOException {
        IOException e = assertThrows(IOException.class, () -> TextFiles.read(dir));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
        Path missing = dir.resolve("missing.txt");
        assertEquals(missing.toString(), assertThrows(NoSuchFileException.class, () -> TextFiles.read(missing))
                .getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedInsteadOfFillingTheHeap() throws IOException {
        Path f = write("big.txt", new byte[10_000]);
        IOException e = assertThrows(IOException.class, () -> TextFiles.readBytes(f, 4096));
        assertTrue(e.getMessage().startsWith(f + ": larger than "), e.getMessage());
        assertEquals(10_000, TextFiles.readBytes(f, 10_000).length);
        assertTrue(TextFiles.maxBytes() <= Runtime.getRuntime().maxMemory() / 8);
    }

    @Test
    void aDeviceThatNeverEndsIsCutOffAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertThrows(IOException.class, () -> TextFiles.readBytes(zero, 1 << 20));
    }
}
