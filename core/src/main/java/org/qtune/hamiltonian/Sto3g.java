package org.qtune.hamiltonian;

import java.util.ArrayList;
import java.util.List;

/**
 * The STO-3G minimal basis (W. J. Hehre, R. F. Stewart, J. A. Pople, J. Chem. Phys. 51, 2657 (1969)):
 * each Slater orbital of exponent zeta fitted by three Gaussians whose exponents are zeta^2 times
 * those of the zeta = 1 fit. Values as tabulated by the Basis Set Exchange, for the elements this
 * project needs: H (1s, zeta = 1.24) and Li (1s, zeta = 2.69; 2sp, zeta = 0.80). Functions are
 * ordered atom by atom, and per atom 1s, 2s, 2px, 2py, 2pz.
 */
public final class Sto3g {
    static final double[] S1_COEFFICIENTS = {0.15432897, 0.53532814, 0.44463454};
    static final double[] S2_COEFFICIENTS = {-0.09996723, 0.39951283, 0.70011547};
    static final double[] P2_COEFFICIENTS = {0.15591627, 0.60768372, 0.39195739};

    static final double[] H_1S_EXPONENTS = {3.42525091, 0.62391373, 0.16885540};
    static final double[] LI_1S_EXPONENTS = {16.1195750, 2.9362007, 0.7946505};
    static final double[] LI_2SP_EXPONENTS = {0.6362897, 0.1478601, 0.0480887};

    private Sto3g() {
    }

    /** The basis functions of every atom of {@code molecule}, atom by atom. */
    public static List<ContractedGaussian> basis(Molecule molecule) {
        List<ContractedGaussian> functions = new ArrayList<>();
        for (Atom atom : molecule.atoms()) {
            double[] centre = {atom.x(), atom.y(), atom.z()};
            String s = atom.symbol();
            int expectedCharge = s.equals("H") ? 1 : s.equals("Li") ? 3 : -1;
            if (expectedCharge > 0 && atom.nuclearCharge() != expectedCharge) {
                throw new IllegalArgumentException(s + " with nuclear charge " + atom.nuclearCharge());
            }
            switch (s) {
                case "H" -> functions.add(ContractedGaussian.of("H 1s", centre, 0, 0, 0, H_1S_EXPONENTS, S1_COEFFICIENTS));
                case "Li" -> {
                    functions.add(ContractedGaussian.of("Li 1s", centre, 0, 0, 0, LI_1S_EXPONENTS, S1_COEFFICIENTS));
                    functions.add(ContractedGaussian.of("Li 2s", centre, 0, 0, 0, LI_2SP_EXPONENTS, S2_COEFFICIENTS));
                    functions.add(ContractedGaussian.of("Li 2px", centre, 1, 0, 0, LI_2SP_EXPONENTS, P2_COEFFICIENTS));
                    functions.add(ContractedGaussian.of("Li 2py", centre, 0, 1, 0, LI_2SP_EXPONENTS, P2_COEFFICIENTS));
                    functions.add(ContractedGaussian.of("Li 2pz", centre, 0, 0, 1, LI_2SP_EXPONENTS, P2_COEFFICIENTS));
                }
                default -> throw new IllegalArgumentException("no STO-3G data here for element " + s + " (H, Li)");
            }
        }
        return functions;
    }
}
