package org.qtune.circuit.qasm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * Recursive-descent parser for OpenQASM 2.0 programs. It checks each statement as it reads it and
 * expands gate calls into {@link Operation}s at once, so nothing but the gate definitions is kept.
 *
 * <pre>
 * program    := 'OPENQASM' '2.0' ';' statement*
 * statement  := 'include' STRING ';' | ('qreg' | 'creg') ID '[' INT ']' ';'
 *             | 'gate' ID ('(' ids? ')')? ids '{' bodyStatement* '}'
 *             | 'barrier' args ';' | 'measure' arg '->' arg ';'
 *             | ID ('(' expressions? ')')? args ';'
 * bodyStatement := ID ('(' expressions? ')')? ids ';' | 'barrier' ids ';'
 * arg        := ID ('[' INT ']')?
 * </pre>
 * {@code opaque}, {@code reset} and {@code if} are recognised and rejected: a unitary simulation
 * cannot run them.
 */
final class QasmParser {
    /** Words that cannot name a register, gate, parameter or qubit argument. */
    private static final Set<String> RESERVED = Set.of("OPENQASM", "include", "qreg", "creg", "gate", "opaque",
            "barrier", "measure", "reset", "if", "U", "CX", "pi", "sin", "cos", "tan", "exp", "ln", "sqrt");

    /** Statements that may stand at the top level only, never in a gate body. */
    private static final Set<String> TOP_LEVEL_ONLY = Set.of("OPENQASM", "include", "qreg", "creg", "gate",
            "opaque", "measure", "reset", "if");

    /** The parameter values at the top level, outside any gate definition: none. */
    private static final ParameterExpression[] NO_PARAMETERS = {};

    private final TokenStream tokens;
    /** The gates callable now: the primitives, qelib1's once included, and those defined so far. */
    private final Map<String, QasmGate> gates;
    private final Registers registers = new Registers();
    private final List<Operation> operations = new ArrayList<>();
    private final List<QasmProgram.Measurement> measurements = new ArrayList<>();
    /** The measure statement that first measured each qubit: later gates on it are rejected. */
    private final Map<Integer, Token> measuredBy = new HashMap<>();
    private boolean includedQelib1;

    private QasmParser(String source, Map<String, QasmGate> knownGates) {
        this.tokens = new TokenStream(source);
        this.gates = new LinkedHashMap<>(knownGates);
    }

    /** Parses a whole program. */
    static QasmProgram parseProgram(String source) {
        return new QasmParser(source, Qelib1.primitives()).program();
    }

    /**
     * Parses a text of gate definitions only (no header), whose bodies may call {@code knownGates}:
     * how {@link Qelib1} builds its library.
     */
    static List<GateDefinition> parseGateDefinitions(String source, Map<String, QasmGate> knownGates) {
        QasmParser parser = new QasmParser(source, knownGates);
        List<GateDefinition> definitions = new ArrayList<>();
        while (!parser.tokens.atEnd()) {
            GateDefinition d = parser.gateDefinition();
            parser.gates.put(d.name(), d);
            definitions.add(d);
        }
        return definitions;
    }

    private QasmProgram program() {
        header();
        while (!tokens.atEnd()) {
            statement();
        }
        if (registers.numQubits() == 0) {
            throw TokenStream.error(tokens.peek(), "the program declares no qubits (no 'qreg')");
        }
        Circuit.Builder builder = Circuit.builder(registers.numQubits());
        operations.forEach(builder::add);
        return new QasmProgram(builder.build(), registers.numClbits(), measurements);
    }

    private void header() {
        Token first = tokens.peek();
        if (!first.is("OPENQASM")) {
            throw TokenStream.error(first, "missing header: a program starts with 'OPENQASM 2.0;', found "
                    + first.describe());
        }
        tokens.next();
        Token version = tokens.next();
        if (!version.isNumber()) {
            throw TokenStream.error(version, "expected a version number after 'OPENQASM', found " + version.describe());
        }
        if (Double.parseDouble(version.text()) != 2.0) {
            throw TokenStream.error(version, "unsupported OpenQASM version " + version.text()
                    + ": this reader reads OpenQASM 2.0");
        }
        tokens.expectSemicolon();
    }

