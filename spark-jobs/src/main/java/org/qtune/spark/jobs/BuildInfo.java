package org.qtune.spark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The qtune version and the git commit this build came from (resources written by the build). */
public final class BuildInfo {
    public static final String VERSION;
    public static final String COMMIT;

    static {
        Properties build = load("/qtune-build.properties"), git = load("/qtune-git.properties");
        VERSION = build.getProperty("version", "unknown");
        String id = git.getProperty("git.commit.id", "");
        COMMIT = id.isEmpty() ? "unknown" : id + ("true".equals(git.getProperty("git.dirty")) ? "-dirty" : "");
    }

    private BuildInfo() {
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar without the resource reports "unknown"
        }
        return p;
    }
}
