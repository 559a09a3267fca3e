package org.qtune.spark.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: one Master and N Workers, each
 * a separate JVM started from this module's own jars (no Spark distribution is needed), with one core
 * and 1 GiB per Worker. Executors are real JVMs too, launched by the Workers, so a test can kill one
 * ({@link #killOneExecutor()}) and watch Spark recover.
 *
 * <p>It needs {@code mvn package} to have run first (failsafe runs after it): the cluster's
 * {@code SPARK_HOME} is {@code target/it-spark-home/<id>/}, whose {@code jars/} holds hard links to
 * (or copies of) {@code target/lib/*}, {@code target/qtune-spark-jobs.jar} and the core jar, and whose
 * {@code conf/} holds a warnings-only log4j2.properties. The Workers launch executors with the class
 * path {@code $SPARK_HOME/conf/:$SPARK_HOME/jars/*}; {@link #applicationConf} adds
 * {@code target/test-classes} for classes defined in tests. Logs go to {@code target/it-logs/<id>/},
 * executors' own stdout and stderr to {@code target/it-work/<id>/worker-<i>/<app>/<executor>/}.
 *
 * <p>{@link #close()} kills every JVM the cluster started, executors included, and a JVM shutdown hook
 * does the same if the test JVM exits without closing it. If the test JVM is killed outright, the
 * daemons see their standard input close ({@link ExitWhenParentDies}) and exit, and executors exit
 * when their Worker or their driver goes away. Every wait is bounded.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start(2);
 *      JavaSparkContext sc = new JavaSparkContext(cluster.applicationConf("my-test"))) {
 *     ...
 * }
 * }</pre>
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    private static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private static final int WORKER_CORES = 1;
    private static final String WORKER_MEMORY = "1g";
    /**
     * Options for the Master and Worker JVMs. They only keep the books, so a small heap, the serial
     * collector and C1 alone start fastest and leave this 2-core machine to the executors.
     */
    private static final List<String> DAEMON_JVM_OPTIONS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 40;
    /** An executor's stderr starts with its command line, every jar spelled out: tens of kilobytes. */
    private static final int LOG_LINE_MAX_CHARS = 400;

    /** {@code cluster-<PID of the test JVM>-<n>}: names this cluster's folders. */
    private static final Pattern CLUSTER_ID = Pattern.compile("cluster-(\\d+)-\\d+");
    /** Numbers the clusters of one test JVM, so that each has its own folders and process marker. */
    private static final AtomicInteger CLUSTERS_CREATED = new AtomicInteger();

    /** A Master or Worker JVM and the name its log file carries. */
    private record Daemon(String name, Process process) {
    }

    private final String id;
    private final Path targetDir;
    private final Path sparkHome;
    private final Path logDir;
    private final Path workDir;
    private final int masterPort;
    private final int masterWebUiPort;
    private final int workerCount;
    /**
     * The Master first, then the Workers: the order {@link #close()} kills them in. Concurrent because
     * the shutdown hook may read it while the Workers are still being started.
     */
    private final List<Daemon> daemons = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private final String workerMemory;

    private StandaloneCluster(int workerCount, String workerMemory) throws IOException {
        this.workerMemory = workerMemory;
        this.id = "cluster-" + ProcessHandle.current().pid() + "-" + CLUSTERS_CREATED.incrementAndGet();
        this.targetDir = moduleTargetDir();
        this.sparkHome = targetDir.resolve("it-spark-home").resolve(id);
        this.logDir = targetDir.resolve("it-logs").resolve(id);
        this.workDir = targetDir.resolve("it-work").resolve(id);
        this.workerCount = workerCount;
        int[] ports = freeLoopbackPorts(2 + workerCount);
        this.masterPort = ports[0];
        this.masterWebUiPort = ports[1];
        this.shutdownHook = new Thread(this::killEverythingAndDeleteSparkHome, "stop-" + id);
        deleteSparkHomesOfDeadJvms(sparkHome.getParent());
        Files.createDirectories(logDir);
        Files.createDirectories(workDir);
        buildSparkHome();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        startDaemons(ports);
    }

    /**
     * Starts a Master and {@code workerCount} Workers and returns once all Workers have registered
     * with the Master (at most 60 s, else it stops everything and throws with the logs' tails).
     */
    public static StandaloneCluster start(int workerCount) {
        return start(workerCount, WORKER_MEMORY);
    }

    /** As {@link #start(int)}, with each Worker offering {@code workerMemory} (e.g. "8g") to executors. */
    public static StandaloneCluster start(int workerCount, String workerMemory) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be >= 1, got " + workerCount);
        }
        try {
            return new StandaloneCluster(workerCount, workerMemory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a standalone cluster", e);
        }
    }

    /** The URL drivers connect to, {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://" + LOOPBACK + ":" + masterPort;
    }

    /** The Master's web UI, whose {@code /json/} page lists Workers and applications. */
    public URI masterWebUi() {
        return URI.create("http://" + LOOPBACK + ":" + masterWebUiPort + "/");
    }

    /**
     * A driver configuration for this cluster: its master URL, driver on 127.0.0.1, no driver web UI,
     * and {@code target/test-classes} on the executors' class path so that functions defined in test
     * sources load there. Executor memory, cores and serializer are left to the caller.
     */
    public SparkConf applicationConf(String appName) {
        return new SparkConf()
                .setMaster(masterUrl())
                .setAppName(appName)
                .set("spark.driver.host", LOOPBACK)
                .set("spark.driver.bindAddress", LOOPBACK)
                .set("spark.ui.enabled", "false")
                .set("spark.executor.extraClassPath", testClassesDir().toString());
    }

    /** The PIDs of this cluster's executor JVMs now running, in ascending order. */
    public List<Long> executorPids() {
        return executorProcesses().map(ProcessHandle::pid).sorted().toList();
    }

    /**
     * Waits until exactly {@code count} executor JVMs of this cluster are running (they start a few
     * seconds after a driver connects, or after one was lost) and returns their PIDs.
     */
    public List<Long> awaitExecutorPids(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> pids = executorPids();
        while (pids.size() != count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + count + " executor JVMs within " + timeout
                        + ", found " + pids + "\n" + logTails());
            }
            pause();
            pids = executorPids();
        }
        return pids;
    }

    /**
     * Kills one executor JVM with SIGKILL, as a crashed machine or the OOM killer would, waits until it
     * is gone and returns its PID. Its Worker reports the loss, and the Master asks a Worker for a
     * replacement executor.
     */
    public long killOneExecutor() {
        ProcessHandle victim = executorProcesses()
                .min(Comparator.comparingLong(ProcessHandle::pid))
                .orElseThrow(() -> new IllegalStateException(
                        "no executor JVM of " + id + " is running\n" + logTails()));
        victim.destroyForcibly();
        awaitExit(victim);
        if (victim.isAlive()) {
            throw new IllegalStateException("executor " + victim.pid() + " survived SIGKILL for " + EXIT_TIMEOUT);
        }
        return victim.pid();
    }

    /**
     * The last lines of the Master's and Workers' logs and of every executor's stderr, for failure
     * messages.
     */
    public String logTails() {
        List<Path> logs = new ArrayList<>(listFiles(logDir, 1, p -> p.toString().endsWith(".log")));
        logs.addAll(listFiles(workDir, 4, p -> p.getFileName().toString().equals("stderr")));
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            out.append("==> ").append(log).append(" <==\n");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> out.append(line.length() <= LOG_LINE_MAX_CHARS ? line
                                : line.substring(0, LOG_LINE_MAX_CHARS) + " [...]").append('\n'));
            } catch (IOException e) {
                out.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    /**
     * Kills the Master, the Workers and every executor of this cluster and waits (bounded) until they
     * are gone; the executors' logs under {@code target/it-work} stay, the {@code SPARK_HOME} of links
     * goes. Stop the driver first: a driver whose executors vanish logs errors until it is stopped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killEverythingAndDeleteSparkHome();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // The hook is running or has run; nothing left to undo.
        }
        List<Long> survivors = clusterProcesses().map(ProcessHandle::pid).toList();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("processes of " + id + " still running after close: " + survivors);
        }
    }

    private void startDaemons(int[] ports) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try {
            daemons.add(startDaemon("master", MASTER_CLASS, Map.of(),
                    "--host", LOOPBACK, "--port", String.valueOf(masterPort),
                    "--webui-port", String.valueOf(masterWebUiPort)));
            // A Worker that finds no Master retries only after 5-15 s, so start them once the Master
            // answers.
            awaitAliveWorkers(0, deadline);
            for (int i = 1; i <= workerCount; i++) {
                Path workerDir = workDir.resolve("worker-" + i);
                Path localDirs = workerDir.resolve("local");
                Files.createDirectories(localDirs);
                // SPARK_LOCAL_DIRS keeps the executors' block manager and shuffle files under target.
                daemons.add(startDaemon("worker-" + i, WORKER_CLASS, Map.of("SPARK_LOCAL_DIRS", localDirs.toString()),
                        "--host", LOOPBACK, "--cores", String.valueOf(WORKER_CORES), "--memory", workerMemory,
                        "--webui-port", String.valueOf(ports[1 + i]), "--work-dir", workerDir.toString(),
                        masterUrl()));
            }
            awaitAliveWorkers(workerCount, deadline);
        } catch (RuntimeException | IOException e) {
            IllegalStateException failure = new IllegalStateException("standalone cluster " + id
                    + " did not start: " + e.getMessage() + "\n" + logTails(), e);
            try {
                close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }

    private Daemon startDaemon(String name, String mainClass, Map<String, String> extraEnv, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DAEMON_JVM_OPTIONS);
        // The options Spark's own launcher gives its daemons and executors on Java 17+.
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        // Fail on a taken port instead of quietly moving to the next one, which the URLs here would miss.
        command.add("-Dspark.port.maxRetries=0");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, sparkHome.resolve("conf") + File.separator,
                sparkHome.resolve("jars").resolve("*").toString(), testClassesDir().toString()));
        command.add(ExitWhenParentDies.class.getName());
        command.add(mainClass);
        command.addAll(List.of(args));

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".log").toFile());
        // Standard input stays a pipe from this JVM: ExitWhenParentDies watches it.
        Map<String, String> env = builder.environment();
        // No SPARK_* setting of the surrounding shell (a SPARK_CONF_DIR, a SPARK_DIST_CLASSPATH) leaks in.
        env.keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("HADOOP_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_HOME", sparkHome.toString());
        // Without it the Worker's executor launcher looks for Spark build folders and every executor
        // fails with "Cannot find any build directories".
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        env.putAll(extraEnv);
        return new Daemon(name, builder.start());
    }

    /** Polls the Master's JSON until it reports {@code expected} ALIVE Workers, failing if a daemon dies. */
    private void awaitAliveWorkers(int expected, long deadlineNanos) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(masterWebUi().resolve("json/")).timeout(HTTP_TIMEOUT).build();
        ObjectMapper json = new ObjectMapper();
        String lastSeen = "no answer from " + request.uri();
        while (true) {
            for (Daemon daemon : daemons) {
                if (!daemon.process().isAlive()) {
                    throw new IllegalStateException(
                            daemon.name() + " exited with status " + daemon.process().exitValue());
                }
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode state = json.readTree(response.body());
                    int alive = state.path("aliveworkers").asInt(-1);
                    if (alive == expected) {
                        return;
                    }
                    lastSeen = alive + " alive workers";
                } else {
                    lastSeen = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                lastSeen = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Master", e);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("the Master did not report " + expected + " alive workers within "
                        + STARTUP_TIMEOUT + " (last: " + lastSeen + ")");
            }
            pause();
        }
    }

    /** Every live process started from this cluster's SPARK_HOME: daemons and executors, orphaned or not. */
    private Stream<ProcessHandle> clusterProcesses() {
        String marker = sparkHome.resolve("jars").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
    }

    private Stream<ProcessHandle> executorProcesses() {
        return clusterProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(EXECUTOR_CLASS)).orElse(false));
    }

    /**
     * Master first, so that no Worker is asked to launch a replacement executor meanwhile; then the
     * Workers with their children (found while they are still their parents) and anything else
     * started from this SPARK_HOME; twice, for an executor launched while the first round ran.
     */
    private void killEverything() {
        for (int round = 0; round < 2; round++) {
            Map<Long, ProcessHandle> victims = new LinkedHashMap<>();
            for (Daemon daemon : daemons) {
                victims.put(daemon.process().pid(), daemon.process().toHandle());
                daemon.process().descendants().forEach(child -> victims.put(child.pid(), child));
            }
            clusterProcesses().forEach(p -> victims.put(p.pid(), p));
            victims.values().forEach(ProcessHandle::destroyForcibly);
            victims.values().forEach(StandaloneCluster::awaitExit);
        }
    }

    private void killEverythingAndDeleteSparkHome() {
        killEverything();
        deleteRecursively(sparkHome);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Reported by the caller, which checks what is still alive.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hard links where the file system allows (no 280 MB copy per cluster), copies elsewhere. */
    private void buildSparkHome() throws IOException {
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        Path lib = targetDir.resolve("lib");
        Path moduleJar = targetDir.resolve("qtune-spark-jobs.jar");
        if (!Files.isDirectory(lib) || !Files.isRegularFile(moduleJar)) {
            throw new IllegalStateException("need " + lib + " and " + moduleJar
                    + ": run the package phase first (mvn verify runs the ITs after it)");
        }
        List<Path> runtimeJars = new ArrayList<>(listFiles(lib, 1, p -> p.toString().endsWith(".jar")));
        runtimeJars.add(moduleJar);
        if (runtimeJars.stream().noneMatch(StandaloneCluster::isCoreJar)) {
            Path coreTarget = targetDir.getParent().resolveSibling("core").resolve("target");
            runtimeJars.add(listFiles(coreTarget, 1, StandaloneCluster::isCoreJar).stream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no qtune-core jar in " + lib + " or " + coreTarget)));
        }
        for (Path jar : runtimeJars) {
            Path link = jars.resolve(jar.getFileName());
            try {
                Files.createLink(link, jar);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalStateException("two runtime jars named " + jar.getFileName(), e);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(jar, link);
            }
        }
        Path conf = Files.createDirectories(sparkHome.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), """
                # Written by org.qtune.spark.testing.StandaloneCluster: warnings and errors only, to stderr,
                # which the Master and Workers send to target/it-logs and executors to their work folder.
                rootLogger.level = warn
                rootLogger.appenderRef.stderr.ref = stderr
                # Hadoop's pure-Java fallback is expected here; its warning at every JVM start is noise.
                logger.hadoopnative.name = org.apache.hadoop.util.NativeCodeLoader
                logger.hadoopnative.level = error
                appender.console.type = Console
                appender.console.name = stderr
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
                """);
    }

    /**
     * A test JVM killed outright leaves its clusters' SPARK_HOME folders behind (links, or copies where
     * links failed); their names carry the PID of the JVM that made them.
     */
    private static void deleteSparkHomesOfDeadJvms(Path sparkHomes) throws IOException {
        if (!Files.isDirectory(sparkHomes)) {
            return;
        }
        try (Stream<Path> homes = Files.list(sparkHomes)) {
            for (Path home : homes.toList()) {
                Matcher name = CLUSTER_ID.matcher(home.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    deleteRecursively(home);
                }
            }
        }
    }

    private static boolean isCoreJar(Path jar) {
        String name = jar.getFileName().toString();
        return name.startsWith("qtune-core-") && name.endsWith(".jar")
                && !name.endsWith("-sources.jar") && !name.endsWith("-tests.jar");
    }

    /** {@code spark-jobs/target}, found from where this class was loaded ({@code target/test-classes}). */
    private static Path moduleTargetDir() {
        Path testClasses = testClassesDir();
        if (!testClasses.getFileName().toString().equals("test-classes")) {
            throw new IllegalStateException(
                    "StandaloneCluster must be loaded from target/test-classes, not " + testClasses);
        }
        return testClasses.getParent();
    }

    private static Path testClassesDir() {
        try {
            return Path.of(StandaloneCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asks the OS for distinct free ports, holding all sockets open until every port is chosen so
     * none is handed out twice. Another process could still take one before the daemon binds it;
     * {@code spark.port.maxRetries=0} makes that a clear startup failure.
     */
    private static int[] freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK)));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static List<Path> listFiles(Path dir, int depth, Predicate<Path> accept) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, depth)) {
            return files.filter(Files::isRegularFile).filter(accept).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
