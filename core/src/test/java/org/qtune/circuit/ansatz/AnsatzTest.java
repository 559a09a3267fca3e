package org.qtune.circuit.ansatz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;

/** The shapes of the named ansatzes: gate counts, parameter counts and the order of their names. */
class AnsatzTest {
    private static long count(Circuit c, Gate g) {
        return c.operations().stream().filter(op -> op.gate() == g).count();
    }

    private static List<String> names(Circuit c) {
        return c.parameters().stream().map(Parameter::name).toList();
    }

    @Test
    void theQthaLayerHasFourNWeightsPerLayerAfterItsInputs() {
        for (int n = 1; n <= 5; n++) {
            Circuit c = DataReuploading.qtha(n, 2);
            List<String> names = names(c);
            assertEquals(DataReuploading.inputs(n), names.subList(0, n));
            int rings = n > 1 ? 2 * n : 0;
            assertEquals(n + 2 * (rings + 2 * n), c.numParameters(), "n = " + n);
            assertEquals(2 * rings, count(c, Gate.CRZ));
            assertEquals(2 * 3 * n, count(c, Gate.RY));
        }
        Circuit c = DataReuploading.qtha(3, 1);
        Operation firstRing = c.operations().get(3), lastBack = c.operations().get(11);
        assertEquals(Gate.CRZ, firstRing.gate());
        assertEquals(List.of(0, 1), List.of(firstRing.qubit(0), firstRing.qubit(1)));
        assertEquals(Gate.CRZ, lastBack.gate());
        assertEquals(List.of(1, 0), List.of(lastBack.qubit(0), lastBack.qubit(1)));
    }

    @Test
    void theReuploadingHardwareEfficientAnsatzHasTwoNWeightsPerLayerAndACzRing() {
        assertEquals(List.of("x0", "x1", "x2", "ry0_0", "ry0_1", "ry0_2", "rz0_0", "rz0_1", "rz0_2", "ry1_0", "ry1_1",
                "ry1_2", "rz1_0", "rz1_1", "rz1_2"), names(DataReuploading.hardwareEfficient(3, 2)));
        assertEquals(2 * 3, count(DataReuploading.hardwareEfficient(3, 2), Gate.CZ));
        assertEquals(1, count(DataReuploading.hardwareEfficient(2, 1), Gate.CZ));
        assertEquals(0, count(DataReuploading.hardwareEfficient(1, 1), Gate.CZ));
        assertThrows(IllegalArgumentException.class, () -> DataReuploading.hardwareEfficient(2, 0));
        assertThrows(IllegalArgumentException.class, () -> DataReuploading.qtha(0, 1));
    }

    @Test
    void theYardstiqQcbmHas37NGatesAnd28NParameters() {
        for (int n = 2; n <= 6; n++) {
            Circuit c = Qcbm.yardstiq(n);
            assertEquals(37 * n, c.operations().size());
            assertEquals(28 * n, c.numParameters());
            assertEquals(9 * n, count(c, Gate.CX));
            assertEquals("t0", c.parameters().get(0).name());
        }
        assertThrows(IllegalArgumentException.class, () -> Qcbm.yardstiq(1));
    }
}
