package org.qtune.circuit.qasm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * Recursive-descent parser for OpenQASM 2.0 programs and the OpenQASM 3 subset described in
 * {@link QasmReader}. It checks each statement as it reads it and expands gate calls into
 * {@link Operation}s at once, so nothing but the gate definitions is kept. The header picks the
 * {@link Dialect}; a program without one is OpenQASM 2.0, or rejected in strict mode.
 *
 * <pre>
 * program    := ('OPENQASM' ('2.0' | '3.0' | '3' | '3.1') ';')? statement*
 * statement  := 'include' STRING ';' | ('qreg' | 'creg') ID '[' INT ']' ';'
 *             | 'gate' ID ('(' ids? ')')? ids '{' bodyStatement* '}'
 *             | 'barrier' args ';' | 'measure' arg '->' arg ';'
 *             | ID ('(' expressions? ')')? args ';'
 * bodyStatement := ID ('(' expressions? ')')? ids ';' | 'barrier' ids ';'
 * arg        := ID ('[' INT ']')?
 * </pre>
 * and in OpenQASM 3 also
 * <pre>
 * statement  := ('qubit' | 'bit') ('[' INT ']')? ID ';' | 'bit' ('[' INT ']')? ID '=' 'measure' arg ';'
 *             | 'input' ('float' | 'angle') ('[' INT ']')? ID ';'
 *             | arg '=' 'measure' arg ';' | 'barrier' ';'
 * </pre>
 * where a single {@code qubit a;} is named without an index. {@code opaque}, {@code reset},
 * {@code if} and the other statements the {@link Dialect} lists are recognised and rejected with a
 * reason: a unitary simulation cannot run them.
 */
final class QasmParser {
    /** The parameter values at the top level, outside any gate definition: none. */
    private static final ParameterExpression[] NO_PARAMETERS = {};

    private final TokenStream tokens;
    private final Dialect dialect;
    /** The gates callable now: the primitives, the library's once included, and those defined so far. */
    private final Map<String, QasmGate> gates;
    private final Registers registers = new Registers();
    private final Inputs inputs = new Inputs();
    private final List<Operation> operations = new ArrayList<>();
    private final List<QasmProgram.Measurement> measurements = new ArrayList<>();
    /** The measure statement that first measured each qubit: later gates on it are rejected. */
    private final Map<Integer, Token> measuredBy = new HashMap<>();
    private boolean includedLibrary;

    private QasmParser(TokenStream tokens, Dialect dialect, Map<String, QasmGate> knownGates) {
        this.tokens = tokens;
        this.dialect = dialect;
        this.gates = new LinkedHashMap<>(knownGates);
    }

    /**
     * Parses a whole program, in the version its header names; without a header, as OpenQASM 2.0
     * unless {@code requireHeader}.
     */
    static QasmProgram parseProgram(String source, boolean requireHeader) {
        TokenStream tokens = new TokenStream(source);
        Dialect dialect = header(tokens, requireHeader);
        return new QasmParser(tokens, dialect, dialect.primitives()).program();
    }

    /**
     * Parses a text of OpenQASM 2.0 gate definitions only (no header), whose bodies may call
     * {@code knownGates}: how {@link Qelib1} builds its library.
     */
    static List<GateDefinition> parseGateDefinitions(String source, Map<String, QasmGate> knownGates) {
        QasmParser parser = new QasmParser(new TokenStream(source), Dialect.OPENQASM_2, knownGates);
        List<GateDefinition> definitions = new ArrayList<>();
        while (!parser.tokens.atEnd()) {
            GateDefinition d = parser.gateDefinition();
            parser.gates.put(d.name(), d);
            definitions.add(d);
        }
        return definitions;
    }

