package org.qtune.train;

import java.io.IOException;
import java.io.PrintStream;
import org.qtune.optim.OptimizerState;

/**
 * A hook of the {@link TrainingLoop}: told once where the run starts, then once per completed step,
 * in step order, each step exactly once over a run and its resumptions (a resumed run starts after
 * its checkpoint's step; steps after that checkpoint which an interrupted run had already reported
 * are reported again, so a listener that persists them drops those at {@link #started}).
 */
public interface StepListener {
    /** Before the first step: {@code fromStep} is 0 for a fresh run, else the step of the checkpoint resumed. */
    default void started(int fromStep) throws IOException {
    }

    /** After every completed step, before the loop checks whether to stop. */
    void stepCompleted(StepMetrics m) throws IOException;

    /**
     * The same, with the optimizer's state after the step, for a hook that needs the parameters (an
     * evaluation every K steps); calls {@link #stepCompleted(StepMetrics)} unless overridden.
     */
    default void stepCompleted(StepMetrics m, OptimizerState state) throws IOException {
        stepCompleted(m);
    }

    /** Progress lines for people: "resuming from step N", then one line per step. */
    static StepListener printing(PrintStream out) {
        return new StepListener() {
            @Override
            public void started(int fromStep) {
                if (fromStep > 0) {
                    out.printf("resuming from step %d%n", fromStep);
                }
            }

            @Override
            public void stepCompleted(StepMetrics m) {
                out.printf("step %d  objective %.10g  |grad| %.3g  %.0f ms%n", m.step(), m.value(), m.gradientNorm(),
                        m.seconds() * 1e3);
            }
        };
    }
}
