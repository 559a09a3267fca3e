package org.qtune.select;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.sim.TopProbabilities;

/**
 * QAOA for a {@link SelectionProblem} of up to {@link #MAX_QUBITS} candidates (one qubit each, |1>
 * = chosen), on the state-vector simulator. Two ways to keep the count at k:
 * <ul>
 * <li>{@link Mixer#XY}: start in the Dicke state D(n, k) (the even superposition of every k-subset,
 * prepared by the gates of Baertschi and Eidenbenz, "Deterministic preparation of Dicke states",
 * 2019) and mix with the XY ring: exp(-i beta (X_i X_{i+1} + Y_i Y_{i+1}) / 2) = RXX(beta) RYY(beta)
 * on each neighbouring pair of the ring, which preserves the number of ones, so every state reached
 * has exactly k.</li>
 * <li>{@link Mixer#PENALTY}: start in |+>^n, mix with RX(2 beta) on every qubit, and add lambda
 * (sum x - k)^2 to E with lambda = {@link #penaltyWeight}: 1.01 times the largest change of E that
 * adding or removing one candidate can make, so that every state with the wrong count costs more
 * than a state with the right count reached from it one candidate at a time.</li>
 * </ul>
 * The cost layer is exp(-i gamma H) for the Ising form of the (scaled) QUBO: RZ and RZZ gates.
 * The angles (gamma_l, beta_l for l = 1..p) are found by L-BFGS with adjoint gradients of the
 * expected energy from seeded random starts; the answer is the lowest-E k-subset among the
 * {@code readout} most probable basis states of the best start's state (as many shots would find
 * them). When none of them has k ones (penalty mixer only), the most probable state is repaired:
 * candidates added or removed one at a time, each the one that changes E least.
 */
public final class QuboQaoa {
    /** Largest problem simulated (2^24 amplitudes, 256 MiB per state). */
    public static final int MAX_QUBITS = 24;

    /** How the number of chosen candidates is kept at k. */
    public enum Mixer {
        XY, PENALTY
    }

    /**
     * The answer and how it was found: the chosen indices (ascending) and their E, the expected
     * (scaled back) energy of the optimized state, the probability it gives to k-subsets, the
     * probability of the chosen subset, the optimized angles, L-BFGS steps over all starts, and
     * whether the answer had to be repaired.
     */
    public record Result(int[] chosen, double energy, double expectedEnergy, double feasibleProbability,
                         double chosenProbability, double[] angles, int iterations, boolean repaired) {
    }

    /** Settings: depth p, starts, L-BFGS steps per start, readout states. */
    public record Settings(Mixer mixer, int depth, int starts, int iterations, int readout) {
        public Settings {
            if (mixer == null) {
                throw new IllegalArgumentException("the mixer is missing (xy or penalty)");
            }
            if (depth < 1 || depth > 50) {
                throw new IllegalArgumentException("QAOA depth must be in 1..50, got " + depth);
            }
            if (starts < 1 || starts > 1000) {
                throw new IllegalArgumentException("QAOA starts must be in 1..1000, got " + starts);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("QAOA iterations must be >= 1, got " + iterations);
            }
            if (readout < 1 || readout > 1 << 16) {
                throw new IllegalArgumentException("readout states must be in 1..65536, got " + readout);
            }
        }

        /** XY mixer, p = 3, 4 starts, 100 L-BFGS steps each, the best of the 64 most probable states. */
        public static Settings defaults() {
            return new Settings(Mixer.XY, 3, 4, 100, 64);
        }
    }

    private QuboQaoa() {
    }

