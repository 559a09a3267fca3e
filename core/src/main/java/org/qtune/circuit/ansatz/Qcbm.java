package org.qtune.circuit.ansatz;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;

/**
 * The quantum circuit Born machine of the yardstiq quantum-benchmarks suite (the circuit its QCBM
 * benchmark times): a first layer RX RZ on every qubit, 8 layers RZ RX RZ on every qubit, and a last
 * layer RZ RX on every qubit, with a CNOT ring (q, q+1 mod n, q ascending) between consecutive
 * layers; 37n gates on n >= 2 qubits. One parameter per rotation, {@code t0, t1, ...} in gate order.
 */
public final class Qcbm {
    private Qcbm() {
    }

    public static Circuit yardstiq(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("the QCBM needs at least 2 qubits, got " + n);
        }
        Circuit.Builder b = Circuit.builder(n);
        int[] p = {0};
        for (int q = 0; q < n; q++) {
            b.add(Gate.RX, Parameter.of("t" + p[0]++), q).add(Gate.RZ, Parameter.of("t" + p[0]++), q);
        }
        for (int layer = 1; layer < 9; layer++) {
            ring(b, n);
            for (int q = 0; q < n; q++) {
                b.add(Gate.RZ, Parameter.of("t" + p[0]++), q).add(Gate.RX, Parameter.of("t" + p[0]++), q)
                        .add(Gate.RZ, Parameter.of("t" + p[0]++), q);
            }
        }
        ring(b, n);
        for (int q = 0; q < n; q++) {
            b.add(Gate.RZ, Parameter.of("t" + p[0]++), q).add(Gate.RX, Parameter.of("t" + p[0]++), q);
        }
        return b.build();
    }

    private static void ring(Circuit.Builder b, int n) {
        for (int q = 0; q < n; q++) {
            b.add(Gate.CX, q, (q + 1) % n);
        }
    }
}
