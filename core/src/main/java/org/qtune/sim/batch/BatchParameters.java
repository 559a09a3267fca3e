package org.qtune.sim.batch;

import java.util.Arrays;

/**
 * The parameter values of one batch run: for each circuit parameter either one value shared by all B
 * members or B values, one per member. Which parameters are per-member is fixed when a
 * {@link BatchProgram} is compiled; the values change from run to run.
 */
public final class BatchParameters {
    private final int batch;
    private final double[][] values; // values[p]: length 1 (shared) or batch (per member); null until set
    private final boolean[] perMember;

    public BatchParameters(int batch, int numParameters) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.batch = batch;
        this.values = new double[numParameters][];
        this.perMember = new boolean[numParameters];
    }

    /**
     * From a B x P matrix (one row per member): the columns marked per-member keep every row's value,
     * the others must hold one value in every row (it is shared).
     */
    public static BatchParameters fromRows(double[][] rows, boolean[] perMember) {
        BatchParameters p = new BatchParameters(rows.length, perMember.length);
        for (double[] r : rows) {
            if (r.length != perMember.length) {
                throw new IllegalArgumentException("a row has " + r.length + " values, the circuit " + perMember.length
                        + " parameters");
            }
        }
        for (int j = 0; j < perMember.length; j++) {
            if (perMember[j]) {
                double[] v = new double[rows.length];
                for (int b = 0; b < rows.length; b++) {
                    v[b] = rows[b][j];
                }
                p.perMember(j, v);
            } else {
                for (double[] r : rows) {
                    if (Double.compare(r[j], rows[0][j]) != 0) {
                        throw new IllegalArgumentException("parameter " + j + " is shared but differs between rows");
                    }
                }
                p.shared(j, rows[0][j]);
            }
        }
        return p;
    }

    public int batch() {
        return batch;
    }

    public int numParameters() {
        return values.length;
    }

    public BatchParameters shared(int p, double value) {
        values[p] = new double[] {value};
        perMember[p] = false;
        return this;
    }

    /** Member b's value of parameter p is {@code v[b]}; v is copied. */
    public BatchParameters perMember(int p, double[] v) {
        if (v.length != batch) {
            throw new IllegalArgumentException("parameter " + p + " needs " + batch + " values, got " + v.length);
        }
        values[p] = v.clone();
        perMember[p] = true;
        return this;
    }

    public boolean isSet(int p) {
        return values[p] != null;
    }

    /** Whether parameter p was set per member. */
    public boolean isPerMember(int p) {
        return perMember[p];
    }

    /** The shared value of parameter p (an error when it is per-member). */
    public double sharedValue(int p) {
        return values[p][0];
    }

    /** The values of parameter p: length 1 when shared, B when per member. Not copied: do not modify. */
    double[] raw(int p) {
        return values[p];
    }

    @Override
    public String toString() {
        return "BatchParameters[batch=" + batch + ", " + Arrays.deepToString(values) + "]";
    }
}
