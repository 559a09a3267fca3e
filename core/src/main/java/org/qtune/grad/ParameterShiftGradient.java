package org.qtune.grad;

import java.util.List;
import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.ShotEstimator;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;

/**
 * Parameter-shift gradients: each gate argument is shifted in its own copy of the circuit and the
 * expectation re-evaluated, which is what quantum hardware can do. Arguments whose generator has two
 * eigenvalues a unit apart (rx, ry, rz, p, u2, u3, rxx, ryy, rzz, cp, and the phase arguments of cu3)
 * use the two-term rule df = [f(+pi/2) - f(-pi/2)] / 2; controlled rotations (crx, cry, crz, the
 * angle of cu3), whose generator has eigenvalues {0, +-1/2}, use the four-term rule of Anselmetti et
 * al. (2021): df = d+ [f(+pi/2) - f(-pi/2)] - d- [f(+3pi/2) - f(-3pi/2)], d+- = (sqrt2 +- 1)/(4 sqrt2).
 * An affine argument a*theta + b contributes a times its derivative.
 *
 * <p>With {@code shots > 0} each expectation is estimated from seeded samples, term by term in the
 * term's measurement basis; the same seed gives the same estimate.
 */
public final class ParameterShiftGradient implements GradientMethod {
    static final double D_PLUS = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2));
    static final double D_MINUS = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));

    private final Simulator simulator;
    private final int shots;
    private final long seed;

    /** Exact expectations. */
    public ParameterShiftGradient(Simulator simulator) {
        this(simulator, 0, 0);
    }

    /** Shot-based expectations ({@code shots > 0}) drawn with the given seed. */
    public ParameterShiftGradient(Simulator simulator, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        this.simulator = simulator;
        this.shots = shots;
        this.seed = seed;
    }

    /** Whether argument j of gate g needs the four-term rule. */
    public static boolean fourTerm(Gate g, int j) {
        return g == Gate.CRX || g == Gate.CRY || g == Gate.CRZ || (g == Gate.CU3 && j == 0);
    }

    @Override
    public Gradient compute(Circuit circuit, double[] theta, PauliSum observable) {
        return shiftRule(circuit, theta, (state, rng) -> expectation(state, observable, rng));
    }

    /**
     * The value and gradient of {@code sum_i weights[i] |psi_i|^2} (a diagonal observable, the
     * quantum weight generator's), each shifted circuit's value exact or, with shots, the mean weight
     * of the sampled basis states.
     */
    public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
        if (weights.length != 1 << circuit.numQubits()) {
            throw new IllegalArgumentException("need 2^" + circuit.numQubits() + " weights, got " + weights.length);
        }
        return shiftRule(circuit, theta, (state, rng) -> diagonalValue(state, weights, rng));
    }

    private double diagonalValue(StateVector state, double[] weights, SplittableRandom rng) {
        double[] p = Measurements.probabilities(state);
        if (shots == 0) {
            double v = 0;
            for (int i = 0; i < p.length; i++) {
                v += weights[i] * p[i];
            }
            return v;
        }
        double[] cumulative = new double[p.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            total += p[i];
            cumulative[i] = total;
        }
        double sum = 0;
        for (int s = 0; s < shots; s++) {
            int i = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            i = i >= 0 ? i : Math.min(p.length - 1, -i - 1);
            sum += weights[i];
        }
        return sum / shots;
    }

    private Gradient shiftRule(Circuit circuit, double[] theta,
                               java.util.function.ToDoubleBiFunction<StateVector, SplittableRandom> value) {
        SplittableRandom rng = new SplittableRandom(seed);
        Circuit bound = circuit.bind(theta);
        List<Operation> ops = bound.operations();
        double[] grad = new double[circuit.numParameters()];
        for (int k = 0; k < ops.size(); k++) {
            Operation symbolic = circuit.operations().get(k);
            for (int j = 0; j < symbolic.gate().numParams(); j++) {
                ParameterExpression e = symbolic.param(j);
                if (e.isConstant() || e.coefficient() == 0) {
                    continue;
                }
                double d;
                if (fourTerm(symbolic.gate(), j)) {
                    d = D_PLUS * (shifted(bound, k, j, Math.PI / 2, value, rng)
                            - shifted(bound, k, j, -Math.PI / 2, value, rng))
                            - D_MINUS * (shifted(bound, k, j, 3 * Math.PI / 2, value, rng)
                            - shifted(bound, k, j, -3 * Math.PI / 2, value, rng));
                } else {
                    d = 0.5 * (shifted(bound, k, j, Math.PI / 2, value, rng)
                            - shifted(bound, k, j, -Math.PI / 2, value, rng));
                }
                grad[circuit.parameterIndex(e.parameter())] += e.coefficient() * d;
            }
        }
        return new Gradient(value.applyAsDouble(simulator.run(bound), rng), grad);
    }

    private double shifted(Circuit bound, int k, int j, double shift,
                           java.util.function.ToDoubleBiFunction<StateVector, SplittableRandom> value,
                           SplittableRandom rng) {
        Circuit.Builder b = Circuit.builder(bound.numQubits());
        List<Operation> ops = bound.operations();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (i == k) {
                double[] v = op.constantParamValues();
                v[j] += shift;
                b.add(op.gate(), v, op.qubits());
            } else {
                b.add(op);
            }
        }
        return value.applyAsDouble(simulator.run(b.build()), rng);
    }

    private double expectation(StateVector s, PauliSum h, SplittableRandom rng) {
        return shots == 0 ? Measurements.expectation(s, h) : ShotEstimator.estimate(simulator, s, h, shots, rng.split());
    }
}
