package org.qtune.select;

import java.util.SplittableRandom;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.AdjointGradient;
import org.qtune.grad.Gradient;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.OptimizationResult;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.train.Minimizer;

/**
 * The lowest expectation of an observable over a circuit's parameters, by L-BFGS with adjoint
 * gradients from seeded starting points drawn uniformly in [0, pi/2) (the QAOA angles' usual
 * range): what QAOA for MaxCut and for selection both do.
 */
public final class MultiStart {
    /** Told after each start: its number (from 1) and result. */
    public interface Listener {
        void finished(int start, OptimizationResult result);
    }

    /** The best start's result and the L-BFGS steps of all starts together. */
    public record Best(OptimizationResult result, int iterations) {
    }

    private MultiStart() {
    }

    public static Best minimize(Simulator sim, Circuit circuit, PauliSum observable, int starts, int iterations,
                                long seed, Listener listener) {
        SplittableRandom rnd = new SplittableRandom(seed);
        OptimizationResult best = null;
        int total = 0;
        for (int start = 1; start <= starts; start++) {
            double[] x0 = new double[circuit.numParameters()];
            for (int i = 0; i < x0.length; i++) {
                x0[i] = rnd.nextDouble(0, Math.PI / 2);
            }
            OptimizationResult r = Minimizer.minimize(new Lbfgs(), (x, grad) -> {
                if (!grad) {
                    return Evaluation.of(Measurements.expectation(sim.run(circuit, x), observable));
                }
                Gradient g = new AdjointGradient(sim).compute(circuit, x, observable);
                return new Evaluation(g.value(), g.gradient());
            }, x0, ConvergenceCheck.iterations(iterations).withGradientTolerance(1e-7));
            total += r.iterations();
            if (listener != null) {
                listener.finished(start, r);
            }
            if (best == null || r.value() < best.value()) {
                best = r;
            }
        }
        return new Best(best, total);
    }
}
