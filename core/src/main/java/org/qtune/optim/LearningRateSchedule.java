package org.qtune.optim;

/**
 * The factor a step's learning rate is multiplied by: a linear warm-up over the first
 * {@code warmupSteps} steps (step t of them gets t / warmupSteps, so the first step already moves),
 * then a cosine decay from 1 to {@code minRatio} at step {@code totalSteps} (and {@code minRatio}
 * after it). With {@code totalSteps} 0 the rate stays constant after the warm-up.
 */
public record LearningRateSchedule(int warmupSteps, int totalSteps, double minRatio) {
    public LearningRateSchedule {
        if (warmupSteps < 0 || totalSteps < 0 || (totalSteps > 0 && warmupSteps > totalSteps)) {
            throw new IllegalArgumentException("need 0 <= warm-up steps <= total steps, got " + warmupSteps + " and "
                    + totalSteps);
        }
        if (!(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("the schedule's minimum ratio must be in [0, 1], got " + minRatio);
        }
    }

    /** The same rate at every step. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(0, 0, 1);
    }

    /** Warm-up, then cosine decay to 0 at {@code totalSteps}. */
    public static LearningRateSchedule cosine(int warmupSteps, int totalSteps) {
        return new LearningRateSchedule(warmupSteps, totalSteps, 0);
    }

    /** The factor of step {@code step} (1 for the first). */
    public double factor(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
        if (step <= warmupSteps) {
            return (double) step / warmupSteps;
        }
        if (totalSteps == 0) {
            return 1;
        }
        double progress = Math.min(1, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
