package org.qtune.select;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The classical ways to choose k candidates of a {@link SelectionProblem}: {@link #random},
 * {@link #greedy} on E itself, {@link #kCenter} and {@link #facility} (the coreset baselines),
 * and {@link #bruteForce} (the exact optimum of small problems, the reference for every other).
 * Each returns k distinct indices in ascending order; ties go to the lowest index, so each is a
 * function of its inputs (and seed).
 */
public final class Selectors {
    /** Most subsets {@link #bruteForce} enumerates. */
    public static final long BRUTE_FORCE_LIMIT = 50_000_000L;

    private Selectors() {
    }

    static void checkK(SelectionProblem p, int k) {
        if (k < 1 || k > p.size()) {
            throw new IllegalArgumentException("k must be in 1.." + p.size() + " (the candidates), got " + k);
        }
    }

    /** k candidates drawn uniformly without replacement (a partial Fisher-Yates shuffle). */
    public static int[] random(SelectionProblem p, int k, long seed) {
        checkK(p, k);
        int n = p.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] out = Arrays.copyOf(order, k);
        Arrays.sort(out);
        return out;
    }

    /**
     * Greedy on E: k times, the candidate whose addition raises E least (-alpha k r_i plus (1 - alpha)
     * times its redundancy with those already chosen).
     */
    public static int[] greedy(SelectionProblem p, int k) {
        checkK(p, k);
        int n = p.size();
        double[] field = new double[n], row = new double[n];
        boolean[] in = new boolean[n];
        int[] out = new int[k];
        double a = p.alpha();
        for (int t = 0; t < k; t++) {
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!in[i]) {
                    double cost = -a * k * p.relevance(i) + (1 - a) * field[i];
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = i;
                    }
                }
            }
            in[best] = true;
            out[t] = best;
            p.redundancyRow(best, row);
            for (int i = 0; i < n; i++) {
                field[i] += row[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * k-center greedy (farthest first) on the cosine distance 1 - cos(e_i, e_j): the most relevant
     * candidate first, then each time the one farthest from its nearest chosen candidate.
     */
    public static int[] kCenter(SelectionProblem p, int k) {
        checkK(p, k);
        int n = p.size();
        int first = 0;
        for (int i = 1; i < n; i++) {
            if (p.relevance(i) > p.relevance(first)) {
                first = i;
            }
        }
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] in = new boolean[n];
        int[] out = new int[k];
        int next = first;
        for (int t = 0; t < k; t++) {
            in[next] = true;
            out[t] = next;
            int c = next;
            next = -1;
            double far = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (!in[i]) {
                    nearest[i] = Math.min(nearest[i], 1 - p.cosine(c, i));
                    if (nearest[i] > far) {
                        far = nearest[i];
                        next = i;
                    }
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Facility location: greedily maximizes F(S) = sum_j max_{i in S} sim(i, j) with sim = the
     * problem's redundancy s (1 on the diagonal), each candidate's gain recomputed only when it tops
     * the queue (lazy greedy: F is submodular, so a stale gain bounds the true one; the result is
     * plain greedy's, ties to the lowest index).
     */
    public static int[] facility(SelectionProblem p, int k) {
        checkK(p, k);
        int n = p.size();
        double[] cover = new double[n], row = new double[n];
        // (gain, index, the round it was computed in), largest gain first, then lowest index
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0])
                : Double.compare(x[1], y[1]));
        for (int i = 0; i < n; i++) {
            queue.add(new double[] {gain(p, i, cover, row), i, 0});
        }
        int[] out = new int[k];
        for (int t = 0; t < k; t++) {
            while (true) {
                double[] top = queue.poll();
                int i = (int) top[1];
                if (top[2] != t) {
                    top[0] = gain(p, i, cover, row);
                    top[2] = t;
                    queue.add(top);
                    continue;
                }
                out[t] = i;
                p.redundancyRow(i, row);
                row[i] = 1;
                for (int j = 0; j < n; j++) {
                    cover[j] = Math.max(cover[j], row[j]);
                }
                break;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static double gain(SelectionProblem p, int i, double[] cover, double[] row) {
        p.redundancyRow(i, row);
        row[i] = 1;
        double g = 0;
        for (int j = 0; j < row.length; j++) {
            g += Math.max(0, row[j] - cover[j]);
        }
        return g;
    }

    /** The number of k-subsets of n, saturating at Long.MAX_VALUE. */
    public static long subsets(int n, int k) {
        double c = 1;
        long exact = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
            if (c > 1e18) {
                return Long.MAX_VALUE;
            }
            exact = exact * (n - k + i) / i;
        }
        return exact;
    }

    /**
     * The exact optimum: every k-subset in order of its bit mask (Gosper's hack), the lowest E
     * kept (the first of equal ones). Up to {@link #BRUTE_FORCE_LIMIT} subsets of at most 62 candidates.
     */
    public static int[] bruteForce(SelectionProblem p, int k) {
        checkK(p, k);
        int n = p.size();
        long count = subsets(n, k);
        if (n > 62 || count > BRUTE_FORCE_LIMIT) {
            throw new IllegalArgumentException("brute force over " + (count == Long.MAX_VALUE ? "too many"
                    : String.format("%,d", count)) + " subsets of " + n + " candidates is beyond "
                    + String.format("%,d", BRUTE_FORCE_LIMIT));
        }
        return bruteForce(p.qubo(k), k);
    }

    /** The exact optimum of a QUBO over its k-subsets (the first of equal ones in mask order). */
    public static int[] bruteForce(SelectionProblem.Qubo q, int k) {
        int n = q.linear().length;
        long count = subsets(n, k);
        if (k < 1 || k > n || n > 62 || count > BRUTE_FORCE_LIMIT) {
            throw new IllegalArgumentException("brute force over k = " + k + " of " + n + " variables ("
                    + (count == Long.MAX_VALUE ? "too many" : String.format("%,d", count)) + " subsets) is outside 1.."
                    + n + " or beyond " + String.format("%,d", BRUTE_FORCE_LIMIT));
        }
        long mask = (1L << k) - 1, best = mask, limit = 1L << n;
        double bestE = Double.POSITIVE_INFINITY;
        while (mask < limit && mask > 0) {
            double e = q.value(mask);
            if (e < bestE) {
                bestE = e;
                best = mask;
            }
            long c = mask & -mask, r = mask + c;
            mask = (((r ^ mask) >>> 2) / c) | r;
        }
        return bits(best, n);
    }

    /** The indices of the set bits of {@code mask}, ascending. */
    static int[] bits(long mask, int n) {
        int[] out = new int[Long.bitCount(mask)];
        for (int i = 0, m = 0; i < n; i++) {
            if ((mask >>> i & 1) != 0) {
                out[m++] = i;
            }
        }
        return out;
    }
}