    private void statement() {
        Token t = tokens.peek();
        if (t.kind() != Token.Kind.IDENTIFIER) {
            throw TokenStream.error(t, "expected a statement, found " + t.describe());
        }
        switch (t.text()) {
            case "OPENQASM" -> throw TokenStream.error(t, "the 'OPENQASM' header may appear only once, at the start");
            case "include" -> include();
            case "qreg", "creg" -> registerDeclaration();
            case "gate" -> {
                GateDefinition d = gateDefinition();
                gates.put(d.name(), d);
            }
            case "opaque" -> throw TokenStream.error(t, "opaque gate" + nameAfter(t)
                    + " is not supported: it has no definition to simulate");
            case "barrier" -> barrier();
            case "measure" -> measure();
            case "reset" -> throw TokenStream.error(t, "'reset' is not supported in a unitary simulation");
            case "if" -> throw TokenStream.error(t,
                    "'if' (a classically controlled gate) is not supported in a unitary simulation");
            default -> gateCall();
        }
    }

    /** " 'name'" when the token after {@code keyword} is a name, for messages; else nothing. */
    private String nameAfter(Token keyword) {
        Token next = tokens.peek(1);
        return next.kind() == Token.Kind.IDENTIFIER && next.line() == keyword.line() ? " '" + next.text() + "'" : "";
    }

    private void include() {
        tokens.next();
        Token file = tokens.next();
        if (file.kind() != Token.Kind.STRING) {
            throw TokenStream.error(file, "expected a file name in double quotes after 'include', found "
                    + file.describe());
        }
        tokens.expectSemicolon();
        if (!file.text().equals(Qelib1.FILE_NAME)) {
            throw TokenStream.error(file, "cannot include \"" + file.text() + "\": the only include file is \""
                    + Qelib1.FILE_NAME + "\", which is built in");
        }
        if (includedQelib1) {
            throw TokenStream.error(file, "\"" + Qelib1.FILE_NAME + "\" is included twice");
        }
        for (QasmGate g : Qelib1.gates().values()) {
            QasmGate mine = gates.get(g.name());
            if (mine == null) {
                gates.put(g.name(), g);
            } else if (!Qelib1.mayBeRedefined(g.name())) {
                throw TokenStream.error(file, "\"" + Qelib1.FILE_NAME + "\" redeclares gate '" + g.name()
                        + "', defined" + declaredAtLine(mine));
            }
        }
        includedQelib1 = true;
    }

    private void registerDeclaration() {
        boolean quantum = tokens.next().is("qreg");
        Token name = declaredName("a register name");
        tokens.expect("[");
        Token sizeToken = tokens.peek();
        int size = tokens.expectInteger("a register size");
        tokens.expect("]");
        tokens.expectSemicolon();
        registers.declare(name, quantum, sizeToken, size);
    }

    /** A name being declared, which must not be a reserved word; {@code role} is for messages. */
    private Token declaredName(String role) {
        Token name = tokens.expectIdentifier(role);
        if (RESERVED.contains(name.text())) {
            throw TokenStream.error(name, "'" + name.text() + "' is a reserved word and cannot be " + role);
        }
        return name;
    }

    /**
     * {@code gate name(params) qubits { body }}. The gate is not callable inside its own body, so a
     * definition cannot recurse.
     */
    private GateDefinition gateDefinition() {
        Token keyword = tokens.expect("gate");
        Token name = declaredName("a gate name");
        QasmGate existing = gates.get(name.text());
        if (existing != null && !(Qelib1.mayBeRedefined(name.text()) && existing == Qelib1.gates().get(name.text()))) {
            throw TokenStream.error(name, "redeclared gate '" + name.text() + "' (defined" + declaredAtLine(existing)
                    + ")");
        }
        List<String> parameterNames = new ArrayList<>();
        if (tokens.accept("(") && !tokens.accept(")")) {
            do {
                parameterNames.add(uniqueName(declaredName("a parameter name"), parameterNames, List.of()));
            } while (tokens.accept(","));
            tokens.expect(")");
        }
        List<String> qubitNames = new ArrayList<>();
        do {
            qubitNames.add(uniqueName(declaredName("a qubit argument name"), qubitNames, parameterNames));
        } while (tokens.accept(","));
        tokens.expect("{");
        List<GateDefinition.Call> body = new ArrayList<>();
        while (!tokens.accept("}")) {
            GateDefinition.Call call = bodyStatement(name.text(), parameterNames, qubitNames);
            if (call != null) {
                body.add(call);
            }
        }
        return new GateDefinition(name.text(), keyword, parameterNames, qubitNames, body);
    }

