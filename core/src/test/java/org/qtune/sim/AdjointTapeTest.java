package org.qtune.sim;

import org.qtune.testing.DenseReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.FiniteDifferenceGradient;
import org.qtune.grad.Gradient;

class AdjointTapeTest {
    static final Simulator SIM = new Simulator();
    /** Small pages, so that gates on page qubits pair pages or run in gathered tiles. */
    static final Simulator PAGED = new Simulator(SimulatorOptions.defaults().withPageQubits(3).withTileQubits(6));

    @AfterAll
    static void close() {
        SIM.close();
        PAGED.close();
    }

    static final PauliSum H = PauliSum.parse("0.5*Z0 Z1 - 1.2*X2 + 0.7*Y0 X3 + 0.3*Z3 - 0.4*Y1 Y2 Z0 + 0.25");

    /**
     * The adjoint sweep as it was written before the tape: the operations walked backwards, each gate's
     * matrix and derivatives computed from the circuit where used, every matrix applied on its own.
     */
    static double[] referenceGradient(Simulator sim, Circuit circuit, double[] theta, PauliSum h) {
        StateVector psi = sim.run(circuit, theta);
        StateVector lambda = psi.zerosLike();
        for (PauliSum.Term t : h.terms()) {
            // lambda += c P psi, P applied factor by factor
            StateVector p = psi.copy();
            for (int q = 0; q < circuit.numQubits(); q++) {
                char f = t.pauli().pauliAt(q);
                if (f != 'I') {
                    Gate g = f == 'X' ? Gate.X : f == 'Y' ? Gate.Y : Gate.Z;
                    sim.applyMatrix(p, new int[] {q}, g.matrix(1));
                }
            }
            for (int i = 0; i < psi.dimension(); i++) {
                lambda.set(i, lambda.re(i) + t.coefficient() * p.re(i), lambda.im(i) + t.coefficient() * p.im(i));
            }
        }
        double[] grad = new double[circuit.numParameters()];
        List<Operation> ops = circuit.operations();
        StateVector mu = psi.copy();
        for (int k = ops.size() - 1; k >= 0; k--) {
            Operation op = ops.get(k);
            if (op.gate() == Gate.ID) {
                continue;
            }
            int[] qubits = op.qubits();
            double[] values = op.paramValues(circuit, theta);
            double[] u = op.matrix(values);
            sim.applyMatrix(psi, qubits, Matrices.dagger(u));
            for (int j = 0; j < values.length; j++) {
                ParameterExpression e = op.param(j);
                if (e.isConstant() || e.coefficient() == 0) {
                    continue;
                }
                mu.setFrom(psi);
                sim.applyMatrix(mu, qubits, op.gate().derivative(qubits.length, j, values));
                double re = Measurements.innerProduct(lambda, mu)[0];
                grad[circuit.parameterIndex(e.parameter())] += 2 * e.coefficient() * re;
            }
            sim.applyMatrix(lambda, qubits, Matrices.dagger(u));
        }
        return grad;
    }

    /** Every parametrized gate with affine arguments, a parameter shared by several gates, an identity. */
    static Circuit everyGate(int n) {
        Circuit.Builder b = Circuit.builder(n);
        Parameter shared = Parameter.of("shared");
        for (int q = 0; q < n; q++) {
            b.add(Gate.H, q).add(Gate.RY, shared, q);
        }
        int k = 0;
        for (Gate g : Gate.values()) {
            if (g.numParams() == 0) {
                continue;
            }
            ParameterExpression[] ps = new ParameterExpression[g.numParams()];
            for (int a = 0; a < ps.length; a++) {
                ps[a] = ParameterExpression.affine(1.5 - a, Parameter.of("g" + k + "_" + a), 0.1 * a);
            }
            int q0 = k % n, q1 = (k + n - 1) % n;
            b.add(g, ps, g.arity() == 1 ? new int[] {q1} : new int[] {q0, q1});
            b.add(Gate.CX, q1, (q1 + 1) % n).add(Gate.ID, q0).add(Gate.RZ, shared, q0);
            k++;
        }
        return b.build();
    }

    @Test
    void theTapeSweepEqualsTheSweepWrittenBeforeIt() {
        for (Simulator sim : List.of(SIM, PAGED)) {
            for (long seed = 0; seed < 3; seed++) {
                Circuit c = seed == 0 ? everyGate(5) : DenseReference.randomCircuit(5, 40, 700 + seed, true);
                double[] theta = DenseReference.randomTheta(c, seed);
                double[] expected = referenceGradient(sim, c, theta, H);
                Gradient g = new AdjointGradient(sim).compute(c, theta, H);
                assertArrayEquals(expected, g.gradient(), 1e-12, "seed " + seed + ", page qubits "
                        + sim.options().pageQubits());
            }
        }
    }

    @Test
    void theTapeSweepMatchesFiniteDifferencesForEveryParametrizedGate() {
        Circuit c = everyGate(4);
        double[] theta = DenseReference.randomTheta(c, 11);
        Gradient fd = new FiniteDifferenceGradient(SIM, 1e-5).compute(c, theta, H);
        for (Simulator sim : List.of(SIM, PAGED)) {
            Gradient g = new AdjointGradient(sim).compute(c, theta, H);
            assertEquals(fd.value(), g.value(), 1e-12);
            assertArrayEquals(fd.gradient(), g.gradient(), 1e-7);
        }
    }

