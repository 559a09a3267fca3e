package org.qtune.spark.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.qtune.train.CheckpointFormat;
import org.qtune.train.Checkpoints;

/**
 * Checkpoints of a training loop in a directory on any Hadoop FileSystem ({@code file://} by
 * default). Each file is written to a temporary name, synced and renamed into place, so a crash never
 * leaves a half-written file under a checkpoint's name; the content ({@link CheckpointFormat}) ends
 * in a CRC32, so a corrupt or truncated one is detected on reading and the previous one used. File
 * names carry the step ({@code checkpoint-000000123.qtck}); the newest {@code keep} are kept.
 */
public final class CheckpointStore implements Checkpoints {
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

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public List<Integer> steps() throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(dir)) {
            int step = Checkpoints.stepOf(st.getPath().getName());
            if (step >= 0) {
                out.add(step);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public byte[] read(int step) throws IOException {
        try (InputStream in = fs.open(new Path(dir, Checkpoints.fileName(step)))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void write(int step, byte[] file) throws IOException {
        String name = Checkpoints.fileName(step);
        Path tmp = new Path(dir, "." + name + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(file);
            out.hsync();
        }
        Path target = new Path(dir, name);
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
        List<Integer> all = steps();
        for (int i = 0; i + keep < all.size(); i++) {
            fs.delete(new Path(dir, Checkpoints.fileName(all.get(i))), false);
        }
    }
}
