package org.qtune.circuit.qasm;

/**
 * One lexical token with the position of its first character. {@code endColumn} is the column just
 * past its last character (tokens never span lines).
 */
record Token(Kind kind, String text, int line, int column, int endColumn) {

    enum Kind {
        /** A name or keyword: keywords are told apart by the parser, which knows where they may stand. */
        IDENTIFIER,
        /** Digits only: register sizes and indices. Also a number in expressions. */
        INTEGER,
        /** A number with a fraction or an exponent: {@code 1.5}, {@code .5}, {@code 1e-3}. */
        REAL,
        /** A double-quoted string; {@link #text} is its content without the quotes. */
        STRING,
        /**
         * Punctuation and operators: {@code ; , ( ) [ ] { } -> == + - * / ^}, and in OpenQASM 3
         * also {@code = ** @ :}.
         */
        SYMBOL,
        /** An OpenQASM 3 hardware qubit, {@code $} and digits: {@code $0}. */
        HARDWARE_QUBIT,
        /** The end of the input. */
        END
    }

    /** True when this is the symbol or identifier {@code text}. */
    boolean is(String text) {
        return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER) && this.text.equals(text);
    }

    boolean isNumber() {
        return kind == Kind.INTEGER || kind == Kind.REAL;
    }

    /** How error messages name this token. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the input";
            case STRING -> "\"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
