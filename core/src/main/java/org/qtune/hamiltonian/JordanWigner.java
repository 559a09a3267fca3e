package org.qtune.hamiltonian;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * The Jordan-Wigner map of a second-quantized electronic Hamiltonian to qubits, done symbolically on
 * Pauli strings (no 2^n matrices): spin orbital j = 2p + s (spatial orbital p, spin s = 0 up, 1 down)
 * is qubit j, occupied = |1>, and
 * a_j = Z_0 ... Z_(j-1) (X_j + i Y_j) / 2, a+_j = Z_0 ... Z_(j-1) (X_j - i Y_j) / 2.
 * Products of strings carry their phases; the sum is collected per string, and since the operator is
 * Hermitian and real the imaginary parts cancel.
 */
public final class JordanWigner {
    /** Terms smaller than this (hartree) are dropped from the result. */
    public static final double DROP_BELOW = 1e-12;

    private JordanWigner() {
    }

    /**
     * H = constant + sum_(pq,s) h_pq a+_(ps) a_(qs)
     * + (1/2) sum_(pqrs,st) (pq|rs) a+_(ps) a+_(rt) a_(st) a_(qs), as Pauli strings ordered by
     * (x mask, z mask), the identity first.
     */
    public static PauliSum map(OrbitalIntegrals integrals) {
        int modes = 2 * integrals.orbitals();
        if (modes > 63) {
            throw new IllegalArgumentException(modes + " spin orbitals exceed the 63 qubits of a Pauli string");
        }
        Operator[] annihilators = new Operator[modes], creators = new Operator[modes];
        for (int j = 0; j < modes; j++) {
            annihilators[j] = ladder(j, false);
            creators[j] = ladder(j, true);
        }
        Operator h = new Operator();
        h.add(PauliString.IDENTITY, integrals.constant(), 0);
        for (int p = 0; p < modes; p++) {
            for (int q = 0; q < modes; q++) {
                if (p % 2 != q % 2) {
                    continue; // spin is conserved
                }
                double v = integrals.oneBody(p / 2, q / 2);
                if (v != 0) {
                    h.addScaled(creators[p].times(annihilators[q]), v);
                }
            }
        }
        // pairs a+_P a+_R and a_S a_Q, each at most 4 strings, then 16 products per term
        Operator[][] createPair = new Operator[modes][modes], annihilatePair = new Operator[modes][modes];
        for (int p = 0; p < modes; p++) {
            for (int r = 0; r < modes; r++) {
                if (p != r) {
                    createPair[p][r] = creators[p].times(creators[r]);
                    annihilatePair[p][r] = annihilators[p].times(annihilators[r]);
                }
            }
        }
        for (int p = 0; p < modes; p++) {
            for (int q = p % 2; q < modes; q += 2) {
                for (int r = 0; r < modes; r++) {
                    if (r == p) {
                        continue; // a+_P a+_P = 0
                    }
                    for (int s = r % 2; s < modes; s += 2) {
                        if (s == q) {
                            continue; // a_Q a_Q = 0
                        }
                        double v = 0.5 * integrals.twoBody(p / 2, q / 2, r / 2, s / 2);
                        if (v != 0) {
                            h.addScaled(createPair[p][r].times(annihilatePair[s][q]), v);
                        }
                    }
                }
            }
        }
        return h.toHermitian();
    }

    /** a_j (or a+_j when {@code creation}): the Z string on qubits below j, and (X_j +- i Y_j) / 2. */
    static Operator ladder(int j, boolean creation) {
        long below = (1L << j) - 1, bit = 1L << j;
        Operator op = new Operator();
        op.add(new PauliString(bit, below), 0.5, 0);
        op.add(new PauliString(bit, below | bit), 0, creation ? -0.5 : 0.5);
        return op;
    }

    /**
     * The k with a b = i^k (a xor b) for Pauli strings a and b. Writing a string as
     * i^(|x & z|) X^x Z^z (Y = i X Z on each qubit) and moving Z^(z_a) past X^(x_b) (one -1 per shared
     * qubit): k = |x_a & z_a| + |x_b & z_b| + 2 |z_a & x_b| - |x & z| (mod 4), x, z those of the product.
     */
    static int phaseExponent(PauliString a, PauliString b) {
        long x = a.xMask() ^ b.xMask(), z = a.zMask() ^ b.zMask();
        int k = Long.bitCount(a.xMask() & a.zMask()) + Long.bitCount(b.xMask() & b.zMask())
                + 2 * Long.bitCount(a.zMask() & b.xMask()) - Long.bitCount(x & z);
        return k & 3;
    }

    /** A sum of Pauli strings with complex coefficients {re, im}. */
    static final class Operator {
        final Map<PauliString, double[]> terms = new HashMap<>();

        void add(PauliString p, double re, double im) {
            double[] c = terms.computeIfAbsent(p, key -> new double[2]);
            c[0] += re;
            c[1] += im;
        }

        void addScaled(Operator other, double factor) {
            for (Map.Entry<PauliString, double[]> t : other.terms.entrySet()) {
                add(t.getKey(), factor * t.getValue()[0], factor * t.getValue()[1]);
            }
        }

        Operator times(Operator other) {
            Operator product = new Operator();
            for (Map.Entry<PauliString, double[]> a : terms.entrySet()) {
                PauliString pa = a.getKey();
                double ar = a.getValue()[0], ai = a.getValue()[1];
                for (Map.Entry<PauliString, double[]> b : other.terms.entrySet()) {
                    PauliString pb = b.getKey();
                    double br = b.getValue()[0], bi = b.getValue()[1];
                    double re = ar * br - ai * bi, im = ar * bi + ai * br;
                    // multiply by i^k
                    double phasedRe, phasedIm;
                    switch (phaseExponent(pa, pb)) {
                        case 0 -> {
                            phasedRe = re;
                            phasedIm = im;
                        }
                        case 1 -> {
                            phasedRe = -im;
                            phasedIm = re;
                        }
                        case 2 -> {
                            phasedRe = -re;
                            phasedIm = -im;
                        }
                        default -> {
                            phasedRe = im;
                            phasedIm = -re;
                        }
                    }
                    product.add(new PauliString(pa.xMask() ^ pb.xMask(), pa.zMask() ^ pb.zMask()), phasedRe, phasedIm);
                }
            }
            return product;
        }

        /**
         * The real Pauli sum, terms below {@link #DROP_BELOW} dropped, ordered by (x mask, z mask).
         *
         * @throws IllegalStateException if an imaginary part survives: the operator was not Hermitian
         */
        PauliSum toHermitian() {
            List<Map.Entry<PauliString, double[]>> sorted = new ArrayList<>(terms.entrySet());
            sorted.sort((a, b) -> {
                int byX = Long.compareUnsigned(a.getKey().xMask(), b.getKey().xMask());
                return byX != 0 ? byX : Long.compareUnsigned(a.getKey().zMask(), b.getKey().zMask());
            });
            List<PauliSum.Term> out = new ArrayList<>();
            for (Map.Entry<PauliString, double[]> t : sorted) {
                double re = t.getValue()[0], im = t.getValue()[1];
                if (Math.abs(im) > 1e-10) {
                    throw new IllegalStateException("imaginary coefficient " + im + " for " + t.getKey()
                            + ": the operator is not Hermitian");
                }
                if (Math.abs(re) >= DROP_BELOW) {
                    out.add(new PauliSum.Term(re, t.getKey()));
                }
            }
            return PauliSum.of(out);
        }
    }
}
