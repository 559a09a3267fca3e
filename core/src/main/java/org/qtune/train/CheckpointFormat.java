package org.qtune.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The bytes of a checkpoint file, the same on any file system. Version 2: the magic "QTCK", the
 * version, the step, the run's fingerprint and label (modified UTF-8), the history (count, then
 * doubles), the optimizer state (length, then its codec's bytes), and a CRC32 of everything before
 * it, so a truncated or corrupt file is detected. Version 1 (before run fingerprints: magic, 1, step,
 * a data position, state length and bytes, CRC32) is still read, as a checkpoint of
 * {@link RunFingerprint#UNRECORDED}, so that resuming from it is refused rather than trusted.
 */
public final class CheckpointFormat {
    static final int MAGIC = 0x5154434B; // "QTCK"
    static final int VERSION = 2;
    private static final int LEGACY_VERSION = 1;

    private CheckpointFormat() {
    }

    public static byte[] encode(Checkpoint c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(c.step());
            out.writeUTF(c.run().hex());
            out.writeUTF(c.run().label());
            double[] history = c.history();
            out.writeInt(history.length);
            for (double v : history) {
                out.writeDouble(v);
            }
            byte[] state = c.state();
            out.writeInt(state.length);
            out.write(state);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The checkpoint in {@code file}; an {@link IOException} saying why when it is corrupt or not one. */
    public static Checkpoint decode(byte[] file) throws IOException {
        if (file.length < 16) {
            throw new IOException("truncated (" + file.length + " bytes)");
        }
        byte[] body = Arrays.copyOf(file, file.length - 8);
        CRC32 crc = new CRC32();
        crc.update(body);
        if (crc.getValue() != ByteBuffer.wrap(file, file.length - 8, 8).getLong()) {
            throw new IOException("checksum mismatch (corrupt or truncated)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a qtune checkpoint");
            }
            int version = in.readInt();
            int step = in.readInt();
            Checkpoint c;
            if (version == VERSION) {
                RunFingerprint run = new RunFingerprint(in.readUTF(), in.readUTF());
                int n = in.readInt();
                if (n < 0 || (long) n * Double.BYTES > in.available()) {
                    throw new IOException("bad history length " + n);
                }
                double[] history = new double[n];
                for (int i = 0; i < n; i++) {
                    history[i] = in.readDouble();
                }
                c = new Checkpoint(step, run, history, bytes(in));
            } else if (version == LEGACY_VERSION) {
                in.readLong(); // the data position, never used
                c = new Checkpoint(step, RunFingerprint.UNRECORDED, new double[0], bytes(in));
            } else {
                throw new IOException("checkpoint format version " + version + "; this qtune reads " + LEGACY_VERSION
                        + " and " + VERSION);
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes after the checkpoint's end");
            }
            return c;
        } catch (EOFException e) {
            throw new IOException("truncated checkpoint", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad state length " + n);
        }
        return in.readNBytes(n);
    }
}
