package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class GaussianIntegralsTest {
    private static final double H = 1e-3;

    /** One normalized primitive with angular powers (l, m, n). */
    static ContractedGaussian primitive(double alpha, double[] centre, int l, int m, int n) {
        return ContractedGaussian.of("test", centre, l, m, n, new double[] {alpha}, new double[] {1});
    }

    static ContractedGaussian s(double alpha, double[] centre) {
        return primitive(alpha, centre, 0, 0, 0);
    }

    static double[] shifted(double[] centre, int axis, double by) {
        double[] c = centre.clone();
        c[axis] += by;
        return c;
    }

    /** f'(0) by the fourth-order central difference. */
    static double derivative(DoubleUnaryOperator f) {
        return (f.applyAsDouble(-2 * H) - 8 * f.applyAsDouble(-H) + 8 * f.applyAsDouble(H) - f.applyAsDouble(2 * H))
                / (12 * H);
    }

    static double distanceSquared(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return dx * dx + dy * dy + dz * dz;
    }

    static double sNorm(double alpha) {
        return Math.pow(2 * alpha / Math.PI, 0.75);
    }

    static double boys0(double t) {
        return t < 1e-15 ? 1 : 0.5 * Math.sqrt(Math.PI / t) * Erf.erf(Math.sqrt(t));
    }

    static final double[] A = {0.1, -0.2, 0.3}, B = {-0.4, 0.5, 1.1}, C = {0.7, 0.2, -0.6}, D = {0.3, -0.9, 0.4};

    @Test
    void sFunctionIntegralsMatchTheirClosedForms() {
        double a = 1.3, b = 0.7, c = 0.45, d = 2.1;
        double p = a + b, mu = a * b / p, rab2 = distanceSquared(A, B);
        double[] pc = new double[3];
        for (int i = 0; i < 3; i++) {
            pc[i] = (a * A[i] + b * B[i]) / p;
        }
        double overlap = sNorm(a) * sNorm(b) * Math.pow(Math.PI / p, 1.5) * Math.exp(-mu * rab2);
        assertEquals(overlap, GaussianIntegrals.overlap(s(a, A), s(b, B)), 1e-15);
        assertEquals(mu * (3 - 2 * mu * rab2) * overlap, GaussianIntegrals.kinetic(s(a, A), s(b, B)), 1e-15);
        double attraction = -2.5 * sNorm(a) * sNorm(b) * 2 * Math.PI / p * Math.exp(-mu * rab2)
                * boys0(p * distanceSquared(pc, C));
        assertEquals(attraction, GaussianIntegrals.nuclearAttraction(s(a, A), s(b, B), 2.5, C[0], C[1], C[2]), 1e-14);

        double q = c + d, nu = c * d / q;
        double[] qc = new double[3];
        for (int i = 0; i < 3; i++) {
            qc[i] = (c * C[i] + d * D[i]) / q;
        }
        double repulsion = sNorm(a) * sNorm(b) * sNorm(c) * sNorm(d) * 2 * Math.pow(Math.PI, 2.5)
                / (p * q * Math.sqrt(p + q)) * Math.exp(-mu * rab2 - nu * distanceSquared(C, D))
                * boys0(p * q / (p + q) * distanceSquared(pc, qc));
        assertEquals(repulsion, GaussianIntegrals.repulsion(s(a, A), s(b, B), s(c, C), s(d, D)), 1e-14);
    }

    /*
     * d/dA_x exp(-a |r - A|^2) = 2a (x - A_x) exp(-a |r - A|^2), so with the normalizations
     * N_p = N_s sqrt(4a): a normalized p_x at A is (1 / sqrt a) d/dA_x of the normalized s at A.
     * Every integral with a p function is then a derivative of the s-function integral wrt its centre.
     */

    @Test
    void pFunctionOverlapAndKineticAreCentreDerivativesOfSFunctionOnes() {
        double a = 0.9, b = 0.35;
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            int[] pow = new int[3];
            pow[axis] = 1;
            ContractedGaussian pA = primitive(a, A, pow[0], pow[1], pow[2]);
            double expected = derivative(h -> GaussianIntegrals.overlap(s(a, shifted(A, ax, h)), s(b, B))) / Math.sqrt(a);
            assertEquals(expected, GaussianIntegrals.overlap(pA, s(b, B)), 1e-11, "<p|s> axis " + axis);
            expected = derivative(h -> GaussianIntegrals.kinetic(s(a, shifted(A, ax, h)), s(b, B))) / Math.sqrt(a);
            assertEquals(expected, GaussianIntegrals.kinetic(pA, s(b, B)), 1e-11, "<p|T|s> axis " + axis);
            expected = derivative(h -> GaussianIntegrals.kinetic(s(b, B), s(a, shifted(A, ax, h)))) / Math.sqrt(a);
            assertEquals(expected, GaussianIntegrals.kinetic(s(b, B), pA), 1e-11, "<s|T|p> axis " + axis);
        }
        // <p_x(A)|p_y(B)> and <p_z|T|p_z>: mixed second derivatives in both centres
        ContractedGaussian px = primitive(a, A, 1, 0, 0), py = primitive(b, B, 0, 1, 0);
        double expected = derivative(h -> derivative(k -> GaussianIntegrals.overlap(s(a, shifted(A, 0, h)),
                s(b, shifted(B, 1, k))))) / Math.sqrt(a * b);
        assertEquals(expected, GaussianIntegrals.overlap(px, py), 1e-9);
        ContractedGaussian pzA = primitive(a, A, 0, 0, 1), pzB = primitive(b, B, 0, 0, 1);
        expected = derivative(h -> derivative(k -> GaussianIntegrals.kinetic(s(a, shifted(A, 2, h)),
                s(b, shifted(B, 2, k))))) / Math.sqrt(a * b);
        assertEquals(expected, GaussianIntegrals.kinetic(pzA, pzB), 1e-9);
    }

    @Test
    void pAndDFunctionNuclearAttractionAreCentreDerivativesOfSFunctionOnes() {
        double a = 1.7, b = 0.6;
        ContractedGaussian py = primitive(a, A, 0, 1, 0), pz = primitive(b, B, 0, 0, 1);
        double expected = derivative(h -> derivative(k -> GaussianIntegrals.nuclearAttraction(s(a, shifted(A, 1, h)),
                s(b, shifted(B, 2, k)), 3, C[0], C[1], C[2])));
        assertEquals(expected / Math.sqrt(a * b), GaussianIntegrals.nuclearAttraction(py, pz, 3, C[0], C[1], C[2]), 1e-9);
        // d_xy = x y exp(...): d^2/dA_x dA_y of s is 4a^2 (x-A_x)(y-A_y) s; N_dxy = 4a N_s, so d_xy = (1/a) d^2 s
        ContractedGaussian dxy = primitive(a, A, 1, 1, 0);
        expected = derivative(h -> derivative(k -> GaussianIntegrals.nuclearAttraction(
                s(a, shifted(shifted(A, 0, h), 1, k)), s(b, B), 1, C[0], C[1], C[2]))) / a;
        assertEquals(expected, GaussianIntegrals.nuclearAttraction(dxy, s(b, B), 1, C[0], C[1], C[2]), 1e-9);
    }

    @Test
    void pFunctionRepulsionIntegralsAreCentreDerivativesOfSFunctionOnes() {
        double a = 1.1, b = 0.5, c = 0.8, d = 1.9;
        // (p_x s | s s)
        ContractedGaussian px = primitive(a, A, 1, 0, 0);
        double expected = derivative(h -> GaussianIntegrals.repulsion(s(a, shifted(A, 0, h)), s(b, B), s(c, C), s(d, D)))
                / Math.sqrt(a);
        assertEquals(expected, GaussianIntegrals.repulsion(px, s(b, B), s(c, C), s(d, D)), 1e-11);
        // (s p_z | p_y s): one p on each electron
        ContractedGaussian pz = primitive(b, B, 0, 0, 1), py = primitive(c, C, 0, 1, 0);
        expected = derivative(h -> derivative(k -> GaussianIntegrals.repulsion(s(a, A), s(b, shifted(B, 2, h)),
                s(c, shifted(C, 1, k)), s(d, D)))) / Math.sqrt(b * c);
        assertEquals(expected, GaussianIntegrals.repulsion(s(a, A), pz, py, s(d, D)), 1e-9);
        // (p_x p_x | s s) on one centre pair
        ContractedGaussian pxB = primitive(b, B, 1, 0, 0);
        expected = derivative(h -> derivative(k -> GaussianIntegrals.repulsion(s(a, shifted(A, 0, h)),
                s(b, shifted(B, 0, k)), s(c, C), s(d, D)))) / Math.sqrt(a * b);
        assertEquals(expected, GaussianIntegrals.repulsion(px, pxB, s(c, C), s(d, D)), 1e-9);
    }

    @Test
    void repulsionIntegralsHaveTheEightfoldPermutationSymmetry() {
        ContractedGaussian[] f = {
            ContractedGaussian.of("a", A, 1, 0, 0, Sto3g.LI_2SP_EXPONENTS, Sto3g.P2_COEFFICIENTS),
            ContractedGaussian.of("b", B, 0, 0, 1, new double[] {0.8, 0.2}, new double[] {0.6, 0.5}),
            ContractedGaussian.of("c", C, 0, 0, 0, Sto3g.H_1S_EXPONENTS, Sto3g.S1_COEFFICIENTS),
            ContractedGaussian.of("d", D, 0, 1, 0, new double[] {1.4}, new double[] {1})};
        double v = GaussianIntegrals.repulsion(f[0], f[1], f[2], f[3]);
        double[] permuted = {
            GaussianIntegrals.repulsion(f[1], f[0], f[2], f[3]), GaussianIntegrals.repulsion(f[0], f[1], f[3], f[2]),
            GaussianIntegrals.repulsion(f[1], f[0], f[3], f[2]), GaussianIntegrals.repulsion(f[2], f[3], f[0], f[1]),
            GaussianIntegrals.repulsion(f[3], f[2], f[0], f[1]), GaussianIntegrals.repulsion(f[2], f[3], f[1], f[0]),
            GaussianIntegrals.repulsion(f[3], f[2], f[1], f[0])};
        for (double w : permuted) {
            assertEquals(v, w, 1e-14);
        }
        // and the one-electron integrals are symmetric
        assertEquals(GaussianIntegrals.kinetic(f[0], f[3]), GaussianIntegrals.kinetic(f[3], f[0]), 1e-15);
        assertEquals(GaussianIntegrals.nuclearAttraction(f[1], f[2], 3, 0, 0, 0),
                GaussianIntegrals.nuclearAttraction(f[2], f[1], 3, 0, 0, 0), 1e-15);
    }

    @Test
    void contractedFunctionsAreNormalizedAndRotationallyConsistent() {
        for (ContractedGaussian g : Sto3g.basis(Molecule.neutral(Atom.atAngstrom("Li", 0, 0, 0), Atom.atAngstrom("H", 0, 0, 1.2)))) {
            assertEquals(1, GaussianIntegrals.overlap(g, g), 1e-14, g.label());
        }
        // a p_x - s overlap along x equals the p_z - s overlap along z at the same distance
        double[] origin = {0, 0, 0};
        ContractedGaussian px = ContractedGaussian.of("px", origin, 1, 0, 0, Sto3g.LI_2SP_EXPONENTS, Sto3g.P2_COEFFICIENTS);
        ContractedGaussian pz = ContractedGaussian.of("pz", origin, 0, 0, 1, Sto3g.LI_2SP_EXPONENTS, Sto3g.P2_COEFFICIENTS);
        ContractedGaussian sx = ContractedGaussian.of("s", new double[] {1.3, 0, 0}, 0, 0, 0, Sto3g.H_1S_EXPONENTS,
                Sto3g.S1_COEFFICIENTS);
        ContractedGaussian sz = ContractedGaussian.of("s", new double[] {0, 0, 1.3}, 0, 0, 0, Sto3g.H_1S_EXPONENTS,
                Sto3g.S1_COEFFICIENTS);
        assertEquals(GaussianIntegrals.overlap(px, sx), GaussianIntegrals.overlap(pz, sz), 1e-15);
        assertEquals(GaussianIntegrals.repulsion(px, sx, px, px), GaussianIntegrals.repulsion(pz, sz, pz, pz), 1e-14);
    }

    @Test
    void theStoThreeGHydrogenAtomHasItsTabulatedEnergy() {
        // E(H, STO-3G) = <1s| T - 1/r |1s> = -0.46658185 hartree, as PySCF and other codes report it, and
        // half the dissociation limit H2Sto3gTest checks
        Molecule h = new Molecule(List.of(new Atom("H", 1, 0, 0, 0)), 0);
        ContractedGaussian s = Sto3g.basis(h).get(0);
        double e = GaussianIntegrals.kinetic(s, s) + GaussianIntegrals.nuclearAttraction(s, s, 1, 0, 0, 0);
        assertEquals(-0.4665819, e, 1e-7);
    }

    @Test
    void badFunctionsAreRejected() {
        double[] c = {0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> ContractedGaussian.of("x", c, -1, 0, 0, new double[] {1},
                new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> ContractedGaussian.of("x", c, 0, 0, 0, new double[] {0},
                new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> ContractedGaussian.of("x", c, 0, 0, 0, new double[] {1, 2},
                new double[] {1}));
    }
}