    private static String uniqueName(Token name, List<String> sameList, List<String> otherList) {
        if (sameList.contains(name.text()) || otherList.contains(name.text())) {
            throw TokenStream.error(name, "duplicate name '" + name.text() + "' in a gate definition");
        }
        return name.text();
    }

    /** One statement of a gate body: a gate call, or null for an (ignored) barrier. */
    private GateDefinition.Call bodyStatement(String gateName, List<String> parameterNames, List<String> qubitNames) {
        Token t = tokens.peek();
        if (t.kind() == Token.Kind.END) {
            throw TokenStream.error(t, "the body of gate '" + gateName + "' has no closing '}'");
        }
        if (t.kind() != Token.Kind.IDENTIFIER) {
            throw TokenStream.error(t, "expected a gate call or '}' in the body of gate '" + gateName + "', found "
                    + t.describe());
        }
        if (TOP_LEVEL_ONLY.contains(t.text())) {
            throw TokenStream.error(t, "'" + t.text() + "' is not allowed in the body of gate '" + gateName + "'");
        }
        tokens.next();
        if (t.is("barrier")) {
            bodyQubits(gateName, qubitNames);
            tokens.expectSemicolon();
            return null;
        }
        QasmGate gate = lookUpGate(t);
        List<Expression> arguments = new ArrayList<>();
        if (tokens.accept("(") && !tokens.accept(")")) {
            do {
                arguments.add(ExpressionParser.parseInGate(tokens, parameterNames, gateName));
            } while (tokens.accept(","));
            tokens.expect(")");
        }
        List<Token> qubitTokens = bodyQubits(gateName, qubitNames);
        tokens.expectSemicolon();
        checkArgumentCounts(gate, t, arguments.size(), qubitTokens.size());
        int[] qubits = new int[qubitTokens.size()];
        for (int j = 0; j < qubits.length; j++) {
            qubits[j] = qubitNames.indexOf(qubitTokens.get(j).text());
            for (int i = 0; i < j; i++) {
                if (qubits[i] == qubits[j]) {
                    throw TokenStream.error(qubitTokens.get(j), "qubit '" + qubitTokens.get(j).text()
                            + "' appears twice in this call of '" + gate.name() + "'");
                }
            }
        }
        return new GateDefinition.Call(gate, arguments, qubits);
    }

    /** The qubit names of a call in a gate body: plain names of the definition's qubit arguments. */
    private List<Token> bodyQubits(String gateName, List<String> qubitNames) {
        List<Token> names = new ArrayList<>();
        do {
            Token q = tokens.expectIdentifier("a qubit argument of gate '" + gateName + "'");
            if (!qubitNames.contains(q.text())) {
                throw TokenStream.error(q, "undeclared qubit argument '" + q.text() + "' in the body of gate '"
                        + gateName + "'");
            }
            if (tokens.peek().is("[")) {
                throw TokenStream.error(tokens.peek(), "a gate body names its qubit arguments without an index");
            }
            names.add(q);
        } while (tokens.accept(","));
        return names;
    }

    private void barrier() {
        tokens.next();
        do {
            registers.parseArgument(tokens, true);
        } while (tokens.accept(","));
        tokens.expectSemicolon();
    }

    /** {@code measure q[i] -> c[j];} or {@code measure q -> c;} with registers of equal size. */
    private void measure() {
        Token keyword = tokens.next();
        Registers.Argument qubit = registers.parseArgument(tokens, true);
        tokens.expect("->");
        Registers.Argument bit = registers.parseArgument(tokens, false);
        tokens.expectSemicolon();
        if (qubit.isWholeRegister() != bit.isWholeRegister()) {
            throw TokenStream.error(keyword, "measure needs a qubit and a bit, or two whole registers");
        }
        if (qubit.size() != bit.size()) {
            throw TokenStream.error(bit.name(), "cannot measure register '" + qubit.register().name() + "' of size "
                    + qubit.size() + " into register '" + bit.register().name() + "' of size " + bit.size());
        }
        for (int i = 0; i < qubit.size(); i++) {
            measurements.add(new QasmProgram.Measurement(qubit.element(i), bit.element(i)));
            measuredBy.putIfAbsent(qubit.element(i), keyword);
        }
    }

