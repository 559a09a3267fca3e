package org.qtune.spark.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs another class's {@code main} and ends this JVM as soon as its standard input reaches end of
 * file. {@link StandaloneCluster} starts the Master and the Workers through it with standard input
 * piped from the test JVM: when the test JVM dies, even by SIGKILL where no shutdown hook runs, the
 * kernel closes that pipe and the daemons exit instead of lingering. A Worker's own shutdown hook then
 * kills its executors.
 *
 * <p>Usage: {@code java ... org.qtune.spark.testing.ExitWhenParentDies <main class> <its arguments>}.
 */
final class ExitWhenParentDies {
    /** The exit status when the parent is gone; 143 is what a SIGTERM'd JVM reports. */
    private static final int PARENT_GONE_STATUS = 143;

    private ExitWhenParentDies() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ExitWhenParentDies <main class> [arguments...]");
        }
        Thread watchdog = new Thread(() -> {
            awaitEndOfFile(System.in);
            System.err.println("ExitWhenParentDies: standard input closed, the parent process is gone; exiting");
            System.exit(PARENT_GONE_STATUS);
        }, "exit-when-parent-dies");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(args[0])
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void awaitEndOfFile(InputStream in) {
        byte[] discard = new byte[256];
        try {
            while (in.read(discard) != -1) {
                // The parent never writes; anything it does write is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
    }
}
