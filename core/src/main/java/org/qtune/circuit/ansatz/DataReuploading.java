package org.qtune.circuit.ansatz;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;

/**
 * Data re-uploading ansatzes for quantum layers: every layer starts by encoding the n inputs
 * {@code x0 .. x{n-1}} ({@link #inputs}) as RY(x_q) on qubit q, then applies trainable gates whose
 * parameters are the layer's weights. A quantum layer ({@code org.qtune.qnn.QuantumLayer}) binds the
 * inputs per batch member and shares the weights. Parameters appear in gate order.
 */
public final class DataReuploading {
    private DataReuploading() {
    }

    /** The input parameter names {@code x0 .. x{n-1}}, one per qubit. */
    public static List<String> inputs(int n) {
        List<String> in = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            in.add("x" + q);
        }
        return in;
    }

    /**
     * The QTHA angle-encoding ansatz on n qubits: per layer l, RY(x_q) on every qubit, a ring of
     * CRZ({@code ring<l>_<q>}) (control q, target q+1 mod n), RY({@code theta<l>_<q>}) on every qubit,
     * the ring reversed (CRZ({@code back<l>_<q>}), control q+1 mod n, target q, q descending), and
     * RY({@code phi<l>_<q>}) on every qubit; the rings are left out on one qubit. 4n weights per layer.
     */
    public static Circuit qtha(int n, int layers) {
        return qtha(n, layers, true);
    }

    /**
     * {@link #qtha(int, int)} with the two CRZ rings left out when {@code entangle} is false: QTHA's
     * "no entanglement" ablation, n independent qubits with 2n weights per layer.
     */
    public static Circuit qtha(int n, int layers, boolean entangle) {
        check(n, layers);
        Circuit.Builder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            encode(b, n);
            for (int q = 0; q < n && n > 1 && entangle; q++) {
                b.add(Gate.CRZ, Parameter.of("ring" + l + "_" + q), q, (q + 1) % n);
            }
            rotations(b, n, Gate.RY, "theta" + l + "_");
            for (int q = n - 1; q >= 0 && n > 1 && entangle; q--) {
                b.add(Gate.CRZ, Parameter.of("back" + l + "_" + q), (q + 1) % n, q);
            }
            rotations(b, n, Gate.RY, "phi" + l + "_");
        }
        return b.build();
    }

    /**
     * A hardware-efficient ansatz with data re-uploading on n qubits: per layer l, RY(x_q) on every
     * qubit, RY({@code ry<l>_<q>}) on every qubit, RZ({@code rz<l>_<q>}) on every qubit, and a CZ
     * ring (q, q+1 mod n; on two qubits the one pair (0, 1), on one qubit none). 2n weights per layer.
     * Unlike {@link HardwareEfficient}, whose parameters are {@code theta[k]}, the weights are named
     * by layer and qubit.
     */
    public static Circuit hardwareEfficient(int n, int layers) {
        check(n, layers);
        Circuit.Builder b = Circuit.builder(n);
        for (int l = 0; l < layers; l++) {
            encode(b, n);
            rotations(b, n, Gate.RY, "ry" + l + "_");
            rotations(b, n, Gate.RZ, "rz" + l + "_");
            for (int q = 0; q < n && n > 1; q++) {
                if (n > 2 || q == 0) {
                    b.add(Gate.CZ, q, (q + 1) % n);
                }
            }
        }
        return b.build();
    }

    private static void check(int n, int layers) {
        if (n < 1 || layers < 1) {
            throw new IllegalArgumentException("a layer needs >= 1 qubit and >= 1 layer");
        }
    }

    private static void encode(Circuit.Builder b, int n) {
        for (int q = 0; q < n; q++) {
            b.add(Gate.RY, Parameter.of("x" + q), q);
        }
    }

    private static void rotations(Circuit.Builder b, int n, Gate g, String prefix) {
        for (int q = 0; q < n; q++) {
            b.add(g, Parameter.of(prefix + q), q);
        }
    }
}
