package org.qtune.optim;

import java.util.List;

/**
 * An ask/tell optimizer. Call order: {@link #start}, then repeatedly {@link #ask} for the points to
 * evaluate and {@link #tell} the evaluations in the same order, which returns the next state. The
 * caller evaluates the points however it likes (one Spark job per step, say). States are immutable;
 * the same seed, start point and evaluations give the same sequence of states.
 */
public interface Optimizer {
    OptimizerState start(double[] x0);

    List<EvaluationRequest> ask(OptimizerState state);

    OptimizerState tell(OptimizerState state, List<Evaluation> evaluations);

    String name();

    /** Reads and writes this optimizer's states (for checkpoints); its name is {@link #name()}. */
    StateCodec<? extends OptimizerState> codec();

    /** Checks that the state came from this optimizer and the answers match the requests. */
    default void checkTell(OptimizerState state, List<EvaluationRequest> asked, List<Evaluation> told) {
        if (told.size() != asked.size()) {
            throw new IllegalArgumentException(name() + " asked for " + asked.size() + " evaluation(s), got "
                    + told.size());
        }
        for (int i = 0; i < told.size(); i++) {
            Evaluation e = told.get(i);
            if (asked.get(i).needsGradient() && (e.gradient() == null
                    || e.gradient().length != asked.get(i).point().length)) {
                throw new IllegalArgumentException(name() + " needs the gradient at point " + i);
            }
        }
    }
}
