package org.qtune.spark.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.Gradient;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.SimulatorOptions;

/**
 * Evaluates one parameterized circuit at many parameter vectors in one Spark job: the circuit and
 * observable are broadcast once ({@link CircuitSpec}), only the parameter vectors travel, many per
 * task. Results come back in input order. {@link #parameterShift} builds every shifted evaluation of a
 * parameter-shift gradient (two per gate argument, four for controlled rotations) and runs them as one
 * such job.
 */
public final class BatchEvaluator {
    private final JavaSparkContext sc;
    private final int partitions;

    public BatchEvaluator(JavaSparkContext sc, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        this.sc = sc;
        this.partitions = partitions;
    }

    /** {@code <H>} at each parameter vector (rows of {@code thetas}), in order; one Spark job. */
    public double[] expectations(Circuit circuit, PauliSum observable, double[][] thetas, String description) {
        if (observable.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable uses qubit " + (observable.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        List<Row> rows = new ArrayList<>(thetas.length);
        for (int i = 0; i < thetas.length; i++) {
            circuit.checkTheta(thetas[i]);
            rows.add(new Row(i, thetas[i]));
        }
        Broadcast<CircuitSpec> spec = sc.broadcast(CircuitSpec.of(circuit, observable));
        try {
            sc.setJobDescription(description + ": " + thetas.length + " circuits");
            List<double[]> out = sc.parallelize(rows, Math.min(partitions, Math.max(1, rows.size())))
                    .mapPartitions(new EvaluateRows(spec)).collect();
            double[] values = new double[thetas.length];
            for (double[] r : out) {
                values[(int) r[0]] = r[1];
            }
            return values;
        } finally {
            spec.destroy();
        }
    }

    /**
     * The parameter-shift gradient of {@code <H>} as one batched job. Every symbolic gate argument
     * becomes its own parameter (so shifting one occurrence of a shared parameter is a plain parameter
     * vector), then the rules of {@link org.qtune.grad.ParameterShiftGradient} apply.
     */
    public Gradient parameterShift(Circuit circuit, double[] theta, PauliSum observable) {
        return parameterShift(circuit, theta, observable, "qtune parameter shift");
    }

    /** As {@link #parameterShift(Circuit, double[], PauliSum)}, with the Spark job described as given. */
    public Gradient parameterShift(Circuit circuit, double[] theta, PauliSum observable, String description) {
        circuit.checkTheta(theta);
        // one parameter per symbolic argument: its value is the argument's angle
        Circuit.Builder b = Circuit.builder(circuit.numQubits());
        List<double[]> owners = new ArrayList<>(); // {theta index, coefficient, four-term?}
        List<Double> angles = new ArrayList<>();
        for (Operation op : circuit.operations()) {
            ParameterExpression[] ps = new ParameterExpression[op.gate().numParams()];
            for (int j = 0; j < ps.length; j++) {
                ParameterExpression e = op.param(j);
                if (e.isConstant() || e.coefficient() == 0) {
                    ps[j] = ParameterExpression.constant(e.isConstant() ? e.constantValue()
                            : e.evaluate(theta[circuit.parameterIndex(e.parameter())]));
                    continue;
                }
                ps[j] = ParameterExpression.of(Parameter.of("a" + angles.size()));
                angles.add(e.evaluate(theta[circuit.parameterIndex(e.parameter())]));
                owners.add(new double[] {circuit.parameterIndex(e.parameter()), e.coefficient(),
                        fourTerm(op.gate(), j) ? 1 : 0});
            }
            b.add(op.gate(), ps, op.qubits());
        }
        Circuit expanded = b.build();
        double[] base = angles.stream().mapToDouble(Double::doubleValue).toArray();
        List<double[]> points = new ArrayList<>();
        points.add(base);
        for (int a = 0; a < base.length; a++) {
            boolean four = owners.get(a)[2] == 1;
            for (double shift : four ? new double[] {Math.PI / 2, -Math.PI / 2, 3 * Math.PI / 2, -3 * Math.PI / 2}
                    : new double[] {Math.PI / 2, -Math.PI / 2}) {
                double[] p = base.clone();
                p[a] += shift;
                points.add(p);
            }
        }
        double[] v = expectations(expanded, observable, points.toArray(new double[0][]), description);
        double[] grad = new double[circuit.numParameters()];
        double dPlus = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2)), dMinus = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));
        int next = 1;
        for (double[] owner : owners) {
            double d;
            if (owner[2] == 1) {
                d = dPlus * (v[next] - v[next + 1]) - dMinus * (v[next + 2] - v[next + 3]);
                next += 4;
            } else {
                d = 0.5 * (v[next] - v[next + 1]);
                next += 2;
            }
            grad[(int) owner[0]] += owner[1] * d;
        }
        return new Gradient(v[0], grad);
    }

    static boolean fourTerm(Gate g, int argument) {
        return g == Gate.CRX || g == Gate.CRY || g == Gate.CRZ || (g == Gate.CU3 && argument == 0);
    }

    /** One parameter vector and its position in the batch. */
    public record Row(int index, double[] theta) implements java.io.Serializable {
    }

    /** Runs a partition's rows through the broadcast circuit; the circuit is rebuilt once per JVM. */
    static final class EvaluateRows implements FlatMapFunction<Iterator<Row>, double[]> {
        private static final long serialVersionUID = 1L;
        private static final ConcurrentHashMap<Long, Object[]> REBUILT = new ConcurrentHashMap<>();
        private static volatile Simulator simulator;
        private final Broadcast<CircuitSpec> spec;

        EvaluateRows(Broadcast<CircuitSpec> spec) {
            this.spec = spec;
        }

        private static Simulator simulator() {
            if (simulator == null) {
                synchronized (EvaluateRows.class) {
                    if (simulator == null) {
                        simulator = new Simulator(SimulatorOptions.defaults().withThreads(1));
                    }
                }
            }
            return simulator;
        }

        @Override
        public Iterator<double[]> call(Iterator<Row> rows) {
            Object[] built = REBUILT.computeIfAbsent(spec.id(), id -> {
                CircuitSpec s = spec.value();
                return new Object[] {s.circuit(), s.observable()};
            });
            Circuit c = (Circuit) built[0];
            PauliSum h = (PauliSum) built[1];
            List<double[]> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                out.add(new double[] {r.index(), Measurements.expectation(simulator().run(c, r.theta()), h)});
            }
            if (REBUILT.size() > 64) {
                REBUILT.clear();
            }
            return out.isEmpty() ? Collections.emptyIterator() : out.iterator();
        }
    }
}
