package org.qtune.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.SharedData;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.qasm.QasmException;
import org.qtune.circuit.qasm.QasmReader;
import org.qtune.circuit.qasm.QasmWriter;

/** The real QASMBench circuits through the simulator (skipped without ../shared). */
class QasmBenchSimulationTest {

    private static List<Circuit> loadable() throws IOException {
        List<Circuit> out = new ArrayList<>();
        for (Path f : SharedData.qasmBenchFiles()) {
            try {
                out.add(QasmReader.read(f));
            } catch (QasmException e) {
                // rejected files are QasmBenchTest's subject
            }
        }
        return out;
    }

    @Test
    void theRippleCarryAdderAddsOneToFifteen() throws IOException {
        Circuit c = QasmReader.read(SharedData.qasmBenchDirectory().resolve("adder_n10/adder_n10.qasm"));
        try (Simulator sim = new Simulator()) {
            StateVector s = sim.run(c);
            // registers in order: cin (q0), a (q1..q4) = 0001, b (q5..q8), cout (q9).
            // a + b = 1 + 15 = 16: b becomes 0000 and cout 1; a is restored.
            int expected = 1 << 1 | 1 << 9;
            assertEquals(1.0, Measurements.probability(s, expected), 1e-12);
        }
    }

    @Test
    void everyUnitaryCircuitSimulatesTheSameFusedBlockedOrPlainAndAfterARoundTrip() throws IOException {
        List<Circuit> circuits = loadable();
        assertTrue(circuits.size() >= 30, "only " + circuits.size() + " circuits loaded");
        SimulatorOptions d = SimulatorOptions.defaults();
        try (Simulator plain = new Simulator(d.unoptimized().withVector(false).withThreads(1));
             Simulator fast = new Simulator(d.withTileQubits(6));
             Simulator fused = new Simulator(d.withBlocking(false).withMaxFusedQubits(5))) {
            for (Circuit c : circuits) {
                StateVector ref = plain.run(c);
                assertEquals(1.0, Measurements.norm(ref), 1e-12);
                assertTrue(fast.run(c).maxDifference(ref) < 1e-12, c.toString());
                assertTrue(fused.run(c).maxDifference(ref) < 1e-12, c.toString());
                Circuit back = QasmReader.parse(QasmWriter.write(c));
                assertTrue(fast.run(back).maxDifference(ref) < 1e-12, "round trip of " + c);
            }
        }
    }
}