    @Test
    void theTapeHoldsEachGatesInverseAndOneTermPerParameterReadWithItsCoefficient() {
        Parameter a = Parameter.of("a"), b = Parameter.of("b");
        Circuit c = Circuit.builder(2)
                .add(Gate.ID, 0)
                .add(Gate.U3, new ParameterExpression[] {ParameterExpression.affine(2, a, 0.5),
                        ParameterExpression.constant(0.3), ParameterExpression.affine(-1, b, 0)}, 1)
                .add(Gate.CRZ, new ParameterExpression[] {ParameterExpression.affine(0, a, 1)}, 0, 1)
                .build();
        double[] theta = {0.7, -0.2};
        AdjointTape tape = AdjointTape.of(c, theta);
        assertEquals(2, tape.size(), "the identity is dropped");
        AdjointTape.Entry u3 = tape.entries().get(0);
        double[] args = {2 * 0.7 + 0.5, 0.3, 0.2};
        assertArrayEquals(Matrices.dagger(Gate.U3.matrix(1, args)), u3.inverse().matrix(), 0);
        assertEquals(2, u3.terms().size(), "the constant argument has no term");
        assertEquals(0, u3.terms().get(0).parameter());
        assertEquals(2, u3.terms().get(0).coefficient());
        assertArrayEquals(Gate.U3.derivative(1, 0, args), u3.terms().get(0).derivative().matrix(), 0);
        assertEquals(1, u3.terms().get(1).parameter());
        assertEquals(-1, u3.terms().get(1).coefficient());
        assertArrayEquals(Gate.U3.derivative(1, 2, args), u3.terms().get(1).derivative().matrix(), 0);
        assertEquals(List.of(), tape.entries().get(1).terms(), "a zero coefficient contributes nothing");
        assertEquals(2, tape.derivativeIndex(1, 0));
    }

    @Test
    void generatorsAreTheDerivativeTimesTheInverse() {
        // E = dU/da U^dag, checked against the matrices for every parametrized gate
        for (Gate g : Gate.values()) {
            if (g.numParams() == 0) {
                continue;
            }
            int k = g.arity();
            int[] qubits = k == 1 ? new int[] {1} : new int[] {2, 0};
            double[] values = new double[g.numParams()];
            for (int a = 0; a < values.length; a++) {
                values[a] = 0.4 + 0.3 * a;
            }
            double[] u = g.matrix(k, values);
            for (int a = 0; a < values.length; a++) {
                double[] e = Matrices.multiply(g.derivative(k, a, values), Matrices.dagger(u));
                GateTape.Generator gen = GateTape.generator(g, qubits, a);
                double[] expected = generatorMatrix(gen, qubits);
                if (gen instanceof GateTape.MatrixDerivative) {
                    assertNull(expected);
                    continue;
                }
                assertArrayEquals(expected, e, 1e-14, g + " argument " + a);
            }
        }
    }

    /** The generator as a matrix over the gate's qubits (bit j = qubits[j]); null when it has no closed form. */
    private static double[] generatorMatrix(GateTape.Generator gen, int[] qubits) {
        int d = 1 << qubits.length;
        double[] m = new double[2 * d * d];
        for (int col = 0; col < d; col++) {
            int idx = Matrices.deposit(col, qubits);
            if (gen instanceof GateTape.PauliRotation r) {
                if ((idx & r.controlMask()) != r.controlMask()) {
                    continue;
                }
                // -i/2 P |idx>: P = i^{#Y} X^x Z^z; Z gives (-1)^{popcount(idx & z)}, X flips x
                int row = -1;
                for (int v = 0; v < d; v++) {
                    if (Matrices.deposit(v, qubits) == (idx ^ r.xMask())) {
                        row = v;
                    }
                }
                double sign = (Integer.bitCount(idx & r.zMask()) & 1) == 0 ? 1 : -1;
                int ny = Integer.bitCount(r.xMask() & r.zMask()) & 3;
                double[] iPow = {1, 0, 0, 1, -1, 0, 0, -1}; // i^0..i^3 as (re, im)
                double pr = sign * iPow[2 * ny], pi = sign * iPow[2 * ny + 1];
                // times -i/2
                m[2 * (row * d + col)] = pi / 2;
                m[2 * (row * d + col) + 1] = -pr / 2;
            } else if (gen instanceof GateTape.Projector p) {
                if ((idx & p.mask()) == p.mask()) {
                    m[2 * (col * d + col) + 1] = 1;
                }
            } else {
                return null;
            }
        }
        return m;
    }

    @Test
    void phaseDerivativesOfDiagonalGatesAreTheirGeneratorsDiagonals() {
        for (Gate g : List.of(Gate.RZ, Gate.P, Gate.CRZ, Gate.CP, Gate.RZZ)) {
            int[] qubits = g.arity() == 1 ? new int[] {3} : new int[] {3, 1};
            GateTape.Entry e = GateTape.Entry.of(g, qubits, List.of(new GateTape.Argument(0, 1, 0)));
            double[] phi = e.phaseDerivative(0);
            double[] gen = generatorMatrix(e.generators().get(0), qubits);
            int d = 1 << qubits.length;
            for (int j = 0; j < d; j++) {
                assertEquals(0, gen[2 * (j * d + j)], 1e-15);
                assertEquals(phi[j], gen[2 * (j * d + j) + 1], 1e-15, g + " pattern " + j);
            }
        }
        assertNull(GateTape.Entry.of(Gate.RX, new int[] {0}, List.of(new GateTape.Argument(0, 1, 0)))
                .phaseDerivative(0));
    }
}
