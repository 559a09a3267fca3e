package org.qtune.circuit.qasm;

import java.util.SortedSet;
import java.util.TreeSet;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * Writes {@link Circuit}s as OpenQASM 2.0 or 3.
 *
 * <p>OpenQASM 2.0 ({@link #write(Circuit)}): the header, {@code include "qelib1.inc";}, one register
 * {@code q} and one line per operation, with qelib1.inc gate names. {@link QasmReader} reads the text
 * back to the same operations, with these exceptions: {@link Gate#MCX} is written {@code x},
 * {@code cx}, {@code ccx}, {@code c3x} or {@code c4x} for 0 to 4 controls (read back as
 * {@link Gate#X}, {@link Gate#CX}, {@link Gate#CCX} or {@link Gate#MCX}), and with 5 or more as a call
 * of a {@code gate mcx_k} definition written before it (an exact decomposition, see
 * {@code McxDefinition}), which reads back as that definition's gates. OpenQASM 2.0 has no free
 * parameters, so a circuit with symbolic ones must be bound first, or written as OpenQASM 3.
 * {@code ryy} is not in qelib1.inc; readers other than {@link QasmReader} may need its definition.
 *
 * <p>OpenQASM 3 ({@link #write(Circuit, QasmVersion)} with {@link QasmVersion#V3}), in the form of
 * Qiskit's {@code qasm3.dumps}: {@code include "stdgates.inc";}, {@code input float[64] name;} for
 * each circuit parameter, arguments such as {@code 2.0*theta + 0.5}, stdgates.inc names, and
 * {@code gate} definitions for what stdgates.inc lacks: {@code sxdg}, {@code rxx}, {@code ryy},
 * {@code rzz} (exact decompositions), and {@code mcx_k} for X with 3 or more controls. {@link Gate#CU3}
 * is stdgates' {@code cu(θ, φ, λ, 0)}. Read back, every operation is the same except those written
 * with a definition, which come back as the definition's gates with the same unitary, and MCX with
 * fewer than 3 controls (as above). A parameter name that is not an OpenQASM 3 identifier is escaped
 * as Qiskit escapes it: {@code theta[3]} is written, and so read back, as {@code _theta_3_}; the
 * parameters keep their order.
 *
 * <p>Numbers are written with {@link Double#toString(double)}, which reads back to the same double.
 *
 * <p>The writer returns text and touches no file: a caller that saves it writes the string itself
 * (UTF-8, since OpenQASM 3 names may hold any letter), atomically with
 * {@code org.qtune.io.AtomicFiles.writeString}.
 */
public final class QasmWriter {
    private QasmWriter() {
    }

    /**
     * The circuit as OpenQASM 2.0 text.
     *
     * @throws IllegalArgumentException if an operation has a symbolic (unbound) parameter or a
     *                                  parameter that is not a finite number: OpenQASM 2.0 has neither
     */
    public static String write(Circuit circuit) {
        StringBuilder s = new StringBuilder("OPENQASM 2.0;\ninclude \"").append(Qelib1.FILE_NAME).append("\";\n");
        for (int numControls : largeMcxControlCounts(circuit)) {
            s.append(McxDefinition.definition(numControls));
        }
        s.append("qreg q[").append(circuit.numQubits()).append("];\n");
        int index = 0;
        for (Operation op : circuit.operations()) {
            appendOperation(s, op, index++);
        }
        return s.toString();
    }

    /**
     * The circuit as OpenQASM text of the given version.
     *
     * @throws IllegalArgumentException if a parameter is not finite, or (for 2.0) symbolic
     */
    public static String write(Circuit circuit, QasmVersion version) {
        return version == QasmVersion.V2 ? write(circuit) : Qasm3Writer.write(circuit);
    }

    /** The control counts of the MCX operations that need a {@code gate mcx_k} definition. */
    private static SortedSet<Integer> largeMcxControlCounts(Circuit circuit) {
        SortedSet<Integer> counts = new TreeSet<>();
        for (Operation op : circuit.operations()) {
            if (op.gate() == Gate.MCX && op.numQubits() - 1 > 4) {
                counts.add(op.numQubits() - 1);
            }
        }
        return counts;
    }

    private static void appendOperation(StringBuilder s, Operation op, int index) {
        s.append(qasmName(op));
        if (op.gate().numParams() > 0) {
            s.append('(');
            for (int k = 0; k < op.gate().numParams(); k++) {
                s.append(k > 0 ? "," : "").append(number(op, k, index));
            }
            s.append(')');
        }
        s.append(' ');
        for (int j = 0; j < op.numQubits(); j++) {
            s.append(j > 0 ? "," : "").append("q[").append(op.qubit(j)).append(']');
        }
        s.append(";\n");
    }

    private static String qasmName(Operation op) {
        if (op.gate() != Gate.MCX) {
            return op.gate().qasmName();
        }
        int numControls = op.numQubits() - 1;
        return switch (numControls) {
            case 0 -> "x";
            case 1 -> "cx";
            case 2 -> "ccx";
            case 3 -> "c3x";
            case 4 -> "c4x";
            default -> McxDefinition.gateName(numControls);
        };
    }

    private static String number(Operation op, int k, int index) {
        ParameterExpression e = op.param(k);
        if (!e.isConstant()) {
            throw new IllegalArgumentException("operation " + index + " (" + op + ") depends on the unbound parameter '"
                    + e.parameter().name() + "', and OpenQASM 2.0 has no free parameters: bind it first"
                    + " (Circuit.bind), or write OpenQASM 3 (QasmVersion.V3)");
        }
        double v = e.constantValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("operation " + index + " (" + op + ") has the parameter " + v
                    + ", which OpenQASM 2.0 cannot write");
        }
        return Double.toString(v);
    }
}
