package org.qtune.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** Only that the harness runs end to end and reports every section: benchmarks are not tests. */
class SimulatorBenchmarkTest {
    @Test
    void aTinyRunReportsEverySectionWithPositiveFigures() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String md = SimulatorBenchmark.run(new SimulatorBenchmark.Config(8, 9, 2, 1, 1 << 12),
                new PrintStream(progress, true));
        assertTrue(md.contains("triad"), md);
        assertTrue(md.contains("| 8 | h q0 |") && md.contains("| 9 | cx q0,q8 |"), md);
        assertTrue(md.matches("(?s).*\\| 9 \\| [0-9.]+ \\| \\d+ \\| [0-9.]+ \\| [0-9.]+ \\| \\d+ \\| [0-9.]+x \\|.*"), md);
        assertTrue(progress.toString().contains("bench: n=9 ansatz unfused"));
    }
}
