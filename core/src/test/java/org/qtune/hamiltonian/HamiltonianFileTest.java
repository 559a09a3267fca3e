package org.qtune.hamiltonian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.Measurements;
import org.qtune.sim.StateVector;

class HamiltonianFileTest {
    @Test
    void termsCommentsAndRepeatsAddUp() {
        PauliSum h = HamiltonianFile.parse("# a test\n-1.0*Z0 Z1   # coupling\n\n0.8*X1\n0.2*Z0 Z1\n-0.5\n", "t");
        StateVector s = StateVector.basis(2, 1); // q0 = 1: Z0 Z1 = -1
        assertEquals(-1.0 * -1 + 0.2 * -1 - 0.5, Measurements.expectation(s, h), 1e-15);
        assertEquals(3, h.terms().size());
    }

    @Test
    void errorsNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HamiltonianFile.parse("0.5*Z0\n# fine\n0.3*Q2\n", "h.txt"));
        assertTrue(e.getMessage().startsWith("h.txt, line 3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HamiltonianFile.parse("# nothing\n", "empty"));
    }

    @Test
    void aWrittenFileReadsBackToTheSameSum(@TempDir Path dir) throws Exception {
        PauliSum h = H2Sto3g.hamiltonian(0.735);
        Path f = dir.resolve("h2.txt");
        HamiltonianFile.write(f, h, "H2 STO-3G 0.735 A\nsecond line");
        PauliSum back = HamiltonianFile.read(f);
        assertEquals(h.terms(), back.terms());
    }

    @Test
    void invalidBytesAreReportedWithTheFileAndLineAndAByteOrderMarkIsSkipped(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.txt");
        java.nio.file.Files.write(bad, new byte[] {'0', '.', '5', '*', 'Z', '0', '\n', '-', (byte) 0xE9, '\n'});
        assertEquals(bad + ":2: not valid UTF-8 (byte 0xE9 at byte 2 of the line)",
                assertThrows(IllegalArgumentException.class, () -> HamiltonianFile.read(bad)).getMessage());
        Path bom = dir.resolve("bom.txt");
        java.nio.file.Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '-', '1', '*', 'Z', '0', '\n'});
        assertEquals(-1.0, Measurements.expectation(StateVector.basis(1, 0), HamiltonianFile.read(bom)), 0.0);
    }

    @Test
    void coefficientsLargeEnoughToOverflowTheEnergyAreRefused() {
        // two terms of 1e308 made every energy infinite and L-BFGS halve its step forever
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HamiltonianFile.parse("1e308*Z0\n1e308*Z1\n", "big.txt"));
        assertTrue(e.getMessage().startsWith("big.txt: the coefficients' absolute values add up to Infinity, more than "
                + "1.0E150"), e.getMessage());
        assertEquals(2e149, Measurements.expectation(StateVector.basis(1, 0), HamiltonianFile.parse("2e149*Z0\n", "ok")));
    }
}
