package org.qtune.train;

import java.util.Arrays;

/**
 * What a checkpoint holds: the step, the run it belongs to, the objective after every step so far
 * (so a resumed run's history is the whole run's), and the optimizer's state as its own
 * {@link org.qtune.optim.StateCodec} wrote it (decoded only once the run is known to match).
 */
public record Checkpoint(int step, RunFingerprint run, double[] history, byte[] state) {
    public Checkpoint {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
        }
        history = history.clone();
        state = state.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && step == c.step && run.equals(c.run) && Arrays.equals(history, c.history)
                && Arrays.equals(state, c.state);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * step + run.hashCode()) + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "Checkpoint[step=" + step + ", run=" + run + ", " + state.length + " state bytes]";
    }
}
