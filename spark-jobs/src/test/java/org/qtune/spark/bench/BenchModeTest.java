package org.qtune.spark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.qtune.bench.SimulatorBenchmark;
import org.qtune.bench.SmallCircuitBenchmark;
import org.qtune.resources.MemoryBudget;
import org.qtune.resources.MemoryEstimate;
import org.qtune.spark.launch.SimulationPlan;

class BenchModeTest {
    /** The launcher's default heap. */
    static final MemoryBudget FOUR_GIB = MemoryBudget.ofHeap("the launcher's 4g heap", 4L << 30);

    @Test
    void everyModesDefaultSizesAreItsDocumentedTableAndFitTheLaunchersHeap() {
        assertEquals(4, BenchMode.SMALL.defaultMinQubits());
        assertEquals(12, BenchMode.SMALL.defaultMaxQubits());
        assertEquals(10, BenchMode.BATCHED.defaultMinQubits());
        assertEquals(20, BenchMode.BATCHED.defaultMaxQubits());
        assertEquals(24, BenchMode.DISTRIBUTED.defaultMaxQubits());
        assertEquals(26, BenchMode.SIMULATOR.defaultMaxQubits());
        // --small at its old default of 20 qubits held 4 GiB of amplitudes per batch of 256, more than 4g
        assertTrue(FOUR_GIB.fits(SmallCircuitBenchmark.memory(BenchMode.SMALL.defaultMaxQubits(), 256)));
        assertTrue(!FOUR_GIB.fits(SmallCircuitBenchmark.memory(20, 256)), "the old default did not fit");
        assertTrue(FOUR_GIB.fits(SimulatorBenchmark.memory(SimulatorBenchmark.Config.of(20, 26, 2, 5))));
        assertTrue(FOUR_GIB.fits(MemoryEstimate.stateVectors(BenchMode.BATCHED.defaultMaxQubits(), 3)));
        MemoryEstimate task = SimulationPlan.perTask(BenchMode.DISTRIBUTED.defaultMaxQubits(), 4, 0, 0);
        assertTrue(FOUR_GIB.bytes() / 16 >= task.bytes(), "16 concurrent tasks of local[*] on 4 partitions");
    }

    @Test
    void aRangeThatDoesNotFitIsRefusedBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> BenchMode.SIMULATOR.checkFits(5, 4, 1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> BenchMode.SIMULATOR.checkFits(2, 26, 1, 1, null));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchMode.DISTRIBUTED.checkFits(20, 24, 1, 6, "local[2]")).getMessage().contains("power of two"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchMode.DISTRIBUTED.checkFits(30, 30, 1, 2, "spark://h:7077")).getMessage()
                .startsWith("bench --distributed at n = 30 needs about 24.0 GiB"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchMode.BATCHED.checkFits(10, 45, 256, 4, "local[2]")).getMessage()
                .startsWith("bench --batched at n = 45 needs about"));
        BenchMode.DISTRIBUTED.checkFits(20, 24, 1, 4, "local[2]");
    }
}
