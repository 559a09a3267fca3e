package org.qtune.spark.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;
import org.qtune.optim.OptimizerState;

/**
 * The driver's optimizer loop: ask, evaluate the step's points (one Spark job at most, by the
 * {@link StepEvaluator}), tell, print a progress line, and every {@code checkpointEvery} steps write
 * the whole state atomically. With a checkpoint store that already holds a valid checkpoint, the loop
 * resumes from it: same seed and evaluations, so the same final parameters as an uninterrupted run.
 */
public final class TrainingLoop {
    /** Evaluates one step's requests, in order; a distributed evaluator runs them as one Spark job. */
    @FunctionalInterface
    public interface StepEvaluator {
        List<Evaluation> evaluate(List<EvaluationRequest> requests, int step) throws Exception;

        /**
         * Seconds of the last {@link #evaluate} spent in Spark rather than in simulation (scheduling,
         * task launch, serialization, result transfer); 0 for an evaluator that runs in the driver.
         */
        default double lastOverheadSeconds() {
            return 0;
        }
    }

    private final Optimizer optimizer;
    private final StepEvaluator evaluator;
    private final ConvergenceCheck check;
    private CheckpointStore store;
    private int checkpointEvery;
    private PrintStream progress;
    private MetricsLog metrics;

    public TrainingLoop(Optimizer optimizer, StepEvaluator evaluator, ConvergenceCheck check) {
        this.optimizer = optimizer;
        this.evaluator = evaluator;
        this.check = check;
    }

    /** Checkpoint every {@code steps} completed steps to {@code store}, and resume from it. */
    public TrainingLoop checkpoints(CheckpointStore s, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1");
        }
        this.store = s;
        this.checkpointEvery = steps;
        return this;
    }

    /** Logs every step's metrics (JSON lines) to {@code log}. */
    public TrainingLoop metrics(MetricsLog log) {
        this.metrics = log;
        return this;
    }

    public TrainingLoop progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    public OptimizationResult run(double[] x0) throws Exception {
        OptimizerState state = optimizer.start(x0);
        if (store != null) {
            Optional<CheckpointStore.Checkpoint> cp = store.newestValid();
            if (cp.isPresent()) {
                state = cp.get().state();
                if (progress != null) {
                    progress.printf("resuming from step %d%n", cp.get().step());
                }
            }
        }
        List<Double> history = new ArrayList<>();
        long started = System.nanoTime();
        // a step may take several asks (a line search): its time runs from the end of the previous step
        long stepStart = started, evaluationNanos = 0;
        double overheadSeconds = 0;
        while (true) {
            if (state.iteration() >= check.maxIterations()) {
                return result(OptimizationResult.Status.MAX_ITERATIONS, state, history);
            }
            long t0 = System.nanoTime();
            List<EvaluationRequest> asked = optimizer.ask(state);
            long e0 = System.nanoTime();
            List<Evaluation> told = evaluator.evaluate(asked, state.iteration() + 1);
            evaluationNanos += System.nanoTime() - e0;
            overheadSeconds += evaluator.lastOverheadSeconds();
            int before = state.iteration();
            state = optimizer.tell(state, told);
            if (state.stalled()) {
                return result(OptimizationResult.Status.CONVERGED_VALUE, state, history);
            }
            if (state.iteration() == before) {
                continue;
            }
            history.add(state.value());
            if (metrics != null) {
                metrics.step(state.iteration(), state.value(), state.gradientNorm(), (System.nanoTime() - stepStart) / 1e9,
                        evaluationNanos / 1e9, overheadSeconds);
            }
            stepStart = System.nanoTime();
            evaluationNanos = 0;
            overheadSeconds = 0;
            if (progress != null) {
                progress.printf("step %d  objective %.10g  |grad| %.3g  %.0f ms%n", state.iteration(), state.value(),
                        state.gradientNorm(), (System.nanoTime() - t0) / 1e6);
            }
            if (store != null && state.iteration() % checkpointEvery == 0) {
                store.write(state.iteration(), state, 0);
            }
            if (check.gradientTolerance() > 0 && state.gradientNorm() <= check.gradientTolerance()) {
                return result(OptimizationResult.Status.CONVERGED_GRADIENT, state, history);
            }
            if (check.wallClock() != null && System.nanoTime() - started > check.wallClock().toNanos()) {
                return result(OptimizationResult.Status.TIME_LIMIT, state, history);
            }
        }
    }

    private static OptimizationResult result(OptimizationResult.Status status, OptimizerState s, List<Double> history) {
        return new OptimizationResult(status, s.x(), s.value(), s.iteration(), s.evaluations(), history, s);
    }
}
