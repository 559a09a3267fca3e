package org.qtune.sim;

import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * Estimates {@code <H>} the way hardware would: {@code shots} samples per term, each term measured in
 * its own basis (H on X qubits, S-dagger then H on Y qubits) and scored by the parity of its support.
 * The identity term is exact. The same random stream gives the same estimate.
 */
public final class ShotEstimator {
    private ShotEstimator() {
    }

    /** The estimate of {@code <h>} in {@code s}; {@code s} is not changed (each basis rotation runs on a copy). */
    public static double estimate(Simulator simulator, StateVector s, PauliSum h, int shots, SplittableRandom rng) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be >= 1, got " + shots);
        }
        double e = 0;
        for (PauliSum.Term t : h.terms()) {
            PauliString p = t.pauli();
            if (p.support() == 0) {
                e += t.coefficient();
                continue;
            }
            Circuit.Builder rot = p.appendBasisChange(Circuit.builder(s.numQubits()), s.numQubits());
            StateVector m = s.copy();
            simulator.apply(rot.build(), new double[0], m);
            long support = p.support();
            double sum = 0;
            for (var entry : Measurements.sample(m, shots, rng.nextLong()).entrySet()) {
                int parity = Long.bitCount(entry.getKey() & support) & 1;
                sum += parity == 0 ? entry.getValue() : -entry.getValue();
            }
            e += t.coefficient() * sum / shots;
        }
        return e;
    }
}
