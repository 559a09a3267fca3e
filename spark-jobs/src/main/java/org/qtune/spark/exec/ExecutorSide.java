package org.qtune.spark.exec;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;

/**
 * What an executor JVM keeps between tasks: one single-threaded simulator (Spark runs one task per
 * core, so tasks are the parallelism), and each broadcast circuit rebuilt once rather than once per
 * partition.
 */
public final class ExecutorSide {
    private static final ConcurrentHashMap<String, Built> REBUILT = new ConcurrentHashMap<>();
    private static volatile Simulator simulator;

    /** A broadcast circuit and observable as objects. */
    public record Built(Circuit circuit, PauliSum observable) {
    }

    private ExecutorSide() {
    }

    /**
     * A key for a broadcast, made on the driver: broadcast ids restart with every SparkContext (a
     * notebook may make several in one JVM), so the key also carries a random part.
     */
    public static String key(Broadcast<CircuitSpec> spec) {
        return UUID.randomUUID() + "/" + spec.id();
    }

    public static Built rebuilt(String key, Broadcast<CircuitSpec> spec) {
        if (REBUILT.size() > 64) {
            REBUILT.clear();
        }
        return REBUILT.computeIfAbsent(key, k -> {
            CircuitSpec s = spec.value();
            return new Built(s.circuit(), s.observable());
        });
    }

    public static Simulator simulator() {
        if (simulator == null) {
            synchronized (ExecutorSide.class) {
                if (simulator == null) {
                    simulator = new Simulator(SimulatorOptions.defaults().withThreads(1));
                }
            }
        }
        return simulator;
    }
}
