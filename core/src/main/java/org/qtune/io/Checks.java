package org.qtune.io;

/**
 * Checks of numeric option values, each throwing an IllegalArgumentException whose one line names
 * the option, the value and the range, before the value reaches code that would turn it into a
 * result of NaNs (a learning rate of Infinity) or a loop that never ends. Every method returns the
 * value, so a check reads as an assignment: {@code double lr = Checks.finitePositive("--learning-rate", x)}.
 */
public final class Checks {
    private Checks() {
    }

    /** A finite number (not NaN, not an infinity). */
    public static double finite(String option, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be a finite number, got " + value);
        }
        return value;
    }

    /** A finite number > 0. */
    public static double finitePositive(String option, double value) {
        if (!Double.isFinite(value) || !(value > 0)) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** A finite number in [min, max]. */
    public static double inRange(String option, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(option + " must be a number in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** An integer >= min. */
    public static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** An integer in [min, max]. */
    public static int inRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** A power of two >= 1. */
    public static int powerOfTwo(String option, int value) {
        if (value < 1 || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(option + " must be a power of two (1, 2, 4, ...), got " + value);
        }
        return value;
    }
}
