package org.qtune.spark.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.resources.MemoryEstimate;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;
import org.qtune.sim.StateVector;
import org.qtune.sim.TopProbabilities;
import org.qtune.io.Checks;
import org.qtune.spark.launch.MasterUrl;
import org.qtune.spark.launch.SimulationPlan;
import org.qtune.spark.statevector.DistributedStateVector;

/**
 * {@code simulate}: an OpenQASM circuit from |0...0>, in this JVM or as a state vector spread over
 * Spark partitions; reports {@code <Z_i>}, observables, the most probable basis states and seeded
 * samples.
 */
public final class SimulateJob extends Job<SimulateJob.Config, SimulateJob.Prepared, SimulateJob.Report> {
    public static final int DEFAULT_TOP = 10;

    /**
     * @param qasm OpenQASM 2.0 or 3 file
     * @param parameters values of an OpenQASM 3 file's inputs, by name (every input needs one)
     * @param observables Pauli sums such as "0.5*Z0 Z1 - 1.2*X3"
     * @param shots samples to draw (0: none)
     * @param seed sampling seed
     * @param top most probable basis states to list
     * @param threads simulator threads (null: all cores)
     * @param partitions Spark partitions of the state vector, a power of two; > 1 runs distributed
     * @param master Spark master for the distributed path (null: spark-submit's, else local mode)
     * @param localLimit largest qubit count simulated in this JVM; above it the distributed path runs
     *     (null: as many as the heap holds)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String qasm, Map<String, Double> parameters, List<String> observables, Integer shots, Long seed,
            Integer top, Integer threads, Integer partitions, String master, Integer localLimit) implements JobConfig {
        public Config {
            if (qasm == null) {
                throw new IllegalArgumentException("missing the circuit (--qasm)");
            }
            parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
            observables = observables == null ? List.of() : List.copyOf(observables);
            shots = shots == null ? 0 : shots;
            seed = seed == null ? 0L : seed;
            top = top == null ? DEFAULT_TOP : top;
            partitions = partitions == null ? 1 : partitions;
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
            for (Map.Entry<String, Double> e : parameters.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("--parameter " + e.getKey() + ": not finite, or given twice");
                }
            }
        }

        @Override
        public Map<String, Long> seeds() {
            return shots > 0 ? Map.of("sampling", seed) : Map.of();
        }

        @Override
        public List<String> inputs() {
            return List.of(qasm);
        }
    }

    /** The report; the distributed path adds its partition count and schedule counts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(int qubits, double[] z, Map<String, Double> expectations,
            @JsonProperty("probabilities_top") List<Top> probabilitiesTop, Map<String, Integer> samples,
            Integer partitions, Integer epochs, Integer remaps, Long shuffledBytes) {
    }

    /** One of the most probable basis states, written as [index, probability]. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Top(long index, double probability) {
        static List<Top> of(List<TopProbabilities.Outcome> outcomes) {
            return outcomes.stream().map(o -> new Top(o.index(), o.probability())).toList();
        }
    }

    /** A circuit read and bound, with its observables parsed and checked against it. */
    /** What a run reads from its config once. */
    public record Prepared(Circuit circuit, List<PauliSum> observables, boolean distributed, int partitions) {
    }

    public SimulateJob() {
        super("simulate", Config.class);
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        Circuit circuit = bind(QasmReader.read(Path.of(c.qasm())), c.parameters());
        List<PauliSum> parsed = new ArrayList<>();
        for (String o : c.observables()) {
            PauliSum h = PauliSum.parse(o);
            if (h.minQubits() > circuit.numQubits()) {
                throw new IllegalArgumentException("observable \"" + o + "\" uses qubit " + (h.minQubits() - 1)
                        + " but the circuit has " + circuit.numQubits() + " qubits");
            }
            parsed.add(h);
        }
        int p = c.partitions();
        if (p < 1 || Integer.bitCount(p) != 1) {
            throw new IllegalArgumentException("--partitions must be a power of two, got " + p);
        }
        SimulationPlan plan = SimulationPlan.choose(circuit.numQubits(), c.shots(), c.top(), p, c.localLimit(), c.master());
        boolean distributed = plan.distributed();
        p = plan.partitions();
        return new Prepared(circuit, parsed, distributed, p);
    }

