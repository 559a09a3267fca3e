package org.qtune.spark.statevector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.ansatz.HardwareEfficient;
import org.qtune.sim.BoundGate;
import org.qtune.sim.Simulator;

class ScheduleCompilerTest {

    static Circuit qft(int n) {
        Circuit.Builder b = Circuit.builder(n);
        for (int j = n - 1; j >= 0; j--) {
            b.add(Gate.H, j);
            for (int k = j - 1; k >= 0; k--) {
                b.add(Gate.CP, Math.PI / (1 << Math.min(30, j - k)), k, j);
            }
        }
        for (int q = 0; q < n / 2; q++) {
            b.add(Gate.SWAP, q, n - 1 - q);
        }
        return b.build();
    }

    /** Gates that, without remapping, would need a global qubit local: the unbatched cost in shuffles. */
    static int denseGatesOnGlobalQubits(List<BoundGate> gates, QubitLayout layout) {
        int c = 0;
        for (BoundGate g : gates) {
            for (int q : ScheduleCompiler.targets(g)) {
                if (!layout.isLocalPhysical(layout.physical(q))) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    private static void assertEveryEpochGateIsLocal(Schedule s) {
        QubitLayout layout = s.initial();
        for (Schedule.Stage st : s.stages()) {
            if (st instanceof Schedule.Remap r) {
                assertTrue(r.size() >= 1 && r.size() <= layout.globalQubits(), "remap size " + r.size());
                layout = layout.swapped(r.globals(), r.locals());
            } else if (st instanceof Schedule.Epoch e) {
                for (BoundGate g : e.gates()) {
                    for (int p : ScheduleCompiler.targets(g)) {
                        assertTrue(p < layout.localQubits(), "gate " + g + " needs a global position");
                    }
                }
            } else if (st instanceof Schedule.Flip f) {
                layout = layout.flipped(f.physical());
            }
        }
        assertEquals(s.result().toString(), layout.toString());
    }

    @Test
    void qftNeedsFarFewerRemapsThanGatesOnGlobalQubits() {
        int n = 22;
        QubitLayout initial = QubitLayout.identity(n, 5);
        List<BoundGate> gates = Simulator.bind(qft(n), new double[0]);
        Schedule s = ScheduleCompiler.compile(gates, initial);
        assertEveryEpochGateIsLocal(s);
        long remaps = s.count(Schedule.Remap.class);
        int naive = denseGatesOnGlobalQubits(gates, initial);
        // the controlled phases are diagonal (no remap); H on the 5 global qubits and the final swaps are not
        assertTrue(naive >= 10, "naive " + naive);
        assertTrue(remaps <= 3, "remaps " + remaps + " for " + naive + " gates on global qubits");
    }

    @Test
    void hardwareEfficientAnsatzRemapsAboutOncePerLayer() {
        int n = 20;
        QubitLayout initial = QubitLayout.identity(n, 4);
        Circuit c = HardwareEfficient.builder(n).layers(6).entangler(HardwareEfficient.Entangler.CX).build();
        List<BoundGate> gates = Simulator.bind(c, new double[c.numParameters()]);
        Schedule s = ScheduleCompiler.compile(gates, initial);
        assertEveryEpochGateIsLocal(s);
        long remaps = s.count(Schedule.Remap.class);
        int naive = denseGatesOnGlobalQubits(gates, initial);
        assertTrue(naive >= 6 * 8, "naive " + naive);
        assertTrue(remaps <= 2 * 6, "remaps " + remaps + " for " + naive + " gates on global qubits");
    }

    @Test
    void diagonalGatesAndControlsOnGlobalQubitsNeedNoRemap() {
        int n = 10;
        Circuit c = Circuit.builder(n).add(Gate.CZ, 9, 0).add(Gate.RZ, 0.2, 8).add(Gate.CX, 9, 1)
                .add(Gate.CCX, 8, 9, 2).add(Gate.CP, 0.4, 9, 8).add(Gate.RZZ, 0.1, 7, 9).build();
        Schedule s = ScheduleCompiler.compile(Simulator.bind(c, new double[0]), QubitLayout.identity(n, 3));
        assertEquals(1, s.stages().size());
        assertTrue(s.stages().get(0) instanceof Schedule.Epoch);
    }
}
