/**
 * OpenQASM 2.0 and 3 in and out of the circuit model. {@link org.qtune.circuit.qasm.QasmReader}
 * lexes and parses programs into {@link org.qtune.circuit.Circuit}s, reporting every problem as a
 * {@link org.qtune.circuit.qasm.QasmException} with its line and column;
 * {@link org.qtune.circuit.qasm.QasmWriter} writes circuits back out so that they read back to the
 * same operations (2.0) or the same states (3). The header picks the version
 * ({@link org.qtune.circuit.qasm.QasmVersion}); a program without one is OpenQASM 2.0, as in Qiskit's
 * default (non-strict) loader, unless read with {@code QasmReader.Options.strict()}.
 *
 * <p>OpenQASM 2.0: the qelib1.inc gate set built in, custom gate definitions expanded, register
 * broadcasts spelled out; no free parameters, so a circuit with symbolic ones is written after
 * binding them, or as OpenQASM 3.
 *
 * <p>OpenQASM 3: the subset that Qiskit's {@code qasm3.dumps} writes for parameterized circuits of
 * standard gates. Read: stdgates.inc built in ({@code cu(θ, φ, λ, γ)} as CU3 and P(γ) on the
 * control), {@code qubit}/{@code bit} declarations (registers and single ones) and
 * {@code qreg}/{@code creg}, {@code input float[64] theta;} and {@code input angle theta;} as symbolic
 * {@link org.qtune.circuit.Parameter}s named as in the file (Qiskit's {@code _θ_0_} for
 * {@code θ[0]}), gate arguments affine in one input ({@code 2*theta + pi/2}) as affine
 * {@link org.qtune.circuit.ParameterExpression}s, also through {@code gate} definitions (Qiskit's rxx,
 * ryy, rzz, sxdg, ... come as definitions and are expanded), names with any Unicode letter,
 * {@code **}, {@code barrier}, and final measurements in every form ({@code c = measure q;},
 * {@code c[0] = measure q[0];}, {@code measure q -> c;}). Written: the same form, with an
 * {@code input float[64]} per circuit parameter and exact definitions for sxdg, rxx, ryy, rzz and X
 * with 3 or more controls.
 *
 * <p>Only unitary programs are accepted: final measurements are recorded, but {@code reset},
 * {@code if} and other control flow, {@code def}, classical variables and assignments, timing, and
 * gates after a measurement are rejected, as are arguments that are not affine in one input
 * ({@code sin(theta)}, {@code theta*phi}) and, outside the OpenQASM 3 subset, {@code gphase}, gate
 * modifiers, {@code let} aliases and hardware qubits.
 *
 * <p>Depends on {@code org.qtune.circuit} only: the writer returns text, and a caller that saves it
 * writes the file ({@code org.qtune.io.AtomicFiles}).
 */
package org.qtune.circuit.qasm;
