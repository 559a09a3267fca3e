package org.qtune.finetune;

import java.util.ArrayList;
import java.util.List;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.train.StepEvaluator;

/**
 * Training steps that add micro-batch {@link Sums}: a step's value is the mean loss over what its
 * micro-batches counted and its gradient the mean gradient. {@link LocalSteps} in this process and
 * the Spark job's data-parallel steps give the same sums for the same step.
 */
public interface SumSteps extends StepEvaluator {
    /** The sums of step {@code step} (1 for the first) at {@code theta}. */
    Sums step(double[] theta, int step);

    @Override
    default List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) {
        List<Evaluation> out = new ArrayList<>(requests.size());
        for (EvaluationRequest r : requests) {
            Sums s = step(r.point(), step);
            out.add(new Evaluation(s.meanLoss(), s.meanGradient()));
        }
        return out;
    }
}
