package org.qtune.spark.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.qtune.optim.OptimizerState;

/**
 * Checkpoints of an optimizer loop in a directory on any Hadoop FileSystem ({@code file://} by
 * default). Each is written to a temporary name and renamed into place, so a crash never leaves a
 * half-written file under a checkpoint's name; each ends in a CRC32 of its content, so a corrupt or
 * truncated one is detected on reading, reported, and the previous one used. File names carry the step
 * ({@code checkpoint-000000123.qtck}); the newest {@code keep} are kept.
 */
public final class CheckpointStore {
    private static final Logger LOG = LogManager.getLogger(CheckpointStore.class);
    private static final int MAGIC = 0x5154434B; // "QTCK"
    private static final int VERSION = 1;

    /** A checkpoint read back: the step, the optimizer's state and the data position. */
    public record Checkpoint(int step, OptimizerState state, long dataPosition) {
    }

    private final Path dir;
    private final FileSystem fs;
    private final int keep;

    public CheckpointStore(String directory, int keep) throws IOException {
        this(directory, keep, new Configuration());
    }

    public CheckpointStore(String directory, int keep, Configuration conf) throws IOException {
        if (keep < 2) {
            throw new IllegalArgumentException("keep at least 2 checkpoints, so that a corrupt newest has a predecessor");
        }
        this.dir = new Path(directory);
        this.fs = dir.getFileSystem(conf);
        this.keep = keep;
        fs.mkdirs(dir);
    }

    /**
     * Checks, before any work, that checkpoints can be written in {@code directory}: makes it if
     * needed, then creates and deletes a probe file through its FileSystem. An IOException naming the
     * directory and the reason otherwise (a read-only or unreachable file system, a path under a file,
     * no permission), rather than at the first checkpoint, after the work.
     */
    public static void checkWritable(String directory, Configuration conf) throws IOException {
        Path dir = new Path(directory);
        Path probe = new Path(dir, ".qtune-probe-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                .nextLong()));
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.mkdirs(dir) || !fs.getFileStatus(dir).isDirectory()) {
                throw new IOException("cannot make it a directory");
            }
            try (FSDataOutputStream out = fs.create(probe, false)) {
                out.write(0);
            }
            fs.delete(probe, false);
        } catch (IOException e) {
            throw new IOException("checkpoint directory " + directory + " is not writable: " + e.getMessage(), e);
        }
    }

    /** As {@link #checkWritable(String, Configuration)} with the default Hadoop configuration. */
    public static void checkWritable(String directory) throws IOException {
        checkWritable(directory, new Configuration());
    }

    private static String name(int step) {
        return String.format("checkpoint-%09d.qtck", step);
    }

    /** Writes a checkpoint atomically, then deletes all but the newest {@code keep}. */
    public void write(int step, OptimizerState state, long dataPosition) throws IOException {
        byte[] payload = StateCodec.encode(state);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(step);
            out.writeLong(dataPosition);
            out.writeInt(payload.length);
            out.write(payload);
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path tmp = new Path(dir, "." + name(step) + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(body);
            out.writeLong(crc.getValue());
            out.hsync();
        }
        Path target = new Path(dir, name(step));
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
        List<Path> all = checkpoints();
        for (int i = 0; i + keep < all.size(); i++) {
            fs.delete(all.get(i), false);
        }
    }

    /** Checkpoint files, oldest first. */
    List<Path> checkpoints() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (n.startsWith("checkpoint-") && n.endsWith(".qtck")) {
                out.add(st.getPath());
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    /** The newest checkpoint that reads back whole; corrupt ones are reported and skipped. */
    public Optional<Checkpoint> newestValid() throws IOException {
        List<Path> all = checkpoints();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(read(all.get(i)));
            } catch (IOException e) {
                LOG.warn("checkpoint {} is unreadable ({}); trying the previous one", all.get(i), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private Checkpoint read(Path p) throws IOException {
        byte[] all;
        try (InputStream in = fs.open(p)) {
            all = in.readAllBytes();
        }
        if (all.length < 32) {
            throw new IOException("truncated (" + all.length + " bytes)");
        }
        byte[] body = Arrays.copyOf(all, all.length - 8);
        CRC32 crc = new CRC32();
        crc.update(body);
        if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
            throw new IOException("checksum mismatch");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        if (b.getInt() != MAGIC || b.getInt() != VERSION) {
            throw new IOException("not a qtune checkpoint of version " + VERSION);
        }
        int step = b.getInt();
        long position = b.getLong();
        int len = b.getInt();
        if (len != b.remaining()) {
            throw new IOException("length mismatch");
        }
        byte[] payload = new byte[len];
        b.get(payload);
        return new Checkpoint(step, StateCodec.decode(payload), position);
    }
}
