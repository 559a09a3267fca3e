package org.qtune.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Text input files as strings. Every reader of a user's file goes through here, so that all formats
 * fail alike and name the file:
 * <ul>
 *   <li>bytes that are not UTF-8: {@code FILE:LINE: not valid UTF-8 (byte 0xFF at byte 7 of the
 *       line)}, not the JDK's "Input length = 1";</li>
 *   <li>a leading byte-order mark (U+FEFF, which some Windows editors write) is skipped, not read as
 *       an invisible first character;</li>
 *   <li>a directory, an unreadable file or a missing one: an IOException naming the path and the
 *       reason ({@code NoSuchFileException} for a missing one, whose message is the path);</li>
 *   <li>more than {@link #maxBytes()} bytes (also from a device or a pipe that never ends, such as
 *       /dev/zero): an IOException saying so, not an OutOfMemoryError.</li>
 * </ul>
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * The largest file read: an eighth of this JVM's heap (the bytes, the string and the lines split
     * from it are all held at once), at most 1 GiB.
     */
    public static long maxBytes() {
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);
    }

    /** The file's text; see the class comment for the errors. */
    public static String read(Path file) throws IOException {
        return decode(readBytes(file, maxBytes()), file.toString());
    }

    static byte[] readBytes(Path file, long limit) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[(int) Math.min(limit + 1, Files.isRegularFile(file)
                    ? Math.max(8192, Files.size(file) + 1) : 8192)];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > limit) {
                        throw tooLarge(file, limit);
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, 2L * buffer.length));
                }
                int r = in.read(buffer, length, buffer.length - length);
                if (r < 0) {
                    break;
                }
                length += r;
            }
            if (length > limit) {
                throw tooLarge(file, limit);
            }
            return Arrays.copyOf(buffer, length);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": permission denied", e);
        } catch (FileSystemException e) {
            throw new IOException(file + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()), e);
        }
    }

    private static IOException tooLarge(Path file, long limit) {
        return new IOException(file + ": larger than " + (limit >> 20) + " MiB, the most read as text with this "
                + "JVM's heap (-Xmx " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)");
    }

    /**
     * Decodes UTF-8 strictly, without a leading byte-order mark; an invalid byte is an
     * IllegalArgumentException naming {@code source} and the line.
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position(), line = 1, lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new IllegalArgumentException(String.format("%s:%d: not valid UTF-8 (byte 0x%02X at byte %d of the line)",
                    source, line, bytes[at] & 0xFF, at - lineStart + 1));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