    /**
     * Reads {@code OPENQASM 2.0;} or {@code OPENQASM 3.0;} ({@code 3} and {@code 3.1} too: this
     * subset reads the same in both) and sets the lexer to that version's rules. A program that does
     * not start with {@code OPENQASM} is OpenQASM 2.0 (nothing is consumed), as Qiskit's non-strict
     * loader reads it, or an error if {@code requireHeader}.
     */
    private static Dialect header(TokenStream tokens, boolean requireHeader) {
        Token first = tokens.peek();
        if (!first.is("OPENQASM") && !requireHeader) {
            return Dialect.OPENQASM_2;
        }
        if (!first.is("OPENQASM")) {
            throw TokenStream.error(first, "missing header: a program starts with 'OPENQASM 2.0;' or 'OPENQASM 3.0;',"
                    + " found " + first.describe());
        }
        tokens.next();
        Token version = tokens.next();
        if (!version.isNumber()) {
            throw TokenStream.error(version, "expected a version number after 'OPENQASM', found " + version.describe());
        }
        double number = Double.parseDouble(version.text());
        Dialect dialect = number == 2.0 ? Dialect.OPENQASM_2
                : number == 3.0 || number == 3.1 ? Dialect.OPENQASM_3 : null;
        if (dialect == null) {
            throw TokenStream.error(version, "unsupported OpenQASM version " + version.text()
                    + ": this reader reads OpenQASM 2.0 and 3.0");
        }
        tokens.expectSemicolon();
        if (dialect == Dialect.OPENQASM_3) {
            tokens.enableOpenQasm3();
        }
        return dialect;
    }

    private QasmProgram program() {
        while (!tokens.atEnd()) {
            statement();
        }
        if (registers.numQubits() == 0) {
            throw TokenStream.error(tokens.peek(), "the program declares no qubits (no '"
                    + dialect.quantumDeclaration() + "')");
        }
        Circuit.Builder builder = Circuit.builder(registers.numQubits());
        operations.forEach(builder::add);
        return new QasmProgram(builder.build(), registers.numClbits(), measurements, inputs.parameters(),
                dialect.version());
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
            default -> {
                if (dialect == Dialect.OPENQASM_3 && (t.is("qubit") || t.is("bit"))) {
                    typedDeclaration();
                } else if (dialect == Dialect.OPENQASM_3 && t.is("input")) {
                    inputDeclaration();
                } else if (dialect.unsupported(t.text()) != null) {
                    throw TokenStream.error(t, dialect.unsupported(t.text()));
                } else if (dialect == Dialect.OPENQASM_3 && (tokens.peek(1).is("=") || tokens.peek(1).is("["))) {
                    assignment();
                } else {
                    gateCall();
                }
            }
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
        String library = dialect.includeFile();
        if (!file.text().equals(library)) {
            throw TokenStream.error(file, "cannot include \"" + file.text() + "\": the only include file is \""
                    + library + "\", which is built in");
        }
        if (includedLibrary) {
            throw TokenStream.error(file, "\"" + library + "\" is included twice");
        }
        for (QasmGate g : dialect.library().values()) {
            QasmGate mine = gates.get(g.name());
            if (mine != null && !dialect.mayBeRedefined(g.name())) {
                throw TokenStream.error(file, "\"" + library + "\" redeclares gate '" + g.name() + "', defined"
                        + declaredAtLine(mine));
            }
            String other = declaredAsOtherThan(g.name(), "gate");
            if (other != null) {
                throw TokenStream.error(file, "\"" + library + "\" declares gate '" + g.name() + "', already declared"
                        + " as " + other);
            }
            if (mine == null) {
                gates.put(g.name(), g);
            }
        }
        includedLibrary = true;
    }

    /** {@code qreg q[n];} or {@code creg c[n];} (OpenQASM 3 keeps them for compatibility). */
    private void registerDeclaration() {
        boolean quantum = tokens.next().is("qreg");
        Token name = declaredName("a register name");
        tokens.expect("[");
        Token sizeToken = tokens.peek();
        int size = tokens.expectInteger("a register size");
        tokens.expect("]");
        tokens.expectSemicolon();
        checkNotDeclaredAsOther(name, "register");
        registers.declare(name, quantum, sizeToken, size);
    }

