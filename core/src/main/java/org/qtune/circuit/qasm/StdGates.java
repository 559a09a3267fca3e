package org.qtune.circuit.qasm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Gate;

/**
 * OpenQASM 3's standard library {@code stdgates.inc}, built in: no file is read. Every gate in it
 * has a qtune counterpart with the same parameters in the same order ({@code phase} and {@code u1}
 * are {@link Gate#P}, {@code cphase} is {@link Gate#CP}, {@code CX} is {@link Gate#CX}), except
 * {@code cu}, which has a fourth parameter (see {@link CuGate}). These are the names Qiskit's
 * exporter takes from stdgates.inc; it writes every other gate (rxx, ryy, rzz, sxdg, cu3, mcx, ...)
 * with a {@code gate} definition in the file.
 *
 * <p>The only primitive is {@code U(θ, φ, λ)}, read as {@link Gate#U3}. The specification's
 * {@code U} is u3 times the global phase {@code e^{iθ/2}}, and its stdgates.inc defines {@code u2},
 * {@code u3} with other global phases than Qiskit's: a circuit carries no global phase, so the
 * gates are read as Qiskit means them, which agree with the specification up to global phase.
 * {@code gphase} and gate modifiers ({@code ctrl @}, {@code inv @}, ...), through which a global
 * phase would become observable, are not read.
 */
final class StdGates {
    static final String FILE_NAME = "stdgates.inc";

    private static final Map<String, QasmGate> PRIMITIVES =
            Collections.unmodifiableMap(byName(List.of(new NativeGate("U", Gate.U3))));

    private static final Map<String, QasmGate> GATES = Collections.unmodifiableMap(byName(List.of(
            new NativeGate("p", Gate.P),
            new NativeGate("x", Gate.X),
            new NativeGate("y", Gate.Y),
            new NativeGate("z", Gate.Z),
            new NativeGate("h", Gate.H),
            new NativeGate("s", Gate.S),
            new NativeGate("sdg", Gate.SDG),
            new NativeGate("t", Gate.T),
            new NativeGate("tdg", Gate.TDG),
            new NativeGate("sx", Gate.SX),
            new NativeGate("rx", Gate.RX),
            new NativeGate("ry", Gate.RY),
            new NativeGate("rz", Gate.RZ),
            new NativeGate("cx", Gate.CX),
            new NativeGate("cy", Gate.CY),
            new NativeGate("cz", Gate.CZ),
            new NativeGate("cp", Gate.CP),
            new NativeGate("crx", Gate.CRX),
            new NativeGate("cry", Gate.CRY),
            new NativeGate("crz", Gate.CRZ),
            new NativeGate("ch", Gate.CH),
            new NativeGate("swap", Gate.SWAP),
            new NativeGate("ccx", Gate.CCX),
            new NativeGate("cswap", Gate.CSWAP),
            new CuGate(),
            new NativeGate("CX", Gate.CX),
            new NativeGate("phase", Gate.P),
            new NativeGate("cphase", Gate.CP),
            new NativeGate("id", Gate.ID),
            new NativeGate("u1", Gate.P),
            new NativeGate("u2", Gate.U2),
            new NativeGate("u3", Gate.U3))));

    private StdGates() {
    }

    /** The gate every OpenQASM 3 program has without an include: {@code U(θ, φ, λ)}. */
    static Map<String, QasmGate> primitives() {
        return PRIMITIVES;
    }

    /** The gates an {@code include "stdgates.inc";} declares, by name. */
    static Map<String, QasmGate> gates() {
        return GATES;
    }

    private static Map<String, QasmGate> byName(List<QasmGate> gates) {
        Map<String, QasmGate> map = new LinkedHashMap<>();
        for (QasmGate g : gates) {
            map.put(g.name(), g);
        }
        return map;
    }
}
