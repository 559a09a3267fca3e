package org.qtune.circuit.qasm;

import java.util.List;
import java.util.Objects;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Parameter;

/**
 * What {@link QasmReader} makes of a program: the unitary {@link Circuit}, the final measurements,
 * which a sampler needs to know which qubits land in which classical bits, and the declared input
 * parameters.
 *
 * @param circuit      every gate of the program, with custom and library gates expanded
 * @param numClbits    the total size of the classical registers, concatenated in declaration order
 * @param measurements the measurements in program order, broadcasts spelled out
 * @param inputs       the OpenQASM 3 input parameters in declaration order (Qiskit declares them
 *                     sorted by name), including any the gates do not use; {@link Circuit#parameters()}
 *                     lists only the used ones, in order of first use. Empty for OpenQASM 2.0
 * @param version      the version the header named
 */
public record QasmProgram(Circuit circuit, int numClbits, List<Measurement> measurements, List<Parameter> inputs,
        QasmVersion version) {

    /**
     * One qubit measured into one classical bit; both are indices into the concatenated registers.
     */
    public record Measurement(int qubit, int clbit) {
    }

    public QasmProgram {
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(version, "version");
        measurements = List.copyOf(measurements);
        inputs = List.copyOf(inputs);
    }
}
