package org.qtune.sim;

/**
 * Test access, from the Spark module, to the core's count of planned programs: a distributed test
 * runs its executors in the test's JVM (local mode), so it sees every plan they make.
 */
public final class PlanCounter {
    private PlanCounter() {
    }

    /** Programs planned in this JVM so far. */
    public static long planned() {
        return Planner.PLANNED.get();
    }
}
