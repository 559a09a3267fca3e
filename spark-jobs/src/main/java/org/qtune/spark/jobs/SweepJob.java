package org.qtune.spark.jobs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.io.AtomicFiles;
import org.qtune.io.ParameterTable;
import org.qtune.eval.RowEvaluator;
import org.qtune.io.Checks;
import org.qtune.resources.MemoryEstimate;
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.spark.launch.BatchPlan;
import org.qtune.spark.launch.MasterUrl;

/**
 * {@code sweep}: one parameterized circuit evaluated at every row of a CSV table, with the batched
 * simulator, in this JVM or (partitions > 1) as one Spark job. The input is checked completely before
 * anything runs; the result CSV is written atomically.
 */
public final class SweepJob extends Job<SweepJob.Config, SweepJob.Prepared, SweepJob.Report> {

    /**
     * @param qasm OpenQASM 2.0 or 3 file (3: input float[64] parameters)
     * @param parameters CSV: a header of parameter names, one row per evaluation
     * @param observable Pauli sum whose value to report (null: {@code <Z_i>} of every qubit)
     * @param gradient adjoint or parameter-shift: add d_NAME columns (needs an observable); null: none
     * @param partitions Spark partitions; 1 runs in this JVM
     * @param master Spark master with partitions > 1
     * @param batch rows simulated together (null: up to 1024, fewer when a batch would not fit)
     * @param out result CSV
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Config(String qasm, String parameters, String observable, String gradient, Integer partitions,
            String master, Integer batch, String out) implements JobConfig {
        public Config {
            if (qasm == null || parameters == null || out == null) {
                throw new IllegalArgumentException("a sweep needs --qasm, --parameters and --out");
            }
            partitions = partitions == null ? 1 : partitions;
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be >= 1");
            }
            if (batch != null) {
                Checks.atLeast("--batch", batch, 1);
            }
            if (master != null) {
                MasterUrl.parse("--master", master);
            }
            method(gradient);
        }

        @Override
        public List<String> inputs() {
            return List.of(qasm, parameters);
        }
    }

    public record Report(String out, int rows, int columns) {
    }

    /** What a run reads from its config once. */
    public record Prepared(Circuit circuit, PauliSum observable, RowEvaluator.GradientKind method,
            ParameterTable table, double[][] thetas, int batch) {
    }

    public SweepJob() {
        super("sweep", Config.class);
    }

    @Override
    public List<String> outputs(Config c) {
        return List.of(c.out());
    }

    @Override
    public String reportPrefix(Config c) {
        return c.out() + ".";
    }

    private static RowEvaluator.GradientKind method(String gradient) {
        return gradient == null ? RowEvaluator.GradientKind.NONE : switch (gradient) {
            case "adjoint" -> RowEvaluator.GradientKind.ADJOINT;
            case "parameter-shift" -> RowEvaluator.GradientKind.PARAMETER_SHIFT;
            default -> throw new IllegalArgumentException("unknown --gradient '" + gradient + "' (adjoint, parameter-shift)");
        };
    }

    @Override
    public Prepared prepare(Config c) throws Exception {
        AtomicFiles.checkWritable("--out", Path.of(c.out()));
        Circuit circuit = QasmReader.read(Path.of(c.qasm()));
        PauliSum h = c.observable() == null ? null : PauliSum.parse(c.observable());
        ParameterTable table = ParameterTable.read(Path.of(c.parameters()));
        RowEvaluator.GradientKind method = method(c.gradient());
        double[][] thetas = table.forCircuit(circuit, c.parameters());
        int batch = BatchPlan.rows(circuit.numQubits(), c.batch(), method == RowEvaluator.GradientKind.ADJOINT ? 2 : 1,
                thetas.length, c.partitions() > 1, c.master());
        return new Prepared(circuit, h, method, table, thetas, batch);
    }

    @Override
    public JobPlan plan(Config c, Prepared p) throws Exception {
        int n = p.circuit().numQubits();
        long batchBytes = MemoryEstimate.batchStates(n, p.batch(), p.method() == RowEvaluator.GradientKind.ADJOINT ? 2 : 1)
                .bytes();
        long tableBytes = 16L * p.thetas().length * (p.table().names().size() + 2 + n + p.circuit().numParameters());
        return new JobPlan(tableBytes + (c.partitions() > 1 ? 0 : batchBytes), c.partitions() > 1 ? batchBytes : 0,
                c.partitions() > 1, p.thetas().length + " rows of a " + n + "-qubit circuit in batches of " + p.batch());
    }

    @Override
    public Report run(Config c, Prepared p, JobContext context) throws Exception {
        double[][] values;
        List<String> columns;
        try (RowEvaluator local = new RowEvaluator(p.circuit(), p.observable(), p.method(), p.batch())) {
            columns = local.columns();
            if (c.partitions() == 1) {
                values = local.evaluate(p.thetas());
            } else {
                values = new BatchEvaluator(context.spark("qtune sweep", c.master()), c.partitions()).rows(p.circuit(),
                        p.observable(), p.method(), p.thetas(), p.batch(), "qtune sweep " + Path.of(c.qasm()).getFileName());
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", p.table().names()));
        for (String col : columns) {
            csv.append(',').append(col);
        }
        csv.append('\n');
        double[][] rows = p.table().rows();
        for (int r = 0; r < rows.length; r++) {
            StringBuilder line = new StringBuilder();
            for (double v : rows[r]) {
                line.append(line.length() == 0 ? "" : ",").append(v);
            }
            for (double v : values[r]) {
                line.append(',').append(v);
            }
            csv.append(line).append('\n');
        }
        AtomicFiles.writeString(Path.of(c.out()), csv.toString());
        int width = p.table().names().size() + columns.size();
        context.progress().printf(Locale.ROOT, "wrote %s: %d rows, %d columns%n", c.out(), rows.length, width);
        return new Report(c.out(), rows.length, width);
    }
}
