package org.qtune.hamiltonian;

import java.util.List;
import java.util.Locale;

/** A nucleus: element symbol, charge, position in bohr. */
public record Atom(String symbol, int nuclearCharge, double x, double y, double z) {
    /** The elements of the first two periods, in order of nuclear charge. */
    private static final List<String> ELEMENTS = List.of("H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne");

    public Atom {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("atom position must be finite");
        }
        if (nuclearCharge < 1) {
            throw new IllegalArgumentException("nuclear charge must be >= 1, got " + nuclearCharge);
        }
    }

    /** An atom of a first- or second-period element at (x, y, z) angstrom. */
    public static Atom atAngstrom(String symbol, double x, double y, double z) {
        int index = -1;
        for (int i = 0; i < ELEMENTS.size(); i++) {
            if (ELEMENTS.get(i).equalsIgnoreCase(symbol)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("unknown element '" + symbol + "' (H to Ne)");
        }
        double f = H2Sto3g.BOHR_PER_ANGSTROM;
        return new Atom(ELEMENTS.get(index), index + 1, x * f, y * f, z * f);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%.6f, %.6f, %.6f bohr)", symbol, x, y, z);
    }
}