    /**
     * OpenQASM 3's {@code qubit[n] q;}, {@code qubit a;}, {@code bit[n] c;} and {@code bit c;}; a bit
     * declaration may take a measurement at once: {@code bit[2] c = measure q;}.
     */
    private void typedDeclaration() {
        boolean quantum = tokens.next().is("qubit");
        Token sizeToken = null;
        int size = 0;
        if (tokens.accept("[")) {
            sizeToken = tokens.peek();
            size = tokens.expectInteger("a register size");
            tokens.expect("]");
        }
        Token name = declaredName(sizeToken == null ? (quantum ? "a qubit name" : "a bit name") : "a register name");
        checkNotDeclaredAsOther(name, "register");
        Registers.Register register = sizeToken == null ? registers.declareSingle(name, quantum)
                : registers.declare(name, quantum, sizeToken, size);
        if (!quantum && tokens.accept("=")) {
            measurementInto(new Registers.Argument(name, register, register.single() ? 0 : -1), name);
            return;
        }
        tokens.expectSemicolon();
    }

    /**
     * {@code input float[64] theta;} or {@code input angle theta;}: a symbolic parameter of the
     * circuit. The width is not checked: every value is a double.
     */
    private void inputDeclaration() {
        tokens.next();
        Token type = tokens.peek();
        if (!type.is("float") && !type.is("angle")) {
            throw TokenStream.error(type, "an input of type " + type.describe() + " is not supported: an input is a"
                    + " circuit parameter, declared 'input float[64] name;' or 'input angle name;'");
        }
        tokens.next();
        if (tokens.accept("[")) {
            tokens.expectInteger("a type width");
            tokens.expect("]");
        }
        Token name = declaredName("an input name");
        tokens.expectSemicolon();
        Token previous = inputs.declaredAt(name.text());
        if (previous != null) {
            throw TokenStream.error(name, "redeclared input '" + name.text() + "' (declared at line " + previous.line()
                    + ")");
        }
        checkNotDeclaredAsOther(name, "input");
        inputs.declare(name);
    }

    /** A name being declared, which must not be a reserved word; {@code role} is for messages. */
    private Token declaredName(String role) {
        Token name = tokens.expectIdentifier(role);
        if (dialect.isReserved(name.text())) {
            throw TokenStream.error(name, "'" + name.text() + "' is a reserved word and cannot be " + role);
        }
        return name;
    }

    /**
     * In OpenQASM 3, registers, inputs and gates share one namespace: fails when {@code name} is
     * declared as one of those other than {@code kind}. (OpenQASM 2.0 keeps gates apart, and a
     * redeclaration of the same kind has its own message.)
     */
    private void checkNotDeclaredAsOther(Token name, String kind) {
        String other = declaredAsOtherThan(name.text(), kind);
        if (other != null) {
            throw TokenStream.error(name, "'" + name.text() + "' is already declared as " + other);
        }
    }

    /** In OpenQASM 3, what else {@code name} is declared as, e.g. "an input at line 3"; else null. */
    private String declaredAsOtherThan(String name, String kind) {
        if (dialect != Dialect.OPENQASM_3) {
            return null;
        }
        Token input = inputs.declaredAt(name);
        if (input != null && !kind.equals("input")) {
            return "an input at line " + input.line();
        }
        Registers.Register register = registers.lookUp(name);
        if (register != null && !kind.equals("register")) {
            return "a register at line " + register.declaredAt().line();
        }
        QasmGate gate = gates.get(name);
        if (gate != null && !kind.equals("gate")) {
            return "a gate" + declaredAtLine(gate);
        }
        return null;
    }

