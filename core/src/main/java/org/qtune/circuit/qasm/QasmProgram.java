package org.qtune.circuit.qasm;

import java.util.List;
import java.util.Objects;
import org.qtune.circuit.Circuit;

/**
 * What {@link QasmReader} makes of a program: the unitary {@link Circuit}, and the final
 * measurements, which a sampler needs to know which qubits land in which classical bits.
 *
 * @param circuit      every gate of the program, with custom and library gates expanded
 * @param numClbits    the total size of the classical registers, concatenated in declaration order
 * @param measurements the {@code measure} statements in program order, broadcasts spelled out
 */
public record QasmProgram(Circuit circuit, int numClbits, List<Measurement> measurements) {

    /**
     * One qubit measured into one classical bit; both are indices into the concatenated registers.
     */
    public record Measurement(int qubit, int clbit) {
    }

    public QasmProgram {
        Objects.requireNonNull(circuit, "circuit");
        measurements = List.copyOf(measurements);
    }
}