    /** A gate call at the top level, broadcast over whole-register arguments. */
    private void gateCall() {
        Token name = tokens.next();
        QasmGate gate = lookUpGate(name);
        List<Expression> arguments = new ArrayList<>();
        if (tokens.accept("(") && !tokens.accept(")")) {
            do {
                arguments.add(ExpressionParser.parseConstant(tokens));
            } while (tokens.accept(","));
            tokens.expect(")");
        }
        List<Registers.Argument> qubitArguments = new ArrayList<>();
        do {
            qubitArguments.add(registers.parseArgument(tokens, true));
        } while (tokens.accept(","));
        tokens.expectSemicolon();
        checkArgumentCounts(gate, name, arguments.size(), qubitArguments.size());
        ParameterExpression[] values = Expression.evaluateArguments(arguments, NO_PARAMETERS, gate.name(), "");
        int calls = broadcastSize(qubitArguments);
        for (int i = 0; i < calls; i++) {
            int[] qubits = new int[qubitArguments.size()];
            for (int j = 0; j < qubits.length; j++) {
                qubits[j] = qubitArguments.get(j).element(i);
                for (int k = 0; k < j; k++) {
                    if (qubits[k] == qubits[j]) {
                        throw TokenStream.error(qubitArguments.get(j).name(), "qubit " + registers.qubitName(qubits[j])
                                + " appears twice in this call of '" + gate.name() + "'");
                    }
                }
                Token measure = measuredBy.get(qubits[j]);
                if (measure != null) {
                    throw TokenStream.error(name, "gate '" + gate.name() + "' on qubit " + registers.qubitName(qubits[j])
                            + " after its measurement at line " + measure.line()
                            + " is not supported in a unitary simulation");
                }
            }
            gate.expand(values, qubits, name, operations);
        }
    }

    /**
     * How many calls a statement stands for: 1 when every argument is a single qubit, else the common
     * size of its whole-register arguments.
     */
    private static int broadcastSize(List<Registers.Argument> arguments) {
        Registers.Argument first = null;
        for (Registers.Argument a : arguments) {
            if (!a.isWholeRegister()) {
                continue;
            }
            if (first == null) {
                first = a;
            } else if (a.size() != first.size()) {
                throw TokenStream.error(a.name(), "register size mismatch: '" + a.register().name() + "' has "
                        + a.size() + " qubits but '" + first.register().name() + "' has " + first.size());
            }
        }
        return first == null ? 1 : first.size();
    }

    private QasmGate lookUpGate(Token name) {
        QasmGate gate = gates.get(name.text());
        if (gate != null) {
            return gate;
        }
        if (!includedQelib1 && Qelib1.gates().containsKey(name.text())) {
            throw TokenStream.error(name, "unknown gate '" + name.text() + "': it is defined in \"" + Qelib1.FILE_NAME
                    + "\", which the program does not include");
        }
        throw TokenStream.error(name, "unknown gate '" + name.text() + "'");
    }

    private static void checkArgumentCounts(QasmGate gate, Token name, int numParams, int numQubits) {
        if (numParams != gate.numParams()) {
            throw TokenStream.error(name, "gate '" + gate.name() + "' takes " + count(gate.numParams(), "parameter")
                    + ", got " + numParams);
        }
        if (numQubits != gate.numQubits()) {
            throw TokenStream.error(name, "gate '" + gate.name() + "' acts on " + count(gate.numQubits(), "qubit")
                    + ", got " + numQubits);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String declaredAtLine(QasmGate gate) {
        return gate instanceof GateDefinition d && Qelib1.gates().get(d.name()) != d
                ? " at line " + d.declaredAt().line() : " in " + Qelib1.FILE_NAME;
    }
}
