package org.qtune.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.OptimizationResult;
import org.qtune.optim.Optimizer;
import org.qtune.optim.OptimizerState;

/**
 * The optimizer loop, the only one: ask, evaluate the points with a {@link StepEvaluator} (in this
 * thread, or one Spark job), tell; after every completed step, tell the {@link StepListener}s
 * (progress lines, metrics), write a checkpoint every {@code checkpointEvery} steps, and check
 * whether to stop.
 *
 * <p>Stopping, in this order, after each completed step: the optimizer's own {@link
 * OptimizerState#stalled()} (status {@code CONVERGED_VALUE}), the gradient tolerance, the value
 * tolerance with patience ({@link ConvergenceCheck#valueConverged}, on the values of every completed
 * step of the run, resumed or not), the iteration limit, the wall clock. A tell that does not
 * complete a step (a line search's rejected trial point) checks only stalled and the wall clock.
 * The wall clock counts from this {@link #run} call.
 *
 * <p>With {@link #checkpoints}, a run resumes from the newest readable checkpoint in the
 * directory, if there is one, after checking that it belongs to the same run (its
 * {@link RunFingerprint}); another run's checkpoint is refused with an
 * {@link IllegalArgumentException} naming both. A resumed run gives the same states, history and
 * result as an uninterrupted one: the state and the history are in the checkpoint, and the stop
 * rules are checked on the resumed state before the next step (a finished run, rerun, stops at once).
 */
public final class TrainingLoop {
    private final Optimizer optimizer;
    private final StepEvaluator evaluator;
    private final ConvergenceCheck check;
    private final List<StepListener> listeners = new ArrayList<>();
    private Checkpoints checkpoints;
    private int checkpointEvery;
    private RunFingerprint fingerprint;

    public TrainingLoop(Optimizer optimizer, StepEvaluator evaluator, ConvergenceCheck check) {
        this.optimizer = optimizer;
        this.evaluator = evaluator;
        this.check = check;
    }

