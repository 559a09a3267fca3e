package org.qtune.adapter;

/**
 * How a QTHA adapter's per-token circuits are evaluated: exactly from the simulated state with the
 * adjoint for gradients (the default, what simulation allows), or as a device could run them: the
 * gradient by the parameter-shift rule ({@code parameterShift}) and, with {@code shots} &gt; 0, every
 * expectation (the forward's and each shifted circuit's) estimated from that many measurements per
 * token. Training with shots needs the parameter-shift rule: a device gives no state to run the
 * adjoint on. An evaluation may use shots alone.
 */
public record CircuitMode(boolean parameterShift, int shots) {
    /** The most shots per expectation: beyond this the estimate is the exact value for every purpose here. */
    public static final int MAX_SHOTS = 1_000_000;

    /** Exact expectations, adjoint gradients. */
    public static final CircuitMode EXACT = new CircuitMode(false, 0);

    public CircuitMode {
        if (shots < 0 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException("shots must be in 0.." + MAX_SHOTS + " (0: exact), got " + shots);
        }
    }

    /** How a report names it: adjoint, parameter-shift, and the shots when there are any. */
    public String describe() {
        return (parameterShift ? "parameter-shift" : "adjoint") + (shots > 0 ? ", " + shots + " shots" : ", exact");
    }
}
