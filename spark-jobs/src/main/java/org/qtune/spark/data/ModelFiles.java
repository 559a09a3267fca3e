package org.qtune.spark.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * A base model directory on a Hadoop path ({@code hdfs://}, {@code s3a://}, {@code abfs://}, any
 * scheme but {@code file}), brought to the local disk of each JVM that loads it: the driver (to
 * describe and plan the run) and every executor (once per JVM). The model loaders read local files
 * with random access (safetensors headers, then each tensor), so a local copy is what they need.
 *
 * <p>Spark's {@code addFile} ships directories too, but only once a SparkContext exists, while the
 * driver sizes the run from the model's description before it makes one; and it would keep a
 * second copy on the driver. So the copy is made here, the same way on both sides: the directory's
 * top-level files are listed (name, length, modification time), and that listing's SHA-256 names
 * the copy under the cache root ({@code -Dqtune.modelCache}, default
 * {@code java.io.tmpdir/qtune-models}). A JVM finding a complete copy with that name reuses it;
 * otherwise it copies into a fresh temporary folder, checks every length, lists the source again
 * (a directory that changed while being copied is an error, not a mixed model) and renames the
 * folder into place atomically, so a killed copy never looks complete and concurrent JVMs on one
 * host never see each other's half-written files. Executors compare the listing with the driver's
 * {@link Source#fingerprint()}: a model replaced during the run is refused, not silently mixed.
 */
public final class ModelFiles {
    private static final String COMPLETE = ".qtune-complete";

    /** A model named on the driver: its name as given and, for a Hadoop path, its listing's fingerprint. */
    public record Source(String model, String fingerprint) implements Serializable {
        public boolean remote() {
            return fingerprint != null;
        }
    }

    private ModelFiles() {
    }

    /** Whether {@code model} names a Hadoop path of a scheme other than {@code file}. */
    public static boolean isRemote(String model) {
        int colon = model.indexOf("://");
        if (colon <= 0) {
            return false;
        }
        String scheme = model.substring(0, colon);
        return !scheme.equalsIgnoreCase("file") && scheme.chars().allMatch(ch -> Character.isLetterOrDigit(ch)
                || ch == '+' || ch == '-' || ch == '.');
    }

    /**
     * The local directory to load {@code model} from: the name itself when it is a local path (a
     * {@code file:} URI becomes its path), else the local copy of the Hadoop directory, made if needed.
     */
    public static java.nio.file.Path local(String model, Configuration conf) throws IOException {
        return local(source(model, conf), conf);
    }

    /** The source of {@code model}: for a Hadoop path, checked to be a directory with a config.json, and fingerprinted. */
    public static Source source(String model, Configuration conf) throws IOException {
        if (!isRemote(model)) {
            return new Source(model, null);
        }
        return new Source(model, fingerprint(listing(new Path(model), conf)));
    }

    /** The local directory of a source (see {@link #local(String, Configuration)}). */
    public static java.nio.file.Path local(Source source, Configuration conf) throws IOException {
        if (!source.remote()) {
            String m = source.model();
            return m.regionMatches(true, 0, "file:", 0, 5) ? java.nio.file.Path.of(java.net.URI.create(m))
                    : java.nio.file.Path.of(m);
        }
        Path dir = new Path(source.model());
        List<FileStatus> files = listing(dir, conf);
        String now = fingerprint(files);
        if (!now.equals(source.fingerprint())) {
            throw new IOException(source.model() + " changed since the driver read it (its files' names, sizes or"
                    + " times differ): refusing to mix two models in one run");
        }
        java.nio.file.Path root = cacheRoot();
        java.nio.file.Path target = root.resolve(now.substring(0, 32));
        if (Files.isRegularFile(target.resolve(COMPLETE))) {
            return target;
        }
        Files.createDirectories(root);
        java.nio.file.Path temp = root.resolve(".tmp-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            for (FileStatus f : files) {
                java.nio.file.Path to = temp.resolve(f.getPath().getName());
                try (InputStream in = fs.open(f.getPath()); OutputStream out = Files.newOutputStream(to)) {
                    in.transferTo(out);
                }
                if (Files.size(to) != f.getLen()) {
                    throw new IOException(f.getPath() + ": read " + Files.size(to) + " bytes, the listing said "
                            + f.getLen());
                }
            }
            if (!fingerprint(listing(dir, conf)).equals(now)) {
                throw new IOException(source.model() + " changed while it was being copied");
            }
            Files.writeString(temp.resolve(COMPLETE), source.model() + "\n" + now + "\n");
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another JVM on this host finished the same copy first: use theirs
                if (!Files.isRegularFile(target.resolve(COMPLETE))) {
                    throw new IOException(target + " exists but holds no complete copy of " + source.model()
                            + "; remove it and run again", e);
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the model cache " + root + " cannot rename atomically; set -Dqtune.modelCache"
                        + " to a local directory", e);
            }
            return target;
        } finally {
            deleteTree(temp);
        }
    }

    /**
     * The Hadoop configuration of an executor: a default one plus the application's
     * {@code spark.hadoop.*} settings, as Spark builds its own (credentials and file system options
     * given to spark-submit reach the model's file system too).
     */
    public static Configuration executorConfiguration() {
        Configuration conf = new Configuration();
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            for (Tuple2<String, String> kv : env.conf().getAllWithPrefix("spark.hadoop.")) {
                conf.set(kv._1(), kv._2());
            }
        }
        return conf;
    }

    static java.nio.file.Path cacheRoot() {
        String root = System.getProperty("qtune.modelCache");
        return root != null ? java.nio.file.Path.of(root)
                : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "qtune-models");
    }

    /** The top-level files of a model directory, by name; it must hold a config.json. */
    private static List<FileStatus> listing(Path dir, Configuration conf) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            throw new FileNotFoundException("--model " + dir + ": no such directory");
        }
        if (!fs.getFileStatus(dir).isDirectory()) {
            throw new IOException("--model " + dir + ": not a directory (a Hugging Face model directory is expected)");
        }
        List<FileStatus> files = new ArrayList<>(Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isFile)
                .filter(f -> !f.getPath().getName().startsWith(".")).toList());
        files.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        if (files.stream().noneMatch(f -> f.getPath().getName().equals("config.json"))) {
            throw new IOException("--model " + dir + ": no config.json (a Hugging Face model directory is expected)");
        }
        return files;
    }

    private static String fingerprint(List<FileStatus> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (FileStatus f : files) {
                sha.update((f.getPath().toString() + "\0" + f.getLen() + "\0" + f.getModificationTime() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (java.nio.file.Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
