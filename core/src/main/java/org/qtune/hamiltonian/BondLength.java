package org.qtune.hamiltonian;

/**
 * The bond lengths at which qtune's diatomic Hamiltonians mean something, checked before anything
 * is computed: outside them the result is not a less accurate Hamiltonian but numerical noise, or
 * nothing at all (a bond of 1e309 angstrom overflows to a Hamiltonian of no terms).
 *
 * <ul>
 *   <li>Below {@value #MIN_ANGSTROM} angstrom the nuclei nearly coincide: the basis functions on the
 *       two atoms become linearly dependent (their overlap tends to 1), the orbitals come from
 *       dividing by its difference from 1, and the terms are rounding noise (H2 at 0.001 angstrom
 *       gives imaginary Pauli coefficients).</li>
 *   <li>Above {@value #H2_MAX_ANGSTROM} angstrom H2 is two separate atoms: its energy equals theirs to
 *       1e-9 hartree and does not change further.</li>
 *   <li>Above {@value #LIH_MAX_ANGSTROM} angstrom LiH is dissociating, and restricted Hartree-Fock,
 *       which keeps the electrons in pairs, no longer converges (from about 6 angstrom).</li>
 * </ul>
 */
public final class BondLength {
    /** The shortest bond length accepted, for every molecule. */
    public static final double MIN_ANGSTROM = 0.1;
    /** The longest H2 bond length accepted. */
    public static final double H2_MAX_ANGSTROM = 10;
    /** The longest LiH bond length accepted. */
    public static final double LIH_MAX_ANGSTROM = 5;

    private BondLength() {
    }

    /** {@code angstrom}, if H2's Hamiltonian means something there; else an IllegalArgumentException saying why not. */
    public static double checkH2(double angstrom) {
        return check("H2", angstrom, H2_MAX_ANGSTROM, "the atoms are apart (the energy is two hydrogen atoms' "
                + "to 1e-9 hartree)");
    }

    /** {@code angstrom}, if LiH's Hamiltonian can be computed there; else an IllegalArgumentException saying why not. */
    public static double checkLiH(double angstrom) {
        return check("LiH", angstrom, LIH_MAX_ANGSTROM, "the molecule is dissociating and restricted "
                + "Hartree-Fock, which keeps the electrons in pairs, does not converge");
    }

    private static double check(String molecule, double angstrom, double max, String beyond) {
        if (!(angstrom > 0) || Double.isInfinite(angstrom)) {
            throw new IllegalArgumentException("bond length must be finite and > 0, got " + angstrom);
        }
        if (angstrom < MIN_ANGSTROM) {
            throw new IllegalArgumentException("bond length " + angstrom + " angstrom is outside " + molecule + "'s "
                    + MIN_ANGSTROM + ".." + max + ": below " + MIN_ANGSTROM + " the nuclei nearly coincide, the two "
                    + "atoms' basis functions become linearly dependent and the terms are rounding noise");
        }
        if (angstrom > max) {
            throw new IllegalArgumentException("bond length " + angstrom + " angstrom is outside " + molecule + "'s "
                    + MIN_ANGSTROM + ".." + max + ": beyond " + max + " " + beyond);
        }
        return angstrom;
    }
}
