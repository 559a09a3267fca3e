package org.qtune.spark.testing;

import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.ParameterExpression;

/** Seeded random circuits over the whole gate set, for versus-local tests. */
public final class RandomCircuits {
    private RandomCircuits() {
    }

    /** Numeric angles. */
    public static Circuit of(int n, int gates, long seed) {
        return build(n, gates, seed, false);
    }

    /** Every angle an affine expression a*t_k + b of one of 12 shared symbolic parameters t0..t11. */
    public static Circuit parametrized(int n, int gates, long seed) {
        return build(n, gates, seed, true);
    }

    private static Circuit build(int n, int gates, long seed, boolean symbolic) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Circuit.Builder b = Circuit.builder(n);
        Gate[] all = Gate.values();
        int made = 0;
        while (made < gates) {
            Gate g = all[rnd.nextInt(all.length)];
            int k = g.arity() > 0 ? g.arity() : 1 + rnd.nextInt(Math.min(n, 4));
            if (k > n) {
                continue;
            }
            int[] qubits = rnd.ints(0, n).distinct().limit(k).toArray();
            ParameterExpression[] ps = new ParameterExpression[g.numParams()];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = symbolic
                        ? ParameterExpression.affine(rnd.nextDouble(-2, 2),
                                org.qtune.circuit.Parameter.of("t" + rnd.nextInt(12)), rnd.nextDouble(-1, 1))
                        : ParameterExpression.constant(rnd.nextDouble(-Math.PI, Math.PI));
            }
            b.add(g, ps, qubits);
            made++;
        }
        return b.build();
    }
}