    @Override
    public JobPlan plan(Config c, Prepared p) throws Exception {
        int n = p.circuit().numQubits();
        if (!p.distributed()) {
            long bytes = SimulationPlan.local(n, c.shots(), c.top()).bytes();
            return JobPlan.local(bytes, n + " qubits in this JVM (" + MemoryEstimate.format(bytes) + ")");
        }
        long perTask = SimulationPlan.perTask(n, p.partitions(), c.shots(), c.top()).bytes();
        boolean inDriver = MasterUrl.resolve(c.master()).inThisJvm();
        return new JobPlan(inDriver ? perTask * p.partitions() : 0, perTask, true, n + " qubits over "
                + p.partitions() + " Spark partitions (" + MemoryEstimate.format(perTask) + " per task)");
    }

    @Override
    public Report run(Config c, Prepared p, JobContext context) throws Exception {
        if (p.distributed()) {
            return distributed(c, p, context);
        }
        SimulatorOptions options = SimulatorOptions.defaults();
        if (c.threads() != null) {
            options = options.withThreads(c.threads());
        }
        int n = p.circuit().numQubits();
        try (Simulator sim = new Simulator(options)) {
            StateVector s = sim.run(p.circuit());
            Map<String, Double> ex = new LinkedHashMap<>();
            for (int i = 0; i < p.observables().size(); i++) {
                ex.put(c.observables().get(i), Measurements.expectation(s, p.observables().get(i)));
            }
            Map<String, Integer> samples = null;
            if (c.shots() > 0) {
                samples = new LinkedHashMap<>();
                for (Map.Entry<Integer, Integer> e : Measurements.sample(s, c.shots(), c.seed()).entrySet()) {
                    samples.put(Measurements.bitString(e.getKey(), n), e.getValue());
                }
            }
            return new Report(n, Measurements.expectationZAll(s), ex, Top.of(TopProbabilities.of(s, c.top())), samples,
                    null, null, null, null);
        }
    }

    private static Report distributed(Config c, Prepared p, JobContext context) {
        int n = p.circuit().numQubits();
        var sc = context.spark("qtune simulate " + Path.of(c.qasm()).getFileName(), c.master());
        try (var state = DistributedStateVector.zero(sc, n, p.partitions())) {
            var stats = state.apply(p.circuit(), new double[0]);
            Map<String, Double> ex = new LinkedHashMap<>();
            for (int i = 0; i < p.observables().size(); i++) {
                ex.put(c.observables().get(i), state.expectation(p.observables().get(i)));
            }
            Map<String, Integer> samples = null;
            if (c.shots() > 0) {
                samples = new LinkedHashMap<>();
                for (Map.Entry<Long, Integer> e : state.sample(c.shots(), c.seed()).entrySet()) {
                    samples.put(Measurements.bitString(e.getKey(), n), e.getValue());
                }
            }
            return new Report(n, state.expectationZAll(), ex, Top.of(state.topProbabilities(c.top())), samples,
                    p.partitions(), stats.epochs(), stats.remaps(), stats.shuffledBytes());
        }
    }

    /** Binds every input parameter; a name the circuit lacks or an input left unbound is an error. */
    private static Circuit bind(Circuit circuit, Map<String, Double> values) {
        Circuit bound = circuit.bind(values);
        if (bound.numParameters() > 0) {
            throw new IllegalArgumentException("no value for input parameter(s) "
                    + bound.parameters().stream().map(Parameter::name).toList() + " (give --parameter NAME=VALUE)");
        }
        return bound;
    }
}
