package org.qtune.spark.train;

import java.util.List;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.train.StepEvaluator;

/**
 * Evaluates an optimizer step of a data-encoded circuit's mean loss over a dataset on the executors:
 * every request of the step in one Spark job over all data shards, described as "{@code name} step N".
 */
public final class DatasetStepEvaluator implements StepEvaluator {
    private final ShardedLoss loss;
    private final String name;

    public DatasetStepEvaluator(ShardedLoss loss, String name) {
        this.loss = loss;
        this.name = name;
    }

    @Override
    public List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) {
        return loss.evaluate(requests, name + " step " + step);
    }

    @Override
    public double lastOverheadSeconds() {
        return loss.lastJob() == null ? 0 : loss.lastJob().overheadSeconds();
    }
}
