package org.qtune.select;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulated annealing on a whole {@link SelectionProblem}, one seeded restart per call. A move swaps
 * one chosen candidate for one not chosen, so every state has exactly k; its change of E is
 * -alpha k (r_b - r_a) + (1 - alpha) (f_b - s_ab - f_a), with f_i the redundancy of i with the chosen
 * set, kept for every candidate and updated from two redundancy rows when a move is accepted
 * (Metropolis rule). The temperature falls geometrically from T0 (the mean |dE| of 200 random
 * moves from the start, so that about half the uphill moves pass at first) to T0 / 1000 over
 * {@code sweeps} x N proposals. The start is a seeded random set; the best state seen is returned.
 */
public final class Annealing {
    /** Default sweeps (N proposals each). */
    public static final int DEFAULT_SWEEPS = 200;

    private Annealing() {
    }

    /** One restart: k indices, ascending. */
    public static int[] solve(SelectionProblem p, int k, long seed, int sweeps) {
        Selectors.checkK(p, k);
        if (sweeps < 1) {
            throw new IllegalArgumentException("sweeps must be >= 1, got " + sweeps);
        }
        int n = p.size();
        if (k == n) {
            return Selectors.random(p, k, seed);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] chosen = Selectors.random(p, k, rnd.nextLong());
        boolean[] in = new boolean[n];
        int[] out = new int[n - k];
        for (int m = 0; m < k; m++) {
            in[chosen[m]] = true;
        }
        for (int i = 0, m = 0; i < n; i++) {
            if (!in[i]) {
                out[m++] = i;
            }
        }
        double[] field = new double[n], row = new double[n];
        for (int c : chosen) {
            p.redundancyRow(c, row);
            for (int i = 0; i < n; i++) {
                field[i] += row[i];
            }
        }
        double a = p.alpha(), w = a * k, v = 1 - a;
        double t0 = 0;
        for (int s = 0; s < 200; s++) {
            int x = chosen[rnd.nextInt(k)], y = out[rnd.nextInt(n - k)];
            t0 += Math.abs(-w * (p.relevance(y) - p.relevance(x)) + v * (field[y] - p.redundancy(x, y) - field[x]));
        }
        t0 = t0 / 200;
        if (!(t0 > 0)) {
            t0 = 1e-12;
        }
        long proposals = (long) sweeps * n;
        double cooling = Math.pow(1e-3, 1.0 / Math.max(1, proposals - 1)), t = t0;
        double energy = p.energy(chosen), bestEnergy = energy;
        int[] best = chosen.clone();
        double[] rowOut = new double[n];
        for (long step = 0; step < proposals; step++, t *= cooling) {
            int ma = rnd.nextInt(k), mb = rnd.nextInt(n - k);
            int x = chosen[ma], y = out[mb];
            double sxy = p.redundancy(x, y);
            double de = -w * (p.relevance(y) - p.relevance(x)) + v * (field[y] - sxy - field[x]);
            if (de <= 0 || rnd.nextDouble() < Math.exp(-de / t)) {
                p.redundancyRow(x, rowOut);
                p.redundancyRow(y, row);
                for (int i = 0; i < n; i++) {
                    field[i] += row[i] - rowOut[i];
                }
                chosen[ma] = y;
                out[mb] = x;
                energy += de;
                if (energy < bestEnergy - 1e-12 * Math.abs(bestEnergy)) {
                    bestEnergy = energy;
                    best = chosen.clone();
                }
            }
        }
        Arrays.sort(best);
        return best;
    }
}
