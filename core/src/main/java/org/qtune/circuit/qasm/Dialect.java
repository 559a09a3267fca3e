package org.qtune.circuit.qasm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What differs between the OpenQASM versions the reader reads: the include file and its gates, the
 * primitives, the reserved words, the functions and constants of expressions, and the statements
 * that are recognised only to be rejected with a reason. The parser reads the header, picks the
 * dialect, and asks it.
 */
enum Dialect {
    OPENQASM_2(QasmVersion.V2, "2.0", "qreg",
            List.of(Expression.Function.SIN, Expression.Function.COS, Expression.Function.TAN,
                    Expression.Function.EXP, Expression.Function.LN, Expression.Function.SQRT),
            Map.of("pi", Math.PI),
            Set.of("OPENQASM", "include", "qreg", "creg", "gate", "opaque", "barrier", "measure", "reset", "if", "U",
                    "CX"),
            Set.of("OPENQASM", "include", "qreg", "creg", "gate", "opaque", "measure", "reset", "if"),
            unsupportedIn2()),
    OPENQASM_3(QasmVersion.V3, "3.0", "qubit",
            List.of(Expression.Function.SIN, Expression.Function.COS, Expression.Function.TAN,
                    Expression.Function.ARCSIN, Expression.Function.ARCCOS, Expression.Function.ARCTAN,
                    Expression.Function.EXP, Expression.Function.LOG, Expression.Function.SQRT),
            Map.of("pi", Math.PI, "\u03c0", Math.PI, "tau", 2 * Math.PI, "\u03c4", 2 * Math.PI, "euler", Math.E,
                    "\u2107", Math.E),
            Set.of("OPENQASM", "include", "qreg", "creg", "qubit", "bit", "input", "gate", "opaque", "barrier",
                    "measure", "U", "in", "sizeof", "durationof", "true", "false"),
            Set.of("OPENQASM", "include", "qreg", "creg", "qubit", "bit", "input", "gate", "opaque", "measure",
                    "reset"),
            unsupportedIn3());

    private final QasmVersion version;
    private final String versionText;
    private final String quantumDeclaration;
    private final Map<String, Expression.Function> functions;
    private final Map<String, Double> constants;
    /** The keywords of the statements read (and of some rejected), which cannot be declared. */
    private final Set<String> keywords;
    /** Statement keywords not allowed in a gate body. */
    private final Set<String> topLevelOnly;
    /** Keywords of statements this reader rejects, with the reason it gives. */
    private final Map<String, String> unsupported;

    Dialect(QasmVersion version, String versionText, String quantumDeclaration, List<Expression.Function> functions,
            Map<String, Double> constants, Set<String> keywords, Set<String> topLevelOnly,
            Map<String, String> unsupported) {
        this.version = version;
        this.versionText = versionText;
        this.quantumDeclaration = quantumDeclaration;
        this.functions = functions.stream().collect(Collectors.toMap(Expression.Function::qasmName, f -> f,
                (a, b) -> a, LinkedHashMap::new));
        this.constants = constants;
        this.keywords = keywords;
        this.topLevelOnly = topLevelOnly;
        this.unsupported = unsupported;
    }

    QasmVersion version() {
        return version;
    }

    /** How messages name the version: {@code 2.0}, {@code 3.0}. */
    String versionText() {
        return versionText;
    }

    /** The keyword that declares qubits, for messages: {@code qreg}, {@code qubit}. */
    String quantumDeclaration() {
        return quantumDeclaration;
    }

    /** The standard library's file name, the only file a program may include. */
    String includeFile() {
        return this == OPENQASM_2 ? Qelib1.FILE_NAME : StdGates.FILE_NAME;
    }

    /** The gates a program has without an include. */
    Map<String, QasmGate> primitives() {
        return this == OPENQASM_2 ? Qelib1.primitives() : StdGates.primitives();
    }

    /** The gates the include declares. */
    Map<String, QasmGate> library() {
        return this == OPENQASM_2 ? Qelib1.gates() : StdGates.gates();
    }

    /** True for a library gate that a program may define itself (see {@link Qelib1#mayBeRedefined}). */
    boolean mayBeRedefined(String name) {
        return this == OPENQASM_2 && Qelib1.mayBeRedefined(name);
    }

    /** True for a word that cannot name a register, gate, parameter, input or qubit argument. */
    boolean isReserved(String name) {
        return keywords.contains(name) || unsupported.containsKey(name) || constants.containsKey(name)
                || functions.containsKey(name);
    }

    /** True for a statement keyword that may not stand in a gate body. */
    boolean isTopLevelOnly(String keyword) {
        return topLevelOnly.contains(keyword);
    }

    /**
     * Why the statement starting with {@code keyword} is rejected, or null when it is not one of the
     * statements this reader recognises only to reject.
     */
    String unsupported(String keyword) {
        return unsupported.get(keyword);
    }

    /** The function called {@code name} in expressions, or null. */
    Expression.Function function(String name) {
        return functions.get(name);
    }

    /** The function names, for messages: {@code sin, cos, tan, exp, ln and sqrt}. */
    String functionNames() {
        List<String> names = List.copyOf(functions.keySet());
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** The value of the constant called {@code name} ({@code pi}, ...), or null. */
    Double constant(String name) {
        return constants.get(name);
    }

    private static Map<String, String> unsupportedIn2() {
        return Map.of(
                "reset", "'reset' is not supported in a unitary simulation",
                "if", "'if' (a classically controlled gate) is not supported in a unitary simulation");
    }

    private static Map<String, String> unsupportedIn3() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("reset", "'reset' is not supported in a unitary simulation");
        for (String k : List.of("if", "else", "switch", "case", "default", "break", "continue", "end", "return")) {
            reasons.put(k, "'" + k + "' (classical control flow) is not supported in a unitary simulation");
        }
        for (String k : List.of("for", "while")) {
            reasons.put(k, "'" + k + "' (a loop) is not supported in a unitary simulation");
        }
        reasons.put("def", "'def' (a subroutine) is not supported in a unitary simulation");
        reasons.put("extern", "'extern' (an external function) is not supported in a unitary simulation");
        for (String k : List.of("defcal", "cal", "defcalgrammar")) {
            reasons.put(k, "'" + k + "' (pulse-level calibration) is not supported in a unitary simulation");
        }
        reasons.put("delay", "'delay' (timing) is not supported in a unitary simulation");
        reasons.put("box", "'box' (timing) is not supported in a unitary simulation");
        reasons.put("let", "'let' (an alias) is not supported: declare each register with 'qubit[n] name;'");
        reasons.put("gphase", "'gphase' (a global phase) is not supported: a circuit carries no global phase");
        for (String k : List.of("ctrl", "negctrl", "inv", "pow")) {
            reasons.put(k, "the gate modifier '" + k + "' is not supported: call a gate by its name, or define it"
                    + " with 'gate'");
        }
        for (String k : List.of("bool", "int", "uint", "float", "angle", "complex", "array", "duration", "stretch",
                "const", "output", "mutable", "readonly")) {
            reasons.put(k, "'" + k + "' (a classical variable) is not supported in a unitary simulation: the only"
                    + " classical values read are inputs ('input float[64] name;') and bits");
        }
        return Map.copyOf(reasons);
    }
}
