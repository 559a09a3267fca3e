package org.qtune.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Parameter;
import org.qtune.text.TextFiles;

/**
 * A CSV table of parameter vectors: a header of parameter names, then one row of numbers per
 * vector. Every problem is reported with the file's name and line number, before anything is
 * computed: a header that does not name exactly the circuit's parameters, a row with the wrong
 * number of values, a value that is not a finite number.
 */
public final class ParameterTable {
    private final List<String> names;
    private final double[][] rows;

    private ParameterTable(List<String> names, double[][] rows) {
        this.names = names;
        this.rows = rows;
    }

    /** The column names, in the file's order. */
    public List<String> names() {
        return names;
    }

    /** The rows in the file's column order (not copied). */
    public double[][] rows() {
        return rows;
    }

    public static ParameterTable read(Path file) throws IOException {
        return parse(TextFiles.read(file), file.toString());
    }

    public static ParameterTable parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new IllegalArgumentException(source + ": empty (a header of parameter names is needed)");
        }
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String cell : lines[first].split(",", -1)) {
            String name = cell.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException(source + ":" + (first + 1) + ": empty column name");
            }
            if (seen.put(name, names.size()) != null) {
                throw new IllegalArgumentException(source + ":" + (first + 1) + ": column '" + name + "' appears twice");
            }
            names.add(name);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != names.size()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + cells.length + " values, the header has "
                        + names.size() + " columns");
            }
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                String c = cells[j].strip();
                try {
                    row[j] = Double.parseDouble(c);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + c + "' in column '" + names.get(j)
                            + "' is not a number");
                }
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": '" + c + "' in column '"
                            + names.get(j) + "' is not finite");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rows after the header");
        }
        return new ParameterTable(List.copyOf(names), rows.toArray(new double[0][]));
    }

    /**
     * The rows reordered into {@code circuit}'s parameter order; the header must name exactly the
     * circuit's parameters (errors name line 1 of {@code source}).
     */
    public double[][] forCircuit(Circuit circuit, String source) {
        int[] column = new int[circuit.numParameters()];
        java.util.Arrays.fill(column, -1);
        for (int j = 0; j < names.size(); j++) {
            boolean known = false;
            for (Parameter p : circuit.parameters()) {
                if (p.name().equals(names.get(j))) {
                    column[circuit.parameterIndex(p)] = j;
                    known = true;
                }
            }
            if (!known) {
                throw new IllegalArgumentException(source + ":1: the circuit has no parameter '" + names.get(j) + "'");
            }
        }
        for (Parameter p : circuit.parameters()) {
            if (column[circuit.parameterIndex(p)] < 0) {
                throw new IllegalArgumentException(source + ":1: no column for the circuit's parameter '" + p.name() + "'");
            }
        }
        double[][] out = new double[rows.length][circuit.numParameters()];
        for (int r = 0; r < rows.length; r++) {
            for (int q = 0; q < column.length; q++) {
                out[r][q] = rows[r][column[q]];
            }
        }
        return out;
    }
}
