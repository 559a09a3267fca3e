package org.qtune.spark.exec;

import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.broadcast.Broadcast;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;

/**
 * What an executor JVM keeps between tasks, for every distributed path (batched evaluation, sharded
 * losses, the distributed state vector and its adjoint): one single-threaded simulator (Spark runs
 * one task per core, so tasks are the parallelism), and what is built from a broadcast (a circuit
 * rebuilt from its spec, an epoch's compiled gates) built once per broadcast rather than once per
 * partition or per step.
 */
public final class ExecutorSide {
    /** Entries kept before the cache starts again (a long job's old broadcasts are not read again). */
    private static final int MAX_ENTRIES = 64;
    private static final ConcurrentHashMap<String, Object> BUILT = new ConcurrentHashMap<>();
    /** Driver side: one key per broadcast object, however many steps use it. */
    private static final Map<Broadcast<?>, String> KEYS = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile Simulator simulator;

    /** A broadcast circuit and observable as objects. */
    public record Built(Circuit circuit, PauliSum observable) {
    }

    private ExecutorSide() {
    }

    /**
     * The cache key of a broadcast, made on the driver: the same key every time it is asked for the
     * same broadcast (so each step of a job that reuses one broadcast finds what the first built), and
     * unique across SparkContexts (broadcast ids restart with every context, and a notebook may make
     * several in one JVM), so it also carries a random part.
     */
    public static String key(Broadcast<?> broadcast) {
        return KEYS.computeIfAbsent(broadcast, b -> UUID.randomUUID() + "/" + b.id());
    }

    /**
     * What {@code build} makes, built once per key in this JVM (concurrent tasks asking for the same
     * key wait for one build). Values must be immutable or safe to share between tasks.
     */
    @SuppressWarnings("unchecked")
    public static <T> T cached(String key, Supplier<T> build) {
        if (BUILT.size() > MAX_ENTRIES) {
            BUILT.clear();
        }
        return (T) BUILT.computeIfAbsent(key, k -> build.get());
    }

    public static Built rebuilt(String key, Broadcast<CircuitSpec> spec) {
        return cached(key, () -> {
            CircuitSpec s = spec.value();
            return new Built(s.circuit(), s.observable());
        });
    }

    /** The executor's simulator: one thread, shared by every task in this JVM. */
    public static Simulator simulator() {
        Simulator s = simulator;
        if (s == null) {
            synchronized (ExecutorSide.class) {
                s = simulator;
                if (s == null) {
                    s = new Simulator(SimulatorOptions.defaults().withThreads(1));
                    simulator = s;
                }
            }
        }
        return s;
    }
}
