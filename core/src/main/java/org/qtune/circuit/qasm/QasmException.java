package org.qtune.circuit.qasm;

/**
 * An OpenQASM 2.0 or 3 program the reader does not accept: a syntax error, a semantic error (an
 * undeclared register, an unknown gate, a wrong number of arguments, a gate argument that is not
 * affine in one input, ...), a statement that a unitary simulation cannot run ({@code reset},
 * {@code if}, a gate after a measurement), or one outside the OpenQASM 3 subset read.
 *
 * <p>The message starts with the position, for example
 * {@code line 12, column 5: undeclared register 'q'}, preceded by the file name when the program was
 * read from a file. Lines and columns count from 1; a column counts characters (a tab is one, and so
 * is a character outside the Basic Multilingual Plane).
 */
public final class QasmException extends IllegalArgumentException {
    private final String sourceName;
    private final int line;
    private final int column;
    private final String reason;

    public QasmException(int line, int column, String reason) {
        this(null, line, column, reason);
    }

    private QasmException(String sourceName, int line, int column, String reason) {
        super((sourceName == null ? "" : sourceName + ": ") + "line " + line + ", column " + column + ": "
                + reason);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** The same error, its message prefixed with the name of the file it came from. */
    QasmException inSource(String name) {
        QasmException e = new QasmException(name, line, column, reason);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The line of the offending text, from 1. */
    public int line() {
        return line;
    }

    /** The column of the offending text, from 1. */
    public int column() {
        return column;
    }

    /** The message without the position, e.g. {@code undeclared register 'q'}. */
    public String reason() {
        return reason;
    }

    /** The file the program was read from, or null when it was parsed from a string. */
    public String sourceName() {
        return sourceName;
    }
}
