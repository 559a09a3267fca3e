package org.qtune.circuit.qasm;

/**
 * The OpenQASM versions {@link QasmReader} reads (it tells them apart by the header) and
 * {@link QasmWriter} writes.
 */
public enum QasmVersion {
    /** OpenQASM 2.0 with qelib1.inc: no symbolic parameters. */
    V2,
    /**
     * The OpenQASM 3 subset that Qiskit's {@code qasm3.dumps} writes for parameterized circuits of
     * standard gates: stdgates.inc, {@code qubit}/{@code bit} declarations, {@code input float[64]}
     * parameters, {@code gate} definitions and final measurements.
     */
    V3
}