    /**
     * lambda of the penalty: 1.01 max_i (|h_i| + sum_j |J_ij|) of E's QUBO for this k. Why it is
     * enough: from a state with m != k ones, adding or removing |m - k| candidates reaches a
     * k-subset and changes E by at most |m - k| times that maximum, less than the penalty
     * lambda (m - k)^2 it sheds.
     */
    public static double penaltyWeight(SelectionProblem.Qubo q) {
        int n = q.linear().length;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double s = Math.abs(q.linear()[i]);
            for (int j = 0; j < n; j++) {
                s += Math.abs(i < j ? q.pair()[i][j] : q.pair()[j][i]);
            }
            max = Math.max(max, s);
        }
        return 1.01 * max;
    }

    /** Solves for k of the problem's candidates; the result's energy is E of the chosen set. */
    public static Result solve(SelectionProblem p, int k, Settings s, long seed, Simulator sim) {
        Selectors.checkK(p, k);
        Result r = solve(p.qubo(k), k, s, seed, sim);
        return new Result(r.chosen(), p.energy(r.chosen()), r.expectedEnergy(), r.feasibleProbability(),
                r.chosenProbability(), r.angles(), r.iterations(), r.repaired());
    }

    /** Solves for k of a QUBO's variables; the result's energy is the QUBO's value at the chosen set. */
    public static Result solve(SelectionProblem.Qubo q, int k, Settings s, long seed, Simulator sim) {
        int n = q.linear().length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + " (the candidates), got " + k);
        }
        if (n > MAX_QUBITS) {
            throw new IllegalArgumentException("QAOA simulates up to " + MAX_QUBITS + " candidates at once, got " + n
                    + " (larger problems are cut into blocks)");
        }
        Program program = circuitFor(q, k, s);
        Circuit circuit = program.circuit();
        PauliSum cost = program.cost();
        double scale = program.scale();
        MultiStart.Best found = MultiStart.minimize(sim, circuit, cost, s.starts(), s.iterations(), seed, null);
        OptimizationResult best = found.result();
        int iterations = found.iterations();
        StateVector state = sim.run(circuit, best.x());
        double[] probabilities = Measurements.probabilities(state);
        double feasible = 0;
        for (int x = 0; x < probabilities.length; x++) {
            if (Integer.bitCount(x) == k) {
                feasible += probabilities[x];
            }
        }
        long chosenMask = -1;
        double chosenEnergy = Double.POSITIVE_INFINITY;
        for (TopProbabilities.Outcome o : TopProbabilities.of(state, Math.min(s.readout(), probabilities.length))) {
            if (Long.bitCount(o.index()) == k) {
                double e = q.value(o.index());
                if (e < chosenEnergy) {
                    chosenEnergy = e;
                    chosenMask = o.index();
                }
            }
        }
        boolean repaired = chosenMask < 0;
        int[] chosen = repaired ? repair(q, k, TopProbabilities.of(state, 1).get(0).index())
                : Selectors.bits(chosenMask, n);
        long mask = 0;
        for (int c : chosen) {
            mask |= 1L << c;
        }
        return new Result(chosen, q.value(mask), best.value() * scale, feasible, probabilities[(int) mask],
                best.x(), iterations, repaired);
    }

    /** The QAOA circuit for k of a QUBO's variables, the cost it minimizes (E scaled by 1 / scale, penalty included). */
    public record Program(Circuit circuit, PauliSum cost, double scale) {
    }

    /** The circuit and cost observable {@link #solve} optimizes. */
    public static Program circuitFor(SelectionProblem.Qubo q, int k, Settings s) {
        int n = q.linear().length;
        double[] h = q.linear().clone();
        double[][] pair = new double[n][];
        for (int i = 0; i < n; i++) {
            pair[i] = q.pair()[i].clone();
        }
        double constant = 0;
        if (s.mixer() == Mixer.PENALTY) {
            double lambda = penaltyWeight(q);
            for (int i = 0; i < n; i++) {
                h[i] += lambda * (1 - 2.0 * k);
                for (int j = i + 1; j < n; j++) {
                    pair[i][j] += 2 * lambda;
                }
            }
            constant = lambda * k * (double) k;
        }
        Ising ising = Ising.of(h, pair, constant);
        double scale = ising.largestCoefficient() > 0 ? ising.largestCoefficient() : 1;
        return new Program(circuit(n, k, s, ising, scale), ising.scaled(1 / scale), scale);
    }

    /** From the bits of {@code mask}, variables added or removed one at a time (least change of the QUBO) to k. */
    static int[] repair(SelectionProblem.Qubo q, int k, long mask) {
        int n = q.linear().length;
        long m = mask;
        while (Long.bitCount(m) != k) {
            boolean add = Long.bitCount(m) < k;
            int best = -1;
            double bestChange = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (((m >>> i & 1) != 0) != add) {
                    double change = q.value(m ^ 1L << i) - q.value(m);
                    if (change < bestChange) {
                        bestChange = change;
                        best = i;
                    }
                }
            }
            m ^= 1L << best;
        }
        return Selectors.bits(m, n);
    }

    /** The QAOA circuit: state preparation, then p layers of cost and mixer. */
    static Circuit circuit(int n, int k, Settings s, Ising ising, double scale) {
        Circuit.Builder b = Circuit.builder(n);
        if (s.mixer() == Mixer.XY) {
            dicke(b, n, k);
        } else {
            for (int q = 0; q < n; q++) {
                b.add(Gate.H, q);
            }
        }
        for (int l = 0; l < s.depth(); l++) {
            Parameter gamma = Parameter.of("gamma[" + l + "]"), beta = Parameter.of("beta[" + l + "]");
            for (int i = 0; i < n; i++) {
                if (ising.z()[i] != 0) {
                    b.add(Gate.RZ, new ParameterExpression[] {ParameterExpression.affine(2 * ising.z()[i] / scale, gamma, 0)}, i);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (ising.zz()[i][j] != 0) {
                        b.add(Gate.RZZ, new ParameterExpression[] {
                            ParameterExpression.affine(2 * ising.zz()[i][j] / scale, gamma, 0)}, i, j);
                    }
                }
            }
            if (s.mixer() == Mixer.XY) {
                ParameterExpression[] angle = {ParameterExpression.of(beta)};
                int pairs = n == 2 ? 1 : n;
                for (int i = 0; i < pairs; i++) {
                    int j = (i + 1) % n;
                    b.add(Gate.RXX, angle, i, j);
                    b.add(Gate.RYY, angle, i, j);
                }
            } else {
                for (int q = 0; q < n; q++) {
                    b.add(Gate.RX, new ParameterExpression[] {ParameterExpression.affine(2, beta, 0)}, q);
                }
            }
        }
        return b.build();
    }

    /**
     * The Dicke state D(n, k) from |0...0>: X on the last k qubits, then the split-and-cyclic-shift
     * blocks SCS(l, k) for l = n..k+1 and SCS(l, l-1) for l = k..2, each on the first l qubits.
     */
    static void dicke(Circuit.Builder b, int n, int k) {
        for (int q = n - k; q < n; q++) {
            b.add(Gate.X, q);
        }
        for (int l = n; l > k; l--) {
            splitAndShift(b, l, k);
        }
        for (int l = k; l >= 2; l--) {
            splitAndShift(b, l, l - 1);
        }
    }

    /** SCS(l, m) on qubits 0..l-1 (the paper's 1..l): one two-qubit block and m - 1 three-qubit blocks. */
    private static void splitAndShift(Circuit.Builder b, int l, int m) {
        int last = l - 1;
        // (i) on (l-2, l-1): |01> -> sqrt(1/l) |01> + sqrt((l-1)/l) |10>
        b.add(Gate.CX, last - 1, last);
        b.add(Gate.CRY, 2 * Math.acos(Math.sqrt(1.0 / l)), last, last - 1);
        b.add(Gate.CX, last - 1, last);
        // (ii)_j on (l-1-j, l-j, l-1), j = 2..m: the same rotation by sqrt(j/l), also controlled by qubit l-j
        for (int j = 2; j <= m; j++) {
            int target = last - j, control = last - j + 1;
            b.add(Gate.CX, target, last);
            controlledControlledRy(b, 2 * Math.acos(Math.sqrt((double) j / l)), last, control, target);
            b.add(Gate.CX, target, last);
        }
    }

    /** RY(theta) on {@code t} when {@code c1} and {@code c2} are both 1, from CRY and CX gates. */
    private static void controlledControlledRy(Circuit.Builder b, double theta, int c1, int c2, int t) {
        b.add(Gate.CRY, theta / 2, c2, t);
        b.add(Gate.CX, c1, c2);
        b.add(Gate.CRY, -theta / 2, c2, t);
        b.add(Gate.CX, c1, c2);
        b.add(Gate.CRY, theta / 2, c1, t);
    }

    /**
     * The Ising form of a QUBO (x_i = (1 - Z_i) / 2): constant + sum_i z_i Z_i + sum_{i<j} zz_ij Z_i Z_j.
     */
    record Ising(double constant, double[] z, double[][] zz) {
        static Ising of(double[] h, double[][] pair, double offset) {
            int n = h.length;
            double c = offset;
            double[] z = new double[n];
            double[][] zz = new double[n][n];
            for (int i = 0; i < n; i++) {
                c += h[i] / 2;
                z[i] -= h[i] / 2;
                for (int j = i + 1; j < n; j++) {
                    double w = pair[i][j];
                    if (w != 0) {
                        c += w / 4;
                        z[i] -= w / 4;
                        z[j] -= w / 4;
                        zz[i][j] = w / 4;
                    }
                }
            }
            return new Ising(c, z, zz);
        }

        double largestCoefficient() {
            double m = 0;
            for (int i = 0; i < z.length; i++) {
                m = Math.max(m, Math.abs(z[i]));
                for (int j = i + 1; j < z.length; j++) {
                    m = Math.max(m, Math.abs(zz[i][j]));
                }
            }
            return m;
        }

        PauliSum scaled(double f) {
            List<PauliSum.Term> terms = new ArrayList<>();
            terms.add(new PauliSum.Term(constant * f, PauliString.IDENTITY));
            for (int i = 0; i < z.length; i++) {
                if (z[i] != 0) {
                    terms.add(new PauliSum.Term(z[i] * f, PauliString.single('Z', i)));
                }
                for (int j = i + 1; j < z.length; j++) {
                    if (zz[i][j] != 0) {
                        terms.add(new PauliSum.Term(zz[i][j] * f, PauliString.single('Z', i).with('Z', j)));
                    }
                }
            }
            return PauliSum.of(terms);
        }
    }
}