    /**
     * {@code gate name(params) qubits { body }}. The gate is not callable inside its own body, so a
     * definition cannot recurse.
     */
    private GateDefinition gateDefinition() {
        Token keyword = tokens.expect("gate");
        Token name = declaredName("a gate name");
        QasmGate existing = gates.get(name.text());
        if (existing != null
                && !(dialect.mayBeRedefined(name.text()) && existing == dialect.library().get(name.text()))) {
            throw TokenStream.error(name, "redeclared gate '" + name.text() + "' (defined" + declaredAtLine(existing)
                    + ")");
        }
        checkNotDeclaredAsOther(name, "gate");
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
        if (dialect.isTopLevelOnly(t.text())) {
            throw TokenStream.error(t, "'" + t.text() + "' is not allowed in the body of gate '" + gateName + "'");
        }
        if (dialect.unsupported(t.text()) != null) {
            throw TokenStream.error(t, dialect.unsupported(t.text()));
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
                arguments.add(ExpressionParser.parseInGate(tokens, dialect, parameterNames, gateName));
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

    /** {@code barrier args;}, ignored; OpenQASM 3's {@code barrier;} (all qubits) too. */
    private void barrier() {
        tokens.next();
        if (dialect == Dialect.OPENQASM_3 && tokens.accept(";")) {
            return;
        }
        do {
            registers.parseArgument(tokens, true);
        } while (tokens.accept(","));
        tokens.expectSemicolon();
    }

    /** {@code measure q[i] -> c[j];} or {@code measure q -> c;} with registers of equal size. */
    private void measure() {
        Token keyword = tokens.next();
        Registers.Argument qubit = registers.parseArgument(tokens, true);
        if (dialect == Dialect.OPENQASM_3 && tokens.peek().is(";")) {
            throw TokenStream.error(keyword, "a measurement without a bit to hold its result is not supported: write"
                    + " 'c[0] = measure q[0];'");
        }
        tokens.expect("->");
        Registers.Argument bit = registers.parseArgument(tokens, false);
        tokens.expectSemicolon();
        recordMeasurement(keyword, qubit, bit);
    }

    /**
     * OpenQASM 3's {@code c[0] = measure q[0];} or {@code c = measure q;}: an assignment, of which
     * only a measurement is read.
     */
    private void assignment() {
        Token target = tokens.peek();
        if (inputs.declaredAt(target.text()) != null) {
            throw TokenStream.error(target, "assigning to the input '" + target.text() + "' is not supported in a"
                    + " unitary simulation");
        }
        Registers.Argument bit = registers.parseArgument(tokens, false);
        tokens.expect("=");
        measurementInto(bit, target);
    }

    /** After {@code bit =}: {@code measure arg;}, anything else being a classical assignment. */
    private void measurementInto(Registers.Argument bit, Token target) {
        Token keyword = tokens.peek();
        if (!keyword.is("measure")) {
            throw TokenStream.error(target, "a classical assignment is not supported in a unitary simulation: the"
                    + " only value assigned to a bit is a measurement ('c[0] = measure q[0];')");
        }
        tokens.next();
        Registers.Argument qubit = registers.parseArgument(tokens, true);
        tokens.expectSemicolon();
        recordMeasurement(keyword, qubit, bit);
    }

    private void recordMeasurement(Token keyword, Registers.Argument qubit, Registers.Argument bit) {
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
                arguments.add(ExpressionParser.parseAtTopLevel(tokens, dialect, inputs));
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
        if (!includedLibrary && dialect.library().containsKey(name.text())) {
            throw TokenStream.error(name, "unknown gate '" + name.text() + "': it is defined in \""
                    + dialect.includeFile() + "\", which the program does not include");
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

    private String declaredAtLine(QasmGate gate) {
        return gate instanceof GateDefinition d && dialect.library().get(d.name()) != d
                ? " at line " + d.declaredAt().line() : " in " + dialect.includeFile();
    }
}
