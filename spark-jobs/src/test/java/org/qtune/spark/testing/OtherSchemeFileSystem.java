package org.qtune.spark.testing;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under another scheme, {@code qtest:///some/path}: a Hadoop file system that is not
 * {@code file:}, so tests reach the code paths of a remote one (HDFS, S3) without a cluster. Found
 * by Hadoop's ServiceLoader (test resources' META-INF/services), like any file system on the classpath.
 */
public final class OtherSchemeFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "qtest";
    private static final URI NAME = URI.create(SCHEME + ":///");

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    /** {@code qtest://} + the absolute local path. */
    public static String uri(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath();
    }
}
