package org.qtune.hamiltonian;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * Decomposes a real symmetric 2^n x 2^n matrix into Pauli strings: c_P = Tr(P H) / 2^n, real for a
 * Hermitian H. For small n only (4^n strings, each traced in 2^n steps).
 */
public final class PauliDecomposition {
    private PauliDecomposition() {
    }

    public static PauliSum decompose(double[][] h, int n, double dropBelow) {
        int dim = 1 << n;
        if (h.length != dim) {
            throw new IllegalArgumentException("matrix is not 2^" + n + " square");
        }
        List<PauliSum.Term> terms = new ArrayList<>();
        for (long x = 0; x < dim; x++) {
            for (long z = 0; z < dim; z++) {
                // Tr(P H) = sum_i <i|P H|i> = sum_i sum_j P_ij H_ji; P|j> = i^nY (-1)^{pc(j & z)} |j ^ x>
                int ny = Long.bitCount(x & z) & 3;
                double re = 0, im = 0;
                for (int j = 0; j < dim; j++) {
                    int i = (int) (j ^ x);
                    double sign = (Long.bitCount(j & z) & 1) == 0 ? 1 : -1;
                    double v = sign * h[j][i];
                    // phase i^ny
                    switch (ny) {
                        case 0 -> re += v;
                        case 1 -> im += v;
                        case 2 -> re -= v;
                        default -> im -= v;
                    }
                }
                double c = re / dim;
                if (Math.abs(im / dim) > 1e-9) {
                    throw new IllegalArgumentException("matrix is not Hermitian: imaginary coefficient for "
                            + new PauliString(x, z));
                }
                if (Math.abs(c) > dropBelow) {
                    terms.add(new PauliSum.Term(c, new PauliString(x, z)));
                }
            }
        }
        return PauliSum.of(terms);
    }
}
