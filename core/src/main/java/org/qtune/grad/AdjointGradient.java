package org.qtune.grad;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.AdjointTape;
import org.qtune.sim.CompiledGates;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.sim.kernel.PermutationKernels;

/**
 * Adjoint differentiation (Jones and Gacon, arXiv:2009.02823). With psi = U_N ... U_1 |0&gt; and
 * lambda = O psi, walk the gates backwards: psi &lt;- U_k^dagger psi, then
 * df/d(angle of gate k) = 2 Re &lt;lambda| dU_k psi&gt;, then lambda &lt;- U_k^dagger lambda. Every
 * parameter's derivative costs one derivative-matrix application and one inner product, so the whole
 * gradient costs about three simulations and three state vectors of memory. Affine arguments
 * a*theta + b contribute a times the angle derivative; a parameter used by several gates sums them.
 *
 * <p>{@link #diagonal} differentiates {@code sum_i w_i |psi_i|^2}, the form the quantum weight
 * generator needs (dLoss/dp given as weights), with lambda_i = w_i psi_i.
 */
public final class AdjointGradient implements GradientMethod {
    private final Simulator simulator;

    public AdjointGradient(Simulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public Gradient compute(Circuit circuit, double[] theta, PauliSum observable) {
        if (observable.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable acts on qubit " + (observable.minQubits() - 1)
                    + " of a " + circuit.numQubits() + "-qubit circuit");
        }
        StateVector psi = simulator.run(circuit, theta);
        StateVector lambda = applyObservable(psi, observable);
        double value = Measurements.innerProduct(psi, lambda)[0];
        return backward(circuit, theta, psi, lambda, value);
    }

    /**
     * The value and gradient of {@code sum_i weights[i] |psi_i(theta)|^2}.
     *
     * @param weights 2^n real weights (not modified)
     */
    public Gradient diagonal(Circuit circuit, double[] theta, double[] weights) {
        if (weights.length != 1 << circuit.numQubits()) {
            throw new IllegalArgumentException("need 2^" + circuit.numQubits() + " = " + (1 << circuit.numQubits())
                    + " weights, got " + weights.length);
        }
        StateVector psi = simulator.run(circuit, theta);
        StateVector lambda = psi.copy();
        double value = 0;
        int size = 1 << psi.pageQubits();
        for (int k = 0; k < lambda.numPages(); k++) {
            double[] lr = lambda.rePage(k), li = lambda.imPage(k);
            for (int o = 0, i = k * size; o < size; o++, i++) {
                value += weights[i] * (lr[o] * lr[o] + li[o] * li[o]);
                lr[o] *= weights[i];
                li[o] *= weights[i];
            }
        }
        return backward(circuit, theta, psi, lambda, value);
    }

    /** lambda = O psi for a Pauli sum. */
    static StateVector applyObservable(StateVector psi, PauliSum observable) {
        StateVector out = psi.zerosLike();
        int pq = psi.pageQubits(), offsetMask = (1 << pq) - 1;
        for (PauliSum.Term t : observable.terms()) {
            PauliString p = t.pauli();
            int x = (int) p.xMask(), z = (int) p.zMask();
            for (int k = 0; k < psi.numPages(); k++) {
                // page k's amplitudes land on page k ^ (x >> pq); its own z-bits give it one sign
                int target = k ^ (x >>> pq);
                double sign = (Integer.bitCount(k & (z >>> pq)) & 1) == 0 ? 1 : -1;
                PermutationKernels.addPauli(psi.rePage(k), psi.imPage(k), out.rePage(target), out.imPage(target),
                        x & offsetMask, z & offsetMask, Long.bitCount(p.xMask() & p.zMask()),
                        sign * t.coefficient(), 0, 1 << pq);
            }
        }
        return out;
    }

    /** The backward sweep along the circuit's tape at theta; psi and lambda are consumed (overwritten). */
    private Gradient backward(Circuit circuit, double[] theta, StateVector psi, StateVector lambda, double value) {
        AdjointTape tape = AdjointTape.of(circuit, theta);
        double[] grad = new double[circuit.numParameters()];
        tape.sweep(new WholeStates(simulator, tape, psi, lambda), grad);
        return new Gradient(value, grad);
    }

    /**
     * psi and lambda as whole states (paged or not): each gate of the tape planned once for their
     * geometry, its derivative applied to a copy of psi.
     */
    private static final class WholeStates implements AdjointTape.StatePair {
        private final Simulator simulator;
        private final AdjointTape tape;
        private final StateVector psi;
        private final StateVector lambda;
        private final StateVector mu;
        private final CompiledGates inverses;
        private final CompiledGates derivatives;

        WholeStates(Simulator simulator, AdjointTape tape, StateVector psi, StateVector lambda) {
            this.simulator = simulator;
            this.tape = tape;
            this.psi = psi;
            this.lambda = lambda;
            this.mu = psi.zerosLike();
            this.inverses = simulator.compileEach(tape.inverses(), psi.numQubits(), psi.pageQubits());
            this.derivatives = simulator.compileEach(tape.derivatives(), psi.numQubits(), psi.pageQubits());
        }

        @Override
        public void unapplyPsi(int entry) {
            simulator.applyGate(inverses, entry, psi);
        }

        @Override
        public double derivativeOverlap(int entry, int term) {
            mu.setFrom(psi);
            simulator.applyGate(derivatives, tape.derivativeIndex(entry, term), mu);
            return Measurements.realInnerProduct(lambda, mu);
        }

        @Override
        public void unapplyLambda(int entry) {
            simulator.applyGate(inverses, entry, lambda);
        }
    }
}
