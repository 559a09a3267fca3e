package org.qtune.circuit.ansatz;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;

/**
 * The strongly entangling layers ansatz (Schuld et al., 2020): in layer l, a general rotation
 * RZ(a) RY(b) RZ(c) on every qubit, then CX(q, (q + r) mod n) for every q, with range
 * r = (l mod (n - 1)) + 1 so that successive layers couple ever more distant qubits. Parameters are
 * {@code w[l][q][0..2]} in gate order.
 */
public final class StronglyEntangling {
    private StronglyEntangling() {
    }

    /** The gates {@link #build} makes, known without building (to check a circuit's size first). */
    public static long gateCount(int numQubits, int layers) {
        return (long) layers * (3L * numQubits + (numQubits > 1 ? numQubits : 0));
    }

    public static Circuit build(int numQubits, int layers) {
        if (numQubits < 1 || layers < 1) {
            throw new IllegalArgumentException("need at least one qubit and one layer");
        }
        Circuit.Builder b = Circuit.builder(numQubits);
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < numQubits; q++) {
                b.add(Gate.RZ, Parameter.of("w[" + l + "][" + q + "][0]"), q);
                b.add(Gate.RY, Parameter.of("w[" + l + "][" + q + "][1]"), q);
                b.add(Gate.RZ, Parameter.of("w[" + l + "][" + q + "][2]"), q);
            }
            if (numQubits > 1) {
                int r = l % (numQubits - 1) + 1;
                for (int q = 0; q < numQubits; q++) {
                    b.add(Gate.CX, q, (q + r) % numQubits);
                }
            }
        }
        return b.build();
    }
}
