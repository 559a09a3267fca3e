package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.io.Checks;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.launch.SimulationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qtune simulate}: runs an OpenQASM circuit and prints one JSON object. */
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

    @Option(names = "--shots", defaultValue = "0", description = "samples to draw (default: ${DEFAULT-VALUE})")
    int shots;

    @Option(names = "--seed", defaultValue = "0", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--top", defaultValue = "10", description = "most probable basis states to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--threads", description = "simulator threads (default: all cores)")
    Integer threads;

    @Option(names = "--partitions", defaultValue = "1",
            description = "Spark partitions of the state vector, a power of two; > 1 runs distributed (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--master", description = "Spark master URL for the distributed path (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--local-limit",
            description = "largest qubit count simulated in this JVM; above it the distributed path runs (default: as many "
                    + "as this JVM's heap holds, 27 with the launcher's 4g)")
    Integer localLimit;

    @Override
    public Integer call() throws Exception {
        if (shots < 0) {
            throw new IllegalArgumentException("--shots must be >= 0, got " + shots);
        }
        if (top < 0) {
            throw new IllegalArgumentException("--top must be >= 0, got " + top);
        }
        if (threads != null) {
            Checks.atLeast("--threads", threads, 1);
        }
        if (localLimit != null) {
            Checks.atLeast("--local-limit", localLimit, 0);
        }
        if (master != null) {
            MasterUrl.parse("--master", master);
        }
        Circuit circuit = bindParameters(QasmReader.read(qasm));
        List<PauliSum> parsed = new ArrayList<>();
        for (String o : observables) {
            PauliSum h = PauliSum.parse(o);
            if (h.minQubits() > circuit.numQubits()) {
                throw new IllegalArgumentException("observable \"" + o + "\" uses qubit " + (h.minQubits() - 1)
                        + " but the circuit has " + circuit.numQubits() + " qubits");
            }
            parsed.add(h);
        }
        if (partitions < 1 || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("--partitions must be a power of two, got " + partitions);
        }
        SimulationPlan plan = SimulationPlan.choose(circuit.numQubits(), shots, top, partitions, localLimit, master);
        if (plan.distributed()) {
            return distributed(circuit, parsed, plan.partitions());
        }
        var options = org.qtune.sim.SimulatorOptions.defaults();
        if (threads != null) {
            options = options.withThreads(threads);
        }
        try (Simulator sim = new Simulator(options)) {
            StateVector s = sim.run(circuit);
            spec.commandLine().getOut().println(Json.write(report(circuit.numQubits(), s, parsed)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Binds every --parameter NAME=VALUE; a name the circuit lacks, a bad value or an input left unbound is an error. */
    private Circuit bindParameters(Circuit circuit) {
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
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
        Circuit bound = circuit.bind(values);
        if (bound.numParameters() > 0) {
            throw new IllegalArgumentException("no value for input parameter(s) "
                    + bound.parameters().stream().map(org.qtune.circuit.Parameter::name).toList()
                    + " (give --parameter NAME=VALUE)");
        }
        return bound;
    }

    private int distributed(Circuit circuit, List<PauliSum> parsed, int p) {
        int n = circuit.numQubits();
        try (var session = SparkContexts.open("qtune simulate " + qasm.getFileName(), master);
             var state = org.qtune.spark.statevector.DistributedStateVector.zero(session.sc(), n, p)) {
            var stats = state.apply(circuit, new double[0]);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("qubits", n);
            out.put("z", state.expectationZAll());
            Map<String, Object> ex = new LinkedHashMap<>();
            for (int i = 0; i < parsed.size(); i++) {
                ex.put(observables.get(i), state.expectation(parsed.get(i)));
            }
            out.put("expectations", ex);
            List<Object> top = new ArrayList<>();
            for (double[] e : state.topProbabilities(this.top)) {
                top.add(List.of((long) e[0], e[1]));
            }
            out.put("probabilities_top", top);
            if (shots > 0) {
                Map<String, Object> samples = new LinkedHashMap<>();
                state.sample(shots, seed).forEach((idx, count) -> samples.put(Measurements.bitString(idx, n), count));
                out.put("samples", samples);
            }
            out.put("partitions", p);
            out.put("epochs", stats.epochs());
            out.put("remaps", stats.remaps());
            out.put("shuffledBytes", stats.shuffledBytes());
            spec.commandLine().getOut().println(Json.write(out));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Map<String, Object> report(int n, StateVector s, List<PauliSum> parsed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("qubits", n);
        out.put("z", Measurements.expectationZAll(s));
        Map<String, Object> ex = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            ex.put(observables.get(i), Measurements.expectation(s, parsed.get(i)));
        }
        out.put("expectations", ex);
        out.put("probabilities_top", topProbabilities(s, top));
        if (shots > 0) {
            Map<String, Object> samples = new LinkedHashMap<>();
            Measurements.sample(s, shots, seed).forEach((idx, count) -> samples.put(Measurements.bitString(idx, n), count));
            out.put("samples", samples);
        }
        return out;
    }

    /** The k most probable basis states, most probable first (ties: lower index first). */
    static List<Object> topProbabilities(StateVector s, int k) {
        Comparator<double[]> weakestFirst = Comparator.<double[]>comparingDouble(e -> e[1])
                .thenComparing(e -> -e[0]);
        PriorityQueue<double[]> heap = new PriorityQueue<>(weakestFirst);
        for (int i = 0; i < s.dimension() && k > 0; i++) {
            double p = Measurements.probability(s, i);
            if (heap.size() < k) {
                heap.add(new double[] {i, p});
            } else if (weakestFirst.compare(new double[] {i, p}, heap.peek()) > 0) {
                heap.poll();
                heap.add(new double[] {i, p});
            }
        }
        List<double[]> sorted = new ArrayList<>(heap);
        sorted.sort(weakestFirst.reversed());
        List<Object> out = new ArrayList<>();
        for (double[] e : sorted) {
            out.add(List.of((long) e[0], e[1]));
        }
        return out;
    }
}