    /** Checkpoint every {@code steps} completed steps to {@code store}, and resume from it. */
    public TrainingLoop checkpoints(Checkpoints store, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1");
        }
        this.checkpoints = store;
        this.checkpointEvery = steps;
        return this;
    }

    /**
     * Which run this is, written into its checkpoints and compared on resume. Without one, a run is
     * identified by the optimizer's name and the start point only: give one that covers the
     * objective and the optimizer's settings.
     */
    public TrainingLoop fingerprint(RunFingerprint run) {
        this.fingerprint = run;
        return this;
    }

    /** Adds a hook told about every completed step (a {@link MetricsLog}, say); hooks run in the order added. */
    public TrainingLoop metrics(StepListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Adds progress lines ({@link StepListener#printing}) to {@code out}. */
    public TrainingLoop progress(PrintStream out) {
        return metrics(StepListener.printing(out));
    }

    /**
     * Runs from {@code x0}, or from the newest checkpoint of this run. Exceptions of the evaluator
     * and the hooks end the run and pass through; the last checkpoint stays for a resume.
     */
    public OptimizationResult run(double[] x0) throws Exception {
        long started = System.nanoTime();
        OptimizerState state;
        List<Double> history = new ArrayList<>();
        RunFingerprint run = checkpoints == null ? null : runFingerprint(x0);
        Optional<Checkpoint> saved = checkpoints == null ? Optional.empty() : checkpoints.newest();
        if (saved.isPresent()) {
            state = restore(saved.get(), run, x0.length);
            for (double v : saved.get().history()) {
                history.add(v);
            }
        } else {
            state = optimizer.start(x0);
        }
        for (StepListener l : listeners) {
            l.started(state.iteration());
        }
        if (saved.isPresent()) {
            OptimizationResult.Status done = stop(state, history, started, false);
            if (done != null) {
                return result(done, state, history);
            }
        }
        // a step may take several asks (a line search): its time runs from the end of the previous step
        long stepStart = System.nanoTime(), evaluationNanos = 0;
        double overheadSeconds = 0;
        while (true) {
            List<EvaluationRequest> asked = optimizer.ask(state);
            long e0 = System.nanoTime();
            List<Evaluation> told = evaluator.evaluate(asked, state.iteration() + 1);
            evaluationNanos += System.nanoTime() - e0;
            overheadSeconds += evaluator.lastOverheadSeconds();
            int before = state.iteration();
            state = optimizer.tell(state, told);
            if (state.iteration() == before) {
                if (state.stalled()) {
                    return result(OptimizationResult.Status.CONVERGED_VALUE, state, history);
                }
                if (pastWallClock(started)) {
                    return result(OptimizationResult.Status.TIME_LIMIT, state, history);
                }
                continue;
            }
            history.add(state.value());
            StepMetrics m = new StepMetrics(state.iteration(), state.value(), state.gradientNorm(),
                    (System.nanoTime() - stepStart) / 1e9, evaluationNanos / 1e9, overheadSeconds);
            for (StepListener l : listeners) {
                l.stepCompleted(m, state);
            }
            if (checkpoints != null && state.iteration() % checkpointEvery == 0) {
                checkpoints.save(new Checkpoint(state.iteration(), run, unbox(history),
                        optimizer.codec().encode(state)));
            }
            OptimizationResult.Status done = stop(state, history, started, true);
            if (done != null) {
                return result(done, state, history);
            }
            stepStart = System.nanoTime();
            evaluationNanos = 0;
            overheadSeconds = 0;
        }
    }

    private RunFingerprint runFingerprint(double[] x0) {
        return fingerprint != null ? fingerprint
                : RunFingerprint.of(optimizer.name() + " run", Map.of("optimizer", optimizer.name(), "start", x0));
    }

    /** The state of a checkpoint of this run; another run's is refused. */
    private OptimizerState restore(Checkpoint c, RunFingerprint run, int dimension) {
        if (!c.run().sameRunAs(run)) {
            throw new IllegalArgumentException(run.refusal(checkpoints.location(), c.run()));
        }
        OptimizerState state;
        try {
            state = optimizer.codec().decode(c.state());
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint dir " + checkpoints.location() + ", step " + c.step()
                    + ": cannot resume " + optimizer.name() + " from it (" + e.getMessage()
                    + "); use another --checkpoint-dir or delete it", e);
        }
        if (state.iteration() != c.step() || c.history().length != c.step() || state.x().length != dimension) {
            throw new IllegalArgumentException("checkpoint dir " + checkpoints.location() + ", step " + c.step()
                    + ": inconsistent (state at step " + state.iteration() + ", " + c.history().length
                    + " history values, " + state.x().length + " parameters for a start point of " + dimension + ")");
        }
        return state;
    }

    /** Why to stop after a completed step (or on resuming from one), or null to go on. */
    private OptimizationResult.Status stop(OptimizerState state, List<Double> history, long started,
                                           boolean wallClock) {
        if (state.stalled()) {
            return OptimizationResult.Status.CONVERGED_VALUE;
        }
        if (check.gradientTolerance() > 0 && state.gradientNorm() <= check.gradientTolerance()) {
            return OptimizationResult.Status.CONVERGED_GRADIENT;
        }
        if (check.valueConverged(history)) {
            return OptimizationResult.Status.CONVERGED_VALUE;
        }
        if (state.iteration() >= check.maxIterations()) {
            return OptimizationResult.Status.MAX_ITERATIONS;
        }
        if (wallClock && pastWallClock(started)) {
            return OptimizationResult.Status.TIME_LIMIT;
        }
        return null;
    }

    private boolean pastWallClock(long started) {
        return check.wallClock() != null && System.nanoTime() - started > check.wallClock().toNanos();
    }

    private static double[] unbox(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    private static OptimizationResult result(OptimizationResult.Status status, OptimizerState s, List<Double> history) {
        return new OptimizationResult(status, s.x(), s.value(), s.iteration(), s.evaluations(), history, s);
    }
}
