package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qtune.spark.jobs.SimulateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune simulate}: options to a {@link SimulateJob.Config}; prints the report. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an OpenQASM 2.0 or 3 circuit from |0...0> and print one JSON object.")
final class SimulateCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--qasm", required = true, description = "OpenQASM 2.0 or 3 file")
    Path qasm;

    @Option(names = "--parameter", description = "NAME=VALUE for an input parameter of an OpenQASM 3 file (repeatable; every input needs one)")
    List<String> parameterValues = new ArrayList<>();

    @Option(names = "--observable", description = "Pauli sum, e.g. \"0.5*Z0 Z1 - 1.2*X3\" (repeatable)")
    List<String> observables = new ArrayList<>();

    @Option(names = "--shots", description = "samples to draw (default: 0)")
    Integer shots;

    @Option(names = "--seed", description = "sampling seed (default: 0)")
    Long seed;

    @Option(names = "--top", description = "most probable basis states to list (default: " + SimulateJob.DEFAULT_TOP + ")")
    Integer top;

    @Option(names = "--threads", description = "simulator threads (default: all cores)")
    Integer threads;

    @Option(names = "--partitions", description = "Spark partitions of the state vector, a power of two; > 1 runs distributed (default: 1)")
    Integer partitions;

    @Option(names = "--master", description = "Spark master URL for the distributed path (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--local-limit", description = "largest qubit count simulated in this JVM; above it the distributed path runs "
            + "(default: as many as this JVM's heap holds, 27 with the launcher's 4g)")
    Integer localLimit;

    @Option(names = "--dry-run", description = "check everything, print the resolved config and the memory the run needs, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        SimulateJob.Config config = new SimulateJob.Config(qasm.toString(), parameters(), observables, shots, seed, top,
                threads, partitions, master, localLimit);
        return JobCommand.execute(spec, new SimulateJob(), config, dryRun);
    }

    /** Every --parameter NAME=VALUE; a bad value or a name given twice is an error. */
    private Map<String, Double> parameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pv : parameterValues) {
            int eq = pv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--parameter needs NAME=VALUE, got '" + pv + "'");
            }
            String name = pv.substring(0, eq).strip(), value = pv.substring(eq + 1).strip();
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--parameter " + name + ": '" + value + "' is not a number");
            }
            if (!Double.isFinite(v) || values.put(name, v) != null) {
                throw new IllegalArgumentException("--parameter " + name + ": not finite, or given twice");
            }
        }
        return values;
    }
}
