package org.qtune.circuit.qasm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Gate;

/**
 * The gates of OpenQASM 2.0's standard library {@code qelib1.inc} (the version Qiskit ships, with
 * {@code u}, {@code p}, {@code sx}, {@code cu}, {@code c3x}, ...), built in: no file is read.
 *
 * <p>Most map one to one onto a qtune {@link Gate} ({@code u1} and {@code p} to {@link Gate#P},
 * {@code cu1} to {@link Gate#CP}, {@code u} to {@link Gate#U3}, {@code c3x} and {@code c4x} to
 * {@link Gate#MCX}). Our {@code rz} is Qiskit's {@code diag(e^{-it/2}, e^{it/2})}, where qelib1.inc
 * defines {@code rz} as {@code u1}: they differ by a global phase only. The gates with no qtune
 * counterpart are defined below in OpenQASM, from their qelib1.inc definitions, and expanded where
 * they are called. {@code ryy}, not in qelib1.inc, is built in as well, because Qiskit's writer uses it.
 */
final class Qelib1 {
    static final String FILE_NAME = "qelib1.inc";

    /**
     * Definitions of the qelib1.inc gates that qtune's gate set lacks. Their bodies follow qelib1.inc,
     * so the relative phases of rccx and rc3x are qelib1's.
     */
    private static final String DEFINITIONS = """
            // idle for gamma single-qubit gate times: an identity in a simulation
            gate u0(gamma) q { id q; }
            // controlled sqrt(X): h p(pi/2) h is exactly sx, so no extra phase
            gate csx a,b { h b; cu1(pi/2) a,b; h b; }
            // controlled u3 with the phase e^{i gamma} on the control-1 block
            gate cu(theta,phi,lambda,gamma) c,t {
              p(gamma) c;
              p((lambda+phi)/2) c;
              p((lambda-phi)/2) t;
              cx c,t;
              u(-theta/2,0,-(phi+lambda)/2) t;
              cx c,t;
              u(theta/2,phi,0) t;
            }
            // Toffoli up to relative phases (Margolus)
            gate rccx a,b,c {
              u2(0,pi) c; u1(pi/4) c;
              cx b,c; u1(-pi/4) c;
              cx a,c; u1(pi/4) c;
              cx b,c; u1(-pi/4) c;
              u2(0,pi) c;
            }
            // 3-controlled X up to relative phases
            gate rc3x a,b,c,d {
              u2(0,pi) d; u1(pi/4) d;
              cx c,d; u1(-pi/4) d; u2(0,pi) d;
              cx a,d; u1(pi/4) d;
              cx b,d; u1(-pi/4) d;
              cx a,d; u1(pi/4) d;
              cx b,d; u1(-pi/4) d;
              u2(0,pi) d; u1(pi/4) d;
              cx c,d; u1(-pi/4) d;
              u2(0,pi) d;
            }
            // 3-controlled sqrt(X): a Gray-code sequence of cu1(+-pi/8) adds up to cu1(pi/2) under all
            // three controls, conjugated by h on the target; exactly controlled sx, no extra phase
            gate c3sqrtx a,b,c,d {
              h d; cu1(pi/8) a,d; h d;
              cx a,b;
              h d; cu1(-pi/8) b,d; h d;
              cx a,b;
              h d; cu1(pi/8) b,d; h d;
              cx b,c;
              h d; cu1(-pi/8) c,d; h d;
              cx a,c;
              h d; cu1(pi/8) c,d; h d;
              cx b,c;
              h d; cu1(-pi/8) c,d; h d;
              cx a,c;
              h d; cu1(pi/8) c,d; h d;
            }
            """;

    private static final Map<String, QasmGate> PRIMITIVES = Collections.unmodifiableMap(byName(List.of(
            new NativeGate("U", Gate.U3),
            new NativeGate("CX", Gate.CX))));

    private static final Map<String, QasmGate> GATES = buildLibrary();

    private Qelib1() {
    }

    /** The two gates every program has without an include: {@code U(theta,phi,lambda)} and {@code CX}. */
    static Map<String, QasmGate> primitives() {
        return PRIMITIVES;
    }

    /** The gates an {@code include "qelib1.inc";} declares, by name. */
    static Map<String, QasmGate> gates() {
        return GATES;
    }

    /**
     * True for a built-in name that a program may define itself: {@code ryy}, which is not in
     * qelib1.inc, so programs written for other readers (Qiskit's output) carry its definition. The
     * program's own definition then replaces the built-in one.
     */
    static boolean mayBeRedefined(String name) {
        return name.equals("ryy");
    }

    private static Map<String, QasmGate> buildLibrary() {
        Map<String, QasmGate> gates = byName(List.of(
                new NativeGate("u3", Gate.U3),
                new NativeGate("u2", Gate.U2),
                new NativeGate("u1", Gate.P),
                new NativeGate("u", Gate.U3),
                new NativeGate("p", Gate.P),
                new NativeGate("id", Gate.ID),
                new NativeGate("x", Gate.X),
                new NativeGate("y", Gate.Y),
                new NativeGate("z", Gate.Z),
                new NativeGate("h", Gate.H),
                new NativeGate("s", Gate.S),
                new NativeGate("sdg", Gate.SDG),
                new NativeGate("t", Gate.T),
                new NativeGate("tdg", Gate.TDG),
                new NativeGate("sx", Gate.SX),
                new NativeGate("sxdg", Gate.SXDG),
                new NativeGate("rx", Gate.RX),
                new NativeGate("ry", Gate.RY),
                new NativeGate("rz", Gate.RZ),
                new NativeGate("cx", Gate.CX),
                new NativeGate("cy", Gate.CY),
                new NativeGate("cz", Gate.CZ),
                new NativeGate("ch", Gate.CH),
                new NativeGate("swap", Gate.SWAP),
                new NativeGate("ccx", Gate.CCX),
                new NativeGate("cswap", Gate.CSWAP),
                new NativeGate("crx", Gate.CRX),
                new NativeGate("cry", Gate.CRY),
                new NativeGate("crz", Gate.CRZ),
                new NativeGate("cu1", Gate.CP),
                new NativeGate("cp", Gate.CP),
                new NativeGate("cu3", Gate.CU3),
                new NativeGate("rxx", Gate.RXX),
                new NativeGate("ryy", Gate.RYY),
                new NativeGate("rzz", Gate.RZZ),
                new NativeGate("c3x", Gate.MCX, 4),
                new NativeGate("c4x", Gate.MCX, 5)));
        Map<String, QasmGate> known = new LinkedHashMap<>(PRIMITIVES);
        known.putAll(gates);
        for (GateDefinition d : QasmParser.parseGateDefinitions(DEFINITIONS, known)) {
            gates.put(d.name(), d);
        }
        return Collections.unmodifiableMap(gates);
    }

    private static Map<String, QasmGate> byName(List<QasmGate> gates) {
        Map<String, QasmGate> map = new LinkedHashMap<>();
        for (QasmGate g : gates) {
            map.put(g.name(), g);
        }
        return map;
    }
}
