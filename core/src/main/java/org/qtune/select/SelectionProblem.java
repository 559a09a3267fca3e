package org.qtune.select;

import java.util.Arrays;

/**
 * Choosing k of N training examples, defined so that any tool can check an answer. Candidates i =
 * 0..N-1 have L2-normalized embeddings e_i; the task anchor t is the normalized mean of some
 * examples' embeddings (by default of all candidates); relevance r_i = max(0, cos(e_i, t)),
 * redundancy s_ij = max(0, cos(e_i, e_j)), set to 0 below an optional threshold; a choice x in
 * {0,1}^N with sum x_i = k costs
 *
 * <pre>E(x) = -alpha k sum_i r_i x_i + (1 - alpha) sum_{i<j} s_ij x_i x_j</pre>
 *
 * (alpha in [0, 1], default 0.5): relevant examples lower it, similar pairs raise it. Scaling the
 * relevance by k keeps the two sums of the same order (k terms against about k^2 / 2).
 *
 * <p>Every number here is computed in double with loops in a fixed order, so {@link #energy} is the
 * same whoever computes it; redundancies of problems up to {@link #DENSE_LIMIT} candidates are kept in
 * a matrix, up to {@link #FLOAT_LIMIT} in a float matrix for the solvers (E still in double), larger
 * ones computed from the embeddings when asked.
 */
public final class SelectionProblem {
    /** Default weight of relevance against redundancy. */
    public static final double DEFAULT_ALPHA = 0.5;
    /** Largest problem whose N x N redundancies are kept in double (32 MiB). */
    public static final int DENSE_LIMIT = 2048;
    /**
     * Largest problem whose redundancies are kept in float for the solvers (576 MiB; E itself is
     * always computed in double from the embeddings above {@link #DENSE_LIMIT}): without it an
     * annealing move that is accepted would recompute two rows of N cosines.
     */
    public static final int FLOAT_LIMIT = 12_288;

    private final int n, dim;
    private final double[] unit;        // n x dim, row-major, each row of norm 1
    private final double[] relevance;
    private final double alpha, threshold;
    private final double[] dense;       // n x n, or null above DENSE_LIMIT
    private final float[] denseFloat;   // n x n between DENSE_LIMIT and FLOAT_LIMIT, else null

