package org.qtune.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {
    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0, -0.05})
    void aLearningRateThatIsNotAFinitePositiveNumberIsRefusedNamingTheOption(double value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.finitePositive("--learning-rate", value));
        assertEquals("--learning-rate must be a finite number > 0, got " + value, e.getMessage());
    }

    @Test
    void valuesInRangeAreReturnedUnchanged() {
        assertEquals(0.05, Checks.finitePositive("--learning-rate", 0.05));
        assertEquals(-3.5, Checks.finite("--x", -3.5));
        assertEquals(2.0, Checks.inRange("--y", 2.0, 1, 3));
        assertEquals(7, Checks.atLeast("--n", 7, 1));
        assertEquals(3, Checks.inRange("--k", 3, 0, 3));
        assertEquals(64, Checks.powerOfTwo("--partitions", 64));
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheOptionAndTheRange() {
        assertEquals("--x must be a finite number, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Checks.finite("--x", Double.NaN)).getMessage());
        assertEquals("--y must be a number in 1.0..3.0, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> Checks.inRange("--y", Double.POSITIVE_INFINITY, 1, 3)).getMessage());
        assertEquals("--n must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Checks.atLeast("--n", 0, 1)).getMessage());
        assertEquals("--k must be in 0..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> Checks.inRange("--k", 4, 0, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checks.powerOfTwo("--partitions", 0));
        assertThrows(IllegalArgumentException.class, () -> Checks.powerOfTwo("--partitions", 6));
    }
}
