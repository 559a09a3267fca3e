/**
 * OpenQASM 2.0 in and out of the circuit model. {@link org.qtune.circuit.qasm.QasmReader} lexes and
 * parses programs (with the qelib1.inc gate set built in, custom gate definitions expanded and
 * register broadcasts spelled out) into {@link org.qtune.circuit.Circuit}s, reporting every problem as
 * a {@link org.qtune.circuit.qasm.QasmException} with its line and column;
 * {@link org.qtune.circuit.qasm.QasmWriter} writes circuits back out so that they read back to the same
 * operations. Only unitary programs are accepted: final measurements are recorded, but {@code reset},
 * {@code if} and gates after a measurement are rejected. Depends on {@code org.qtune.circuit} only.
 */
package org.qtune.circuit.qasm;
