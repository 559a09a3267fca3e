package org.qtune.circuit.qasm;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;

/**
 * Writes a {@link Circuit} as OpenQASM 3 in the form Qiskit's {@code qasm3.dumps} gives: the header,
 * {@code include "stdgates.inc";}, {@code input float[64] name;} per circuit parameter (in the
 * circuit's order), the {@code gate} definitions of the gates stdgates.inc lacks, {@code qubit[n] q;}
 * and one line per operation, with {@code ", "} between arguments. {@link QasmReader} reads it back
 * to a circuit with the same state for all parameter values; see {@link QasmWriter} for which
 * operations come back as themselves.
 *
 * <p>Names: a parameter name that is an OpenQASM 3 identifier is kept; any other (qtune's
 * {@code theta[3]}) is escaped as Qiskit escapes, {@code _} and every other character replaced by
 * {@code _} ({@code _theta_3_}), and a name that is reserved, a gate's or the register's, or taken
 * by an earlier parameter gets {@code _0}, {@code _1}, ... appended. Arguments are written
 * {@code a*name + b} with {@link Double#toString(double)} numbers, which read back bit for bit.
 */
final class Qasm3Writer {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}_0-9]*");
    private static final Pattern NOT_IN_IDENTIFIER = Pattern.compile("[^\\p{L}\\p{Nl}_0-9]");
    private static final String REGISTER = "q";

    /**
     * Gates outside stdgates.inc, written with a definition in stdgates.inc terms, each exact (no
     * phase dropped): sxdg is x sx (sx squared is x), and rxx, ryy, rzz conjugate cx rz cx by
     * rotations, as Qiskit's definitions do.
     */
    private static final Map<Gate, String> DEFINITIONS = Map.of(
            Gate.SXDG, """
                    gate sxdg _gate_q_0 {
                      x _gate_q_0;
                      sx _gate_q_0;
                    }
                    """,
            Gate.RXX, """
                    gate rxx(p0) _gate_q_0, _gate_q_1 {
                      h _gate_q_0;
                      h _gate_q_1;
                      cx _gate_q_0, _gate_q_1;
                      rz(p0) _gate_q_1;
                      cx _gate_q_0, _gate_q_1;
                      h _gate_q_1;
                      h _gate_q_0;
                    }
                    """,
            Gate.RYY, """
                    gate ryy(p0) _gate_q_0, _gate_q_1 {
                      rx(pi/2) _gate_q_0;
                      rx(pi/2) _gate_q_1;
                      cx _gate_q_0, _gate_q_1;
                      rz(p0) _gate_q_1;
                      cx _gate_q_0, _gate_q_1;
                      rx(-pi/2) _gate_q_0;
                      rx(-pi/2) _gate_q_1;
                    }
                    """,
            Gate.RZZ, """
                    gate rzz(p0) _gate_q_0, _gate_q_1 {
                      cx _gate_q_0, _gate_q_1;
                      rz(p0) _gate_q_1;
                      cx _gate_q_0, _gate_q_1;
                    }
                    """);

    private final Circuit circuit;
    private final Map<Parameter, String> names;

    private Qasm3Writer(Circuit circuit) {
        this.circuit = circuit;
        this.names = parameterNames(circuit);
    }

    /** The circuit as OpenQASM 3 text; see {@link QasmWriter#write(Circuit, QasmVersion)}. */
    static String write(Circuit circuit) {
        return new Qasm3Writer(circuit).text();
    }

    private String text() {
        StringBuilder s = new StringBuilder("OPENQASM 3.0;\ninclude \"").append(StdGates.FILE_NAME).append("\";\n");
        for (Parameter p : circuit.parameters()) {
            s.append("input float[64] ").append(names.get(p)).append(";\n");
        }
        Set<Gate> defined = new LinkedHashSet<>();
        for (Operation op : circuit.operations()) {
            if (DEFINITIONS.containsKey(op.gate()) && defined.add(op.gate())) {
                s.append(DEFINITIONS.get(op.gate()));
            }
        }
        for (int numControls : mcxDefinitions(circuit)) {
            s.append(McxDefinition.definitionInOpenQasm3(numControls));
        }
        s.append("qubit[").append(circuit.numQubits()).append("] ").append(REGISTER).append(";\n");
        int index = 0;
        for (Operation op : circuit.operations()) {
            appendOperation(s, op, index++);
        }
        return s.toString();
    }

    /**
     * The control counts of the MCX definitions to write, ascending so that each comes after those it
     * calls: the operations' counts from 3 on, and 3 and 4 as the larger ones need them.
     */
    private static SortedSet<Integer> mcxDefinitions(Circuit circuit) {
        SortedSet<Integer> counts = new TreeSet<>();
        for (Operation op : circuit.operations()) {
            int numControls = op.numQubits() - 1;
            if (op.gate() == Gate.MCX && numControls >= 3) {
                counts.add(numControls);
                if (numControls >= 4) {
                    counts.add(3);
                }
                if (numControls >= 5) {
                    counts.add(4);
                }
            }
        }
        return counts;
    }

    /** Each parameter's identifier in the program, unique, never a reserved word or a name in use. */
    private static Map<Parameter, String> parameterNames(Circuit circuit) {
        Set<String> taken = new HashSet<>(StdGates.gates().keySet());
        taken.addAll(StdGates.primitives().keySet());
        DEFINITIONS.keySet().forEach(g -> taken.add(g.qasmName())); // each definition is named as its gate
        mcxDefinitions(circuit).forEach(k -> taken.add(McxDefinition.gateName(k)));
        taken.add(REGISTER);
        Map<Parameter, String> names = new LinkedHashMap<>();
        for (Parameter p : circuit.parameters()) {
            String base = IDENTIFIER.matcher(p.name()).matches() ? p.name()
                    : "_" + NOT_IN_IDENTIFIER.matcher(p.name()).replaceAll("_");
            String name = base;
            for (int k = 0; taken.contains(name) || Dialect.OPENQASM_3.isReserved(name); k++) {
                name = base + "_" + k;
            }
            taken.add(name);
            names.put(p, name);
        }
        return names;
    }

    private void appendOperation(StringBuilder s, Operation op, int index) {
        s.append(gateName(op));
        int numParams = op.gate().numParams();
        if (numParams > 0) {
            s.append('(');
            for (int k = 0; k < numParams; k++) {
                s.append(k > 0 ? ", " : "").append(argument(op, k, index));
            }
            // cu's fourth parameter, the phase on the control, is 0 for CU3
            s.append(op.gate() == Gate.CU3 ? ", 0" : "").append(')');
        }
        s.append(' ');
        for (int j = 0; j < op.numQubits(); j++) {
            s.append(j > 0 ? ", " : "").append(REGISTER).append('[').append(op.qubit(j)).append(']');
        }
        s.append(";\n");
    }

    private static String gateName(Operation op) {
        if (op.gate() == Gate.CU3) {
            return "cu";
        }
        if (op.gate() != Gate.MCX) {
            return op.gate().qasmName();
        }
        int numControls = op.numQubits() - 1;
        return switch (numControls) {
            case 0 -> "x";
            case 1 -> "cx";
            case 2 -> "ccx";
            default -> McxDefinition.gateName(numControls);
        };
    }

    /** Argument {@code k}: a number, or {@code a*name + b} with the parts that are not 1 or 0. */
    private String argument(Operation op, int k, int index) {
        ParameterExpression e = op.param(k);
        if (!Affine.isFinite(e)) {
            throw new IllegalArgumentException("operation " + index + " (" + op + ") has the parameter " + e
                    + ", which OpenQASM 3 cannot write");
        }
        if (e.isConstant()) {
            return Double.toString(e.constantValue());
        }
        String name = names.get(e.parameter());
        double a = e.coefficient(), b = e.offset();
        String term = a == 1 ? name : a == -1 ? "-" + name : a + "*" + name;
        return b == 0 ? term : term + (b > 0 ? " + " : " - ") + Math.abs(b);
    }
}
