package org.qtune.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Selection problems too large for one QAOA circuit, cut into blocks that fit: the candidates are
 * clustered by k-means on their unit embeddings (k-means++ seeding, Lloyd's iterations), clusters
 * larger than a block are cut into near-equal consecutive parts, and each block gets a quota of the
 * k proportional to its size ({@link #quotas}). Each block is solved on its own (blocks are
 * independent, so a Spark job can solve them at once), the answers joined, and then refined as
 * qbsolv does: a sub-problem of the worst chosen candidates and the best candidates not chosen
 * (by their energy impact: what adding or removing each would change), the rest of the choice
 * clamped into its linear terms, solved with the same solver, and kept when E falls. A round that
 * does not improve is followed by one on a seeded random sub-problem; the refinement stops after
 * {@code rounds} rounds or three rounds in a row without a gain.
 */
public final class Decomposition {
    /** Default block size (qubits of one QAOA circuit). */
    public static final int DEFAULT_BLOCK = 12;
    /** Lloyd's iterations at most. */
    static final int KMEANS_ITERATIONS = 50;

    /** Chooses k of a QUBO's variables (indices ascending). */
    public interface BlockSolver {
        int[] solve(SelectionProblem.Qubo q, int k, long seed);
    }

    /** A block: its candidates (ascending) and how many of them to choose. */
    public record Block(int[] members, int quota) {
    }

    private Decomposition() {
    }

    /**
     * k split in proportion to {@code sizes} by largest remainders: each part gets floor(k s / N), and
     * the parts with the largest fractions one more (ties to the first part) until they add up to k.
     */
    public static int[] quotas(int[] sizes, int k) {
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("a part of negative size " + s);
            }
            total += s;
        }
        if (k < 0 || k > total) {
            throw new IllegalArgumentException("k must be in 0.." + total + ", got " + k);
        }
        int[] q = new int[sizes.length];
        long given = 0;
        long[] remainder = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            long share = (long) k * sizes[i];
            q[i] = (int) (share / total);
            remainder[i] = share % total;
            given += q[i];
        }
        Integer[] order = IntStream.range(0, sizes.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -remainder[i]).thenComparingInt(i -> i));
        for (int t = 0; given < k; t++) {
            int i = order[t];
            if (q[i] < sizes[i]) {
                q[i]++;
                given++;
            }
        }
        return q;
    }

    /** The blocks of at most {@code blockSize} candidates, with their quotas of k; in order of first member. */
    public static List<Block> blocks(SelectionProblem p, int k, int blockSize, long seed) {
        Selectors.checkK(p, k);
        if (blockSize < 2) {
            throw new IllegalArgumentException("the block size must be >= 2, got " + blockSize);
        }
        int n = p.size();
        int clusters = (n + blockSize - 1) / blockSize;
        int[] label = kMeans(p, clusters, seed);
        List<int[]> parts = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            int cc = c;
            int[] members = IntStream.range(0, n).filter(i -> label[i] == cc).toArray();
            int pieces = (members.length + blockSize - 1) / blockSize;
            for (int piece = 0; piece < pieces; piece++) {
                int from = (int) ((long) piece * members.length / pieces), to = (int) ((long) (piece + 1) * members.length / pieces);
                parts.add(Arrays.copyOfRange(members, from, to));
            }
        }
        parts.sort(Comparator.comparingInt(m -> m[0]));
        int[] sizes = parts.stream().mapToInt(m -> m.length).toArray();
        int[] q = quotas(sizes, k);
        List<Block> out = new ArrayList<>();
        for (int b = 0; b < parts.size(); b++) {
            out.add(new Block(parts.get(b), q[b]));
        }
        return out;
    }

    /** Each candidate's cluster (0..m-1) by k-means on the unit embeddings; no cluster is left empty. */
    static int[] kMeans(SelectionProblem p, int m, long seed) {
        int n = p.size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = p.embedding(i);
        }
        int dim = x[0].length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centre = new double[m][];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        centre[0] = x[rnd.nextInt(n)].clone();
        for (int c = 1; c < m; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(x[i], centre[c - 1]));
                total += nearest[i];
            }
            int pick = n - 1;
            double u = rnd.nextDouble() * total;
            for (int i = 0; i < n; i++) {
                u -= nearest[i];
                if (u < 0 && nearest[i] > 0) {
                    pick = i;
                    break;
                }
            }
            centre[c] = x[pick].clone();
        }
        int[] label = new int[n];
        Arrays.fill(label, -1);
        for (int it = 0; it < KMEANS_ITERATIONS; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = distance(x[i], centre[0]);
                for (int c = 1; c < m; c++) {
                    double d = distance(x[i], centre[c]);
                    if (d < bd) {
                        bd = d;
                        best = c;
                    }
                }
                if (label[i] != best) {
                    label[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[m][dim];
            int[] count = new int[m];
            for (int i = 0; i < n; i++) {
                count[label[i]]++;
                for (int d = 0; d < dim; d++) {
                    sum[label[i]][d] += x[i][d];
                }
            }
            for (int c = 0; c < m; c++) {
                if (count[c] > 0) {
                    for (int d = 0; d < dim; d++) {
                        centre[c][d] = sum[c][d] / count[c];
                    }
                }
            }
        }
        // a cluster left empty takes the candidate farthest from its own centre (from a cluster of two or more)
        int[] count = new int[m];
        for (int l : label) {
            count[l]++;
        }
        for (int c = 0; c < m; c++) {
            if (count[c] == 0) {
                int far = -1;
                double fd = -1;
                for (int i = 0; i < n; i++) {
                    double d = distance(x[i], centre[label[i]]);
                    if (count[label[i]] > 1 && d > fd) {
                        fd = d;
                        far = i;
                    }
                }
                count[label[far]]--;
                label[far] = c;
                count[c] = 1;
            }
        }
        return label;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }

    /** The blocks' answers (indices into each block's members) as one choice, ascending. */
    public static int[] join(List<Block> blocks, List<int[]> answers) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            int[] a = answers.get(b);
            if (a.length != blocks.get(b).quota()) {
                throw new IllegalStateException("block " + b + ": " + a.length + " chosen, quota " + blocks.get(b).quota());
            }
            for (int i : a) {
                out.add(blocks.get(b).members()[i]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The QUBO of one block: its members, k of the whole problem, nothing clamped. */
    public static SelectionProblem.Qubo blockQubo(SelectionProblem p, int k, Block b) {
        return p.qubo(b.members(), k, null);
    }

    /**
     * qbsolv-style refinement of {@code chosen} (k candidates): returns a choice of k whose E is no
     * higher, after at most {@code rounds} sub-problems of up to {@code blockSize} candidates.
     */
    public static int[] refine(SelectionProblem p, int k, int[] chosen, BlockSolver solver, int blockSize, int rounds,
                               long seed) {
        int n = p.size();
        int[] current = p.checkedSorted(chosen);
        if (current.length != k) {
            throw new IllegalArgumentException(current.length + " chosen, not k = " + k);
        }
        int half = Math.min(blockSize / 2, Math.min(k, n - k));
        if (half < 1) {
            return current;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double a = p.alpha();
        int failures = 0;
        boolean random = false;
        for (int round = 0; round < rounds && failures < 3; round++) {
            boolean[] in = new boolean[n];
            for (int c : current) {
                in[c] = true;
            }
            double[] field = new double[n], row = new double[n];
            for (int c : current) {
                p.redundancyRow(c, row);
                for (int i = 0; i < n; i++) {
                    field[i] += row[i];
                }
            }
            // energy impact: what choosing i adds to E (for a chosen one: what removing it saves)
            double[] impact = new double[n];
            for (int i = 0; i < n; i++) {
                impact[i] = -a * k * p.relevance(i) + (1 - a) * field[i];
            }
            int[] inside = IntStream.range(0, n).filter(i -> in[i]).toArray();
            int[] outside = IntStream.range(0, n).filter(i -> !in[i]).toArray();
            int[] drop, add;
            if (random) {
                drop = sample(inside, half, rnd);
                add = sample(outside, half, rnd);
            } else {
                drop = Arrays.stream(inside).boxed().sorted(Comparator.<Integer>comparingDouble(i -> -impact[i])
                        .thenComparingInt(i -> i)).limit(half).mapToInt(Integer::intValue).toArray();
                add = Arrays.stream(outside).boxed().sorted(Comparator.<Integer>comparingDouble(i -> impact[i])
                        .thenComparingInt(i -> i)).limit(half).mapToInt(Integer::intValue).toArray();
            }
            int[] members = IntStream.concat(Arrays.stream(drop), Arrays.stream(add)).sorted().toArray();
            boolean[] sub = new boolean[n];
            for (int i : members) {
                sub[i] = true;
            }
            int[] clamped = Arrays.stream(current).filter(i -> !sub[i]).toArray();
            SelectionProblem.Qubo q = p.qubo(members, k, clamped);
            long now = 0;
            for (int m = 0; m < members.length; m++) {
                if (in[members[m]]) {
                    now |= 1L << m;
                }
            }
            int[] answer = solver.solve(q, half, rnd.nextLong());
            long next = 0;
            for (int m : answer) {
                next |= 1L << m;
            }
            if (answer.length == half && q.value(next) < q.value(now) - 1e-12 * Math.max(1, Math.abs(q.value(now)))) {
                int[] merged = new int[k];
                System.arraycopy(clamped, 0, merged, 0, clamped.length);
                for (int t = 0; t < answer.length; t++) {
                    merged[clamped.length + t] = members[answer[t]];
                }
                Arrays.sort(merged);
                current = merged;
                failures = 0;
                random = false;
            } else {
                failures++;
                random = true;
            }
        }
        return current;
    }

    private static int[] sample(int[] from, int count, SplittableRandom rnd) {
        int[] a = from.clone();
        for (int i = 0; i < count; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, count);
    }
}
