/**
 * Test support shared by the tests of core and, through core's test-jar, of spark-jobs:
 * {@link org.qtune.testing.DenseReference}, the one naive dense simulator that the simulator, gradient,
 * batched-simulator and OpenQASM tests compare against (with random states, circuits and parameters),
 * and {@link org.qtune.testing.Layering}, the checker of the dependency table in docs/ARCHITECTURE.md.
 */
package org.qtune.testing;
