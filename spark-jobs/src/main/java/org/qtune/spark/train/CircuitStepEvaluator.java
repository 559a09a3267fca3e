package org.qtune.spark.train;

import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.ShiftPlan;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.spark.batch.BatchEvaluator;
import org.qtune.train.StepEvaluator;

/**
 * Evaluates an optimizer step of {@code <H>(theta)} on the executors, whatever the step asks — a
 * gradient (parameter shift), SPSA's perturbed values, a line search's trial points, a population —
 * as one Spark job per {@link #evaluate} call, described as "{@code name} step N". With shots, every
 * circuit of step N is estimated from samples seeded by (seed, N), so a resumed run draws the same.
 */
public final class CircuitStepEvaluator implements StepEvaluator {
    private final BatchEvaluator batch;
    private final ShiftPlan plan;
    private final PauliSum observable;
    private final int shots;
    private final long seed;
    private final String name;
    private int lastStep = -1;
    private int calls;
    private double lastOverhead;

    /** Exact expectations when {@code shots == 0}. */
    public CircuitStepEvaluator(BatchEvaluator batch, Circuit circuit, PauliSum observable, int shots, long seed,
                                String name) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0, got " + shots);
        }
        if (observable.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable uses qubit " + (observable.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        this.batch = batch;
        this.plan = ShiftPlan.of(circuit);
        this.observable = observable;
        this.shots = shots;
        this.seed = seed;
        this.name = name;
    }

    @Override
    public List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) {
        // a step may call several times (line search): each call gets its own stream, fixed by (seed, step, call)
        calls = step == lastStep ? calls + 1 : 0;
        lastStep = step;
        long callSeed = org.qtune.optim.Seeds.derive(seed, (long) step << 20, calls);
        List<Evaluation> out = batch.evaluate(plan, observable, requests, shots, callSeed, name + " step " + step);
        lastOverhead = batch.lastJob().overheadSeconds();
        return out;
    }

    @Override
    public double lastOverheadSeconds() {
        return lastOverhead;
    }
}
