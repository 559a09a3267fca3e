package org.qtune.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GateTest {
    static int arity(Gate g) {
        return g.arity() > 0 ? g.arity() : 3;
    }

    static double[] randomParams(Gate g, SplittableRandom rnd) {
        double[] p = new double[g.numParams()];
        for (int k = 0; k < p.length; k++) {
            p[k] = rnd.nextDouble(-Math.PI, Math.PI);
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void everyGateIsUnitary(Gate g) {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] m = g.matrix(arity(g), randomParams(g, rnd));
        double[] prod = Matrices.multiply(Matrices.dagger(m), m);
        assertTrue(Matrices.maxDifference(prod, Matrices.identity(Matrices.dim(m))) < 1e-14);
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void kindMatchesTheMatrix(Gate g) {
        double[] m = g.matrix(arity(g), randomParams(g, new SplittableRandom(2)));
        assertEquals(g.isDiagonal(), Matrices.isDiagonal(m));
    }

    @ParameterizedTest
    @EnumSource(Gate.class)
    void derivativeEqualsCentralFiniteDifference(Gate g) {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] p = randomParams(g, rnd);
        for (int k = 0; k < g.numParams(); k++) {
            double h = 1e-5;
            double[] plus = p.clone(), minus = p.clone();
            plus[k] += h;
            minus[k] -= h;
            double[] fd = Matrices.scale(Matrices.multiply(Matrices.identity(Matrices.dim(g.matrix(arity(g), p))),
                    subtract(g.matrix(arity(g), plus), g.matrix(arity(g), minus))), 1 / (2 * h));
            assertTrue(Matrices.maxDifference(fd, g.derivative(arity(g), k, p)) < 1e-9, g + " param " + k);
        }
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] -= b[i];
        }
        return c;
    }

    @Test
    void cxFlipsTheTargetWhenTheFirstQubitIsOne() {
        double[] m = Gate.CX.matrix(2);
        // column 1 (control=1, target=0) maps to row 3
        assertEquals(1.0, m[2 * (3 * 4 + 1)]);
        assertEquals(1.0, m[2 * (0 * 4 + 0)]);
        assertEquals(1.0, m[2 * (2 * 4 + 2)]);
        assertEquals(1.0, m[2 * (1 * 4 + 3)]);
    }

    @Test
    void rotationsFollowTheMinusHalfAngleConvention() {
        double t = 0.7;
        double[] rz = Gate.RZ.matrix(1, t);
        assertArrayEquals(new double[] {Math.cos(t / 2), -Math.sin(t / 2), 0, 0, 0, 0, Math.cos(t / 2), Math.sin(t / 2)},
                rz, 1e-15);
        // exp(-i t X(x)X/2) built from exp(-i t/2 G) = cos I - i sin G with G = X (x) X
        double[] xx = Matrices.kron(Gate.X.matrix(1), Gate.X.matrix(1));
        double[] expected = Matrices.identity(4);
        for (int i = 0; i < expected.length; i += 2) {
            expected[i] = Math.cos(t / 2) * expected[i];
            expected[i + 1] = -Math.sin(t / 2) * xx[i];
        }
        assertTrue(Matrices.maxDifference(expected, Gate.RXX.matrix(2, t)) < 1e-15);
        double[] yy = Matrices.kron(Gate.Y.matrix(1), Gate.Y.matrix(1));
        double[] ryy = Gate.RYY.matrix(2, t);
        for (int i = 0; i < yy.length; i += 2) {
            double er = Math.cos(t / 2) * Matrices.identity(4)[i] + Math.sin(t / 2) * yy[i + 1];
            double ei = -Math.sin(t / 2) * yy[i];
            assertEquals(er, ryy[i], 1e-15);
            assertEquals(ei, ryy[i + 1], 1e-15);
        }
    }

    @Test
    void u2IsU3WithHalfPi() {
        assertTrue(Matrices.maxDifference(Gate.U2.matrix(1, 0.3, -1.1), Gate.U3.matrix(1, Math.PI / 2, 0.3, -1.1)) < 1e-15);
    }

    @Test
    void wrongParameterCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gate.RX.matrix(1));
        assertTrue(e.getMessage().contains("rx takes 1"));
    }
}
