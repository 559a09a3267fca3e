package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.PauliSum;
import org.qtune.hamiltonian.ElectronSector;
import org.qtune.hamiltonian.HamiltonianFile;

class VqeLihCommandTest {
    @Test
    void defaultsReachTheGroundStateOfTheSixQubitLithiumHydrideActiveSpace() throws Exception {
        Path f = VqeCommandTest.HAMILTONIANS.resolve("lih_sto3g_1.595_active6.txt");
        PauliSum h = HamiltonianFile.read(f);
        assertEquals(6, h.minQubits());
        // the hardware-efficient ansatz does not conserve the electron number: its floor is the lowest
        // eigenvalue over all 2^6 states, which here is the 2-electron (1 up, 1 down) ground state
        double exact = VqeCommandTest.exactGroundEnergy(h);
        assertEquals(exact, ElectronSector.groundEnergy(h, 6, 1, 1), 1e-10);
        assertEquals(-7.881145, exact, 1e-6);

        JsonNode r = VqeCommandTest.vqe("vqe", "--hamiltonian", f.toString(), "--seed", "1");
        double energy = r.get("energy").asDouble();
        assertEquals(exact, energy, 1.6e-3);
        assertTrue(energy >= exact - 1e-9, "below the exact ground energy: " + energy);
        assertEquals(6, r.get("layers").asInt());
    }
}
