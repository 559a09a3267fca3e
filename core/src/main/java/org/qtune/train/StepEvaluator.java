package org.qtune.train;

import java.util.ArrayList;
import java.util.List;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.Objective;

/**
 * Evaluates the points one ask of an optimizer step requests, in order. A distributed evaluator runs
 * them as one Spark job; {@link #inProcess} calls an {@link Objective} point by point.
 */
@FunctionalInterface
public interface StepEvaluator {
    /**
     * The evaluations of {@code requests}, in their order. {@code step} is the step being computed
     * (1 for the first); a step may call several times (a line search), each with the same number.
     */
    List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) throws Exception;

    /**
     * Seconds of the last {@link #evaluate} spent outside the evaluation proper (for Spark:
     * scheduling, task launch, serialization, result transfer); 0 for an evaluator in this thread.
     */
    default double lastOverheadSeconds() {
        return 0;
    }

    /** Evaluates each request with {@code f}, one after another, in this thread. */
    static StepEvaluator inProcess(Objective f) {
        return (requests, step) -> {
            List<Evaluation> out = new ArrayList<>(requests.size());
            for (EvaluationRequest r : requests) {
                out.add(f.evaluate(r.point(), r.needsGradient()));
            }
            return out;
        };
    }
}
