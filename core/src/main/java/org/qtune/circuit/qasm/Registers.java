package org.qtune.circuit.qasm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quantum and classical registers of a program. Registers of each kind are concatenated in
 * declaration order: with {@code qreg a[2]; qreg b[3];}, {@code b[0]} is qubit 2 of the circuit.
 * Quantum and classical registers share one namespace. OpenQASM 3 also declares single qubits and
 * bits ({@code qubit a;}, {@code bit c;}): each takes one place in the order and is named without an
 * index.
 */
final class Registers {
    /** At most this many qubits: the largest circuit {@link org.qtune.circuit.Circuit} holds. */
    static final int MAX_QUBITS = 62;

    /** A register, or a single qubit or bit ({@code single}, of size 1). */
    record Register(String name, boolean quantum, boolean single, int offset, int size, Token declaredAt) {
    }

    /** A whole register ({@code index < 0}) or one of its elements, as written in a statement. */
    record Argument(Token name, Register register, int index) {
        boolean isWholeRegister() {
            return index < 0;
        }

        /** How many elements a broadcast over this argument visits: the register size, or 1. */
        int size() {
            return isWholeRegister() ? register.size() : 1;
        }

        /** The circuit-wide index of the element used in the i-th call of a broadcast. */
        int element(int i) {
            return register.offset() + (isWholeRegister() ? i : index);
        }
    }

    private final Map<String, Register> byName = new LinkedHashMap<>();
    private int numQubits;
    private int numClbits;

    int numQubits() {
        return numQubits;
    }

    int numClbits() {
        return numClbits;
    }

    /** The register called {@code name}, or null. */
    Register lookUp(String name) {
        return byName.get(name);
    }

    /** Declares a single qubit or bit, which is named without an index. */
    Register declareSingle(Token name, boolean quantum) {
        return declare(name, quantum, true, name, 1);
    }

    Register declare(Token name, boolean quantum, Token sizeToken, int size) {
        return declare(name, quantum, false, sizeToken, size);
    }

    private Register declare(Token name, boolean quantum, boolean single, Token sizeToken, int size) {
        Register previous = byName.get(name.text());
        if (previous != null) {
            throw TokenStream.error(name, "redeclared register '" + name.text() + "' (declared at line "
                    + previous.declaredAt().line() + ")");
        }
        if (size == 0) {
            throw TokenStream.error(sizeToken, "register '" + name.text() + "' has size 0");
        }
        if (quantum && size > MAX_QUBITS - numQubits) {
            throw TokenStream.error(sizeToken, "too many qubits: " + (single ? "qubit '" : "register '") + name.text()
                    + "' brings the total to " + ((long) numQubits + size) + ", and a circuit holds at most "
                    + MAX_QUBITS);
        }
        Register r = new Register(name.text(), quantum, single, quantum ? numQubits : numClbits, size, name);
        byName.put(name.text(), r);
        if (quantum) {
            numQubits += size;
        } else {
            numClbits += size;
        }
        return r;
    }

    /**
     * Parses {@code name} or {@code name[index]}, naming a declared register of the wanted kind, or a
     * single qubit or bit by its name.
     */
    Argument parseArgument(TokenStream tokens, boolean quantum) {
        if (tokens.peek().kind() == Token.Kind.HARDWARE_QUBIT) {
            throw TokenStream.error(tokens.peek(), "the hardware qubit '" + tokens.peek().text() + "' is not"
                    + " supported: declare the qubits with 'qubit[n] name;'");
        }
        Token name = tokens.expectIdentifier(quantum ? "a qubit or quantum register" : "a bit or classical register");
        Register register = byName.get(name.text());
        if (register == null) {
            throw TokenStream.error(name, "undeclared register '" + name.text() + "'");
        }
        if (register.quantum() != quantum) {
            throw TokenStream.error(name, "'" + name.text() + "' is a " + (quantum ? "classical" : "quantum")
                    + " register; a " + (quantum ? "quantum" : "classical") + " one is needed here");
        }
        if (register.single()) {
            if (tokens.peek().is("[")) {
                throw TokenStream.error(tokens.peek(), "'" + name.text() + "' is a single "
                        + (quantum ? "qubit" : "bit") + ", not a register: it takes no index");
            }
            return new Argument(name, register, 0);
        }
        if (!tokens.accept("[")) {
            return new Argument(name, register, -1);
        }
        Token indexToken = tokens.peek();
        int index = tokens.expectInteger("an index");
        tokens.expect("]");
        if (index >= register.size()) {
            throw TokenStream.error(indexToken, "index " + index + " is out of range for register '" + name.text()
                    + "' of size " + register.size());
        }
        return new Argument(name, register, index);
    }

    /** How messages name a qubit: {@code q[3]}, or {@code a} for a single qubit. */
    String qubitName(int qubit) {
        for (Register r : byName.values()) {
            if (r.quantum() && qubit >= r.offset() && qubit < r.offset() + r.size()) {
                return r.single() ? r.name() : r.name() + "[" + (qubit - r.offset()) + "]";
            }
        }
        throw new IllegalArgumentException("no qubit " + qubit);
    }
}
