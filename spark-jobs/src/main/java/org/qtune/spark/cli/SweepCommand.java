package org.qtune.spark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.io.AtomicFiles;
import org.qtune.io.ParameterTable;
import org.qtune.sim.batch.RowEvaluator;
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.spark.launch.BatchPlan;
import org.qtune.spark.launch.MasterUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qtune sweep}: one parameterized circuit evaluated at every row of a CSV table, with the
 * batched simulator, in this JVM or (with {@code --partitions P > 1}) as one Spark job. The input is
 * checked completely before anything runs; the result is written atomically.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Evaluate a parameterized circuit at every row of a CSV table of parameter values.")
final class SweepCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--qasm", required = true, description = "OpenQASM 2.0 or 3.0 file (3.0: input float[64] parameters)")
    Path qasm;

    @Option(names = "--parameters", required = true, description = "CSV: a header of parameter names, one row per evaluation")
    Path parameters;

    @Option(names = "--observable", description = "Pauli sum whose value to report (default: <Z_i> of every qubit)")
    String observable;

    @Option(names = "--gradient", description = "adjoint or parameter-shift: add d_<name> columns (needs --observable)")
    String gradient;

    @Option(names = "--partitions", defaultValue = "1", description = "Spark partitions; 1 runs in this JVM (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--master", description = "Spark master with --partitions > 1 (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--batch", description = "rows simulated together (default: up to 1024, fewer when a batch of the "
            + "circuit would not fit in memory)")
    Integer batch;

    @Option(names = "--out", required = true, description = "result CSV, written atomically")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1");
        }
        if (master != null) {
            MasterUrl.parse("--master", master);
        }
        AtomicFiles.checkWritable("--out", out);
        RowEvaluator.GradientMethod method = gradient == null ? RowEvaluator.GradientMethod.NONE
                : switch (gradient) {
                    case "adjoint" -> RowEvaluator.GradientMethod.ADJOINT;
                    case "parameter-shift" -> RowEvaluator.GradientMethod.PARAMETER_SHIFT;
                    default -> throw new IllegalArgumentException("unknown --gradient '" + gradient
                            + "' (adjoint, parameter-shift)");
                };
        Circuit circuit = QasmReader.read(qasm);
        PauliSum h = observable == null ? null : PauliSum.parse(observable);
        ParameterTable table = ParameterTable.read(parameters);
        double[][] thetas = table.forCircuit(circuit, parameters.toString());
        int batch = BatchPlan.rows(circuit.numQubits(), this.batch, method == RowEvaluator.GradientMethod.ADJOINT ? 2 : 1,
                thetas.length, partitions > 1, master);
        double[][] values;
        List<String> columns;
        try (RowEvaluator local = new RowEvaluator(circuit, h, method, batch)) {
            columns = local.columns();
            if (partitions == 1) {
                values = local.evaluate(thetas);
            } else {
                try (SparkContexts.Session session = SparkContexts.open("qtune sweep", master)) {
                    values = new BatchEvaluator(session.sc(), partitions).rows(circuit, h, method, thetas, batch,
                            "qtune sweep " + qasm.getFileName());
                }
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", table.names()));
        for (String c : columns) {
            csv.append(',').append(c);
        }
        csv.append('\n');
        double[][] rows = table.rows();
        for (int r = 0; r < rows.length; r++) {
            StringBuilder line = new StringBuilder();
            for (double v : rows[r]) {
                line.append(line.length() == 0 ? "" : ",").append(number(v));
            }
            for (double v : values[r]) {
                line.append(',').append(number(v));
            }
            csv.append(line).append('\n');
        }
        AtomicFiles.writeString(out, csv.toString());
        spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s: %d rows, %d columns%n", out, rows.length,
                table.names().size() + columns.size());
        return 0;
    }

    private static String number(double v) {
        return Double.toString(v);
    }
}