    private SelectionProblem(int n, int dim, double[] unit, double[] relevance, double alpha, double threshold) {
        this.n = n;
        this.dim = dim;
        this.unit = unit;
        this.relevance = relevance;
        this.alpha = alpha;
        this.threshold = threshold;
        if (n <= DENSE_LIMIT) {
            dense = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double s = computeRedundancy(i, j);
                    dense[i * n + j] = s;
                    dense[j * n + i] = s;
                }
            }
            denseFloat = null;
        } else if (n <= FLOAT_LIMIT) {
            dense = null;
            float[] f = new float[n * n];
            // row i's entries right of the diagonal, mirrored (each entry independent of the thread that computes it)
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = i + 1; j < n; j++) {
                    float v = (float) computeRedundancy(i, j);
                    f[i * n + j] = v;
                    f[j * n + i] = v;
                }
            });
            denseFloat = f;
        } else {
            dense = null;
            denseFloat = null;
        }
    }

    /**
     * The problem over {@code embeddings} (one row per candidate, any norm but zero); {@code anchor}
     * rows (null: the candidates themselves) give the task anchor; {@code threshold} in [0, 1) zeroes
     * smaller redundancies (0: none).
     */
    public static SelectionProblem of(double[][] embeddings, double[][] anchor, double alpha, double threshold) {
        if (embeddings == null || embeddings.length == 0) {
            throw new IllegalArgumentException("no candidates to choose from");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("the redundancy threshold must be in [0, 1), got " + threshold);
        }
        int n = embeddings.length, dim = embeddings[0].length;
        double[] unit = new double[n * dim];
        for (int i = 0; i < n; i++) {
            normalizeInto(embeddings[i], dim, "candidate " + i, unit, i * dim);
        }
        double[][] anchorRows = anchor == null ? embeddings : anchor;
        if (anchorRows.length == 0) {
            throw new IllegalArgumentException("the anchor has no examples");
        }
        double[] mean = new double[dim];
        double[] row = new double[dim];
        for (int a = 0; a < anchorRows.length; a++) {
            normalizeInto(anchorRows[a], dim, (anchor == null ? "candidate " : "anchor example ") + a, row, 0);
            for (int d = 0; d < dim; d++) {
                mean[d] += row[d];
            }
        }
        double norm = Math.sqrt(dot(mean, 0, mean, 0, dim));
        double[] relevance = new double[n];
        if (norm > 0) {
            for (int i = 0; i < n; i++) {
                relevance[i] = Math.max(0, dot(unit, i * dim, mean, 0, dim) / norm);
            }
        }
        return new SelectionProblem(n, dim, unit, relevance, alpha, threshold);
    }

    /**
     * The problem from its parts as {@link #unitEmbeddings} and {@link #relevances} give them (to
     * rebuild it exactly in another JVM).
     */
    public static SelectionProblem fromParts(double[] unit, int dim, double[] relevance, double alpha, double threshold) {
        if (dim < 1 || unit.length != (long) relevance.length * dim) {
            throw new IllegalArgumentException("embeddings of " + unit.length + " values are not " + relevance.length
                    + " of dimension " + dim);
        }
        return new SelectionProblem(relevance.length, dim, unit.clone(), relevance.clone(), alpha, threshold);
    }

    /** The unit embeddings, row after row (a copy). */
    public double[] unitEmbeddings() {
        return unit.clone();
    }

    /** The embeddings' dimension. */
    public int dimension() {
        return dim;
    }

    /** Every r_i (a copy). */
    public double[] relevances() {
        return relevance.clone();
    }

    /** The same problem over a subset of the candidates (its candidate m is {@code members[m]} here). */
    public SelectionProblem restrictTo(int[] members) {
        double[] u = new double[members.length * dim], r = new double[members.length];
        for (int m = 0; m < members.length; m++) {
            System.arraycopy(unit, members[m] * dim, u, m * dim, dim);
            r[m] = relevance[members[m]];
        }
        return new SelectionProblem(members.length, dim, u, r, alpha, threshold);
    }

    private static void normalizeInto(double[] v, int dim, String what, double[] out, int offset) {
        if (v == null || v.length != dim) {
            throw new IllegalArgumentException(what + " has " + (v == null ? 0 : v.length) + " dimensions, not " + dim);
        }
        double s = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(what + " has a value that is not finite");
            }
            s += x * x;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(what + " is the zero vector (no direction to compare)");
        }
        double norm = Math.sqrt(s);
        for (int d = 0; d < dim; d++) {
            out[offset + d] = v[d] / norm;
        }
    }

    private static double dot(double[] a, int ia, double[] b, int ib, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += a[ia + d] * b[ib + d];
        }
        return s;
    }

    private double computeRedundancy(int i, int j) {
        double s = Math.max(0, dot(unit, i * dim, unit, j * dim, dim));
        return s < threshold ? 0 : s;
    }

    public int size() {
        return n;
    }

    public double alpha() {
        return alpha;
    }

    public double threshold() {
        return threshold;
    }

    /** r_i. */
    public double relevance(int i) {
        return relevance[i];
    }

    /** s_ij (0 on the diagonal). */
    public double redundancy(int i, int j) {
        if (i == j) {
            return 0;
        }
        return dense != null ? dense[i * n + j] : denseFloat != null ? denseFloat[i * n + j] : computeRedundancy(i, j);
    }

    /** s_ij for every j into {@code out} (out[i] = 0). */
    public void redundancyRow(int i, double[] out) {
        if (dense != null) {
            System.arraycopy(dense, i * n, out, 0, n);
            return;
        }
        if (denseFloat != null) {
            for (int j = 0, at = i * n; j < n; j++) {
                out[j] = denseFloat[at + j];
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            out[j] = j == i ? 0 : computeRedundancy(i, j);
        }
    }

    /** The unit embedding of candidate i (a copy). */
    public double[] embedding(int i) {
        return Arrays.copyOfRange(unit, i * dim, (i + 1) * dim);
    }

    /** cos(e_i, e_j) of the unit embeddings, unclipped (for the distance-based baselines). */
    public double cosine(int i, int j) {
        return dot(unit, i * dim, unit, j * dim, dim);
    }

    /**
     * E of the set {@code chosen} (distinct indices, k = its size): relevance summed in index order,
     * then redundancy over pairs i < j in index order.
     */
    public double energy(int[] chosen) {
        int[] s = checkedSorted(chosen);
        int k = s.length;
        double rel = 0, red = 0;
        for (int a = 0; a < k; a++) {
            rel += relevance[s[a]];
        }
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                red += dense != null ? dense[s[a] * n + s[b]] : computeRedundancy(s[a], s[b]);
            }
        }
        return -alpha * k * rel + (1 - alpha) * red;
    }

    /** The indices sorted, each checked to be a candidate and distinct. */
    int[] checkedSorted(int[] chosen) {
        int[] s = chosen.clone();
        Arrays.sort(s);
        for (int a = 0; a < s.length; a++) {
            if (s[a] < 0 || s[a] >= n) {
                throw new IllegalArgumentException("candidate " + s[a] + " is outside 0.." + (n - 1));
            }
            if (a > 0 && s[a] == s[a - 1]) {
                throw new IllegalArgumentException("candidate " + s[a] + " is chosen twice");
            }
        }
        return s;
    }

    /**
     * The linear and pairwise coefficients of E as a QUBO for a fixed k: E(x) = sum_i h_i x_i +
     * sum_{i<j} J_ij x_i x_j with h_i = -alpha k r_i and J_ij = (1 - alpha) s_ij ({@code pair[i][j]},
     * i < j, filled; the rest 0).
     */
    public Qubo qubo(int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return qubo(all, k, null);
    }

    /**
     * The QUBO over the candidates {@code members} (variable m is candidate members[m]) when k are
     * chosen in all and the candidates {@code clamped} (none of the members) are chosen as well: h_m =
     * -alpha k r + (1 - alpha) times the member's redundancy with the clamped ones. Its value plus E of
     * the clamped set is E of the whole choice.
     */
    public Qubo qubo(int[] members, int k, int[] clamped) {
        int m = members.length;
        double[] h = new double[m];
        double[][] j = new double[m][m];
        for (int a = 0; a < m; a++) {
            h[a] = -alpha * k * relevance[members[a]];
            if (clamped != null) {
                double field = 0;
                for (int c : clamped) {
                    field += redundancy(members[a], c);
                }
                h[a] += (1 - alpha) * field;
            }
            for (int b = a + 1; b < m; b++) {
                j[a][b] = (1 - alpha) * redundancy(members[a], members[b]);
            }
        }
        return new Qubo(h, j);
    }

    /** A quadratic function of binary variables: sum_i h_i x_i + sum_{i<j} J_ij x_i x_j (+ offset). */
    public record Qubo(double[] linear, double[][] pair) {
        /** Its value at the bits of {@code x} (bit i of x is variable i). */
        public double value(long x) {
            double e = 0;
            int n = linear.length;
            for (int i = 0; i < n; i++) {
                if ((x >>> i & 1) != 0) {
                    e += linear[i];
                    for (int b = i + 1; b < n; b++) {
                        if ((x >>> b & 1) != 0) {
                            e += pair[i][b];
                        }
                    }
                }
            }
            return e;
        }
    }
}
