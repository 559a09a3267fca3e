package org.qtune.circuit.ansatz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightedGraphTest {
    @Test
    void aGraphFileWithAByteOrderMarkReadsAsWithout(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("g.txt");
        Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '0', ' ', '1', '\n', '1', ' ', '2', ' ', '2', '\n'});
        WeightedGraph g = WeightedGraph.read(f);
        assertEquals(3, g.numVertices());
        assertEquals(3.0, g.cutValue(0b010), 0.0);
    }

    @Test
    void invalidBytesInAGraphFileNameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("g.txt");
        Files.write(f, new byte[] {'0', ' ', '1', '\n', '1', ' ', (byte) 0x80, '\n'});
        assertEquals(f + ":2: not valid UTF-8 (byte 0x80 at byte 3 of the line)",
                assertThrows(IllegalArgumentException.class, () -> WeightedGraph.read(f)).getMessage());
    }

    @Test
    void theGateCountsOfTheAnsatzesAreThoseTheyBuild() {
        WeightedGraph g = WeightedGraph.parse("0 1\n1 2\n2 3\n3 0\n0 2\n", "g");
        for (int p = 1; p <= 3; p++) {
            assertEquals(Qaoa.maxCut(g, p).size(), Qaoa.gateCount(g, p));
        }
        for (int n = 1; n <= 5; n++) {
            for (int l = 1; l <= 3; l++) {
                assertEquals(StronglyEntangling.build(n, l).size(), StronglyEntangling.gateCount(n, l));
                for (var t : HardwareEfficient.Topology.values()) {
                    for (var r : HardwareEfficient.Rotations.values()) {
                        for (boolean fin : new boolean[] {false, true}) {
                            HardwareEfficient.Builder b = HardwareEfficient.builder(n).layers(l).topology(t).rotations(r)
                                    .finalRotations(fin);
                            assertEquals(b.build().size(), b.gateCount(), n + " " + l + " " + t + " " + r + " " + fin);
                        }
                    }
                }
            }
        }
        assertEquals(100_000_000L * 31 + 16, HardwareEfficient.builder(16).layers(100_000_000)
                .entangler(HardwareEfficient.Entangler.CX).topology(HardwareEfficient.Topology.LINE)
                .finalRotations(true).gateCount(), "counted without building");
    }

    @Test
    void aWeightThatIsNotFiniteOrCouldOverflowIsReportedWithItsLine() {
        for (String w : new String[] {"1e309", "NaN", "-1e200"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WeightedGraph.parse("0 1\n1 2 " + w + "\n", "g.txt"));
            assertEquals("g.txt, line 2: weight " + w + " is not a number of magnitude at most 1.0E100 (larger cut "
                    + "values and gradients would overflow)", e.getMessage());
        }
    }
}
