package org.qtune.circuit.qasm;

/**
 * Splits OpenQASM text into {@link Token}s, one at a time. Skips white space, line comments
 * ({@code //} to the end of the line) and block comments (from slash-star to star-slash, which
 * OpenQASM 2.0 files in the wild use). A line ends at {@code \n}; a {@code \r} before it (Windows line
 * ends) is white space.
 *
 * <p>It starts in OpenQASM 2.0 mode, where names are ASCII: a letter or an underscore, then letters,
 * digits and underscores (the 2.0 specification asks for a lower-case first letter, but its own
 * keywords {@code OPENQASM}, {@code U}, {@code CX} do not). {@link #enableOpenQasm3()}, called once
 * the header said 3.0, switches to the OpenQASM 3 rules: a name may hold any Unicode letter (Qiskit
 * writes {@code θ[0]} as {@code _θ_0_}, and {@code π} is a name for pi), and {@code =}, {@code **},
 * {@code @}, {@code :} and hardware qubits ({@code $0}) are tokens, so that statements this reader
 * does not support fail with a message about the statement rather than about a character.
 */
final class Lexer {
    private final String source;
    private int pos;
    private int line = 1;
    private int column = 1;
    private boolean openQasm3;

    Lexer(String source) {
        this.source = source;
    }

    /** From the next token on, lexes by the OpenQASM 3 rules. */
    void enableOpenQasm3() {
        openQasm3 = true;
    }

    /** The next token; at the end of the input, an {@link Token.Kind#END} token, again on every call. */
    Token next() {
        skipBlanksAndComments();
        if (pos >= source.length()) {
            return new Token(Token.Kind.END, "", line, column, column);
        }
        int startLine = line, startColumn = column, start = pos;
        char c = source.charAt(pos);
        if (isIdentifierStart(source.codePointAt(pos))) {
            while (pos < source.length() && isIdentifierPart(source.codePointAt(pos))) {
                advance();
            }
            return token(Token.Kind.IDENTIFIER, source.substring(start, pos), startLine, startColumn);
        }
        if (isDigit(c) || c == '.' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1))) {
            return number(startLine, startColumn);
        }
        if (c == '"') {
            return string(startLine, startColumn);
        }
        if (source.startsWith("->", pos) || source.startsWith("==", pos)
                || openQasm3 && source.startsWith("**", pos)) {
            advance();
            advance();
            return token(Token.Kind.SYMBOL, source.substring(start, pos), startLine, startColumn);
        }
        if (";,()[]{}+-*/^".indexOf(c) >= 0 || openQasm3 && "=@:".indexOf(c) >= 0) {
            advance();
            return token(Token.Kind.SYMBOL, String.valueOf(c), startLine, startColumn);
        }
        if (openQasm3 && c == '$' && pos + 1 < source.length() && isDigit(source.charAt(pos + 1))) {
            advance();
            skipDigits();
            return token(Token.Kind.HARDWARE_QUBIT, source.substring(start, pos), startLine, startColumn);
        }
        throw new QasmException(startLine, startColumn,
                "unexpected character '" + Character.toString(source.codePointAt(pos)) + "'");
    }

    private Token token(Token.Kind kind, String text, int startLine, int startColumn) {
        return new Token(kind, text, startLine, startColumn, column);
    }

    /** Digits with an optional fraction and exponent, or a fraction alone ({@code .5}). */
    private Token number(int startLine, int startColumn) {
        int start = pos;
        boolean real = false;
        skipDigits();
        if (pos < source.length() && source.charAt(pos) == '.') {
            real = true;
            advance();
            skipDigits();
        }
        if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            real = true;
            advance();
            if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                advance();
            }
            if (pos >= source.length() || !isDigit(source.charAt(pos))) {
                throw new QasmException(startLine, startColumn,
                        "malformed number '" + source.substring(start, pos) + "': the exponent has no digits");
            }
            skipDigits();
        }
        if (pos < source.length() && isIdentifierPart(source.codePointAt(pos))) {
            throw new QasmException(line, column, "unexpected '" + Character.toString(source.codePointAt(pos))
                    + "' after the number '" + source.substring(start, pos) + "'");
        }
        return token(real ? Token.Kind.REAL : Token.Kind.INTEGER, source.substring(start, pos), startLine,
                startColumn);
    }

    private Token string(int startLine, int startColumn) {
        advance(); // the opening quote
        int contentStart = pos;
        while (pos < source.length() && source.charAt(pos) != '"' && source.charAt(pos) != '\n') {
            advance();
        }
        if (pos >= source.length() || source.charAt(pos) != '"') {
            throw new QasmException(startLine, startColumn, "unterminated string");
        }
        String content = source.substring(contentStart, pos);
        advance(); // the closing quote
        return token(Token.Kind.STRING, content, startLine, startColumn);
    }

    private void skipBlanksAndComments() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                advance();
            } else if (source.startsWith("//", pos)) {
                while (pos < source.length() && source.charAt(pos) != '\n') {
                    advance();
                }
            } else if (source.startsWith("/*", pos)) {
                int startLine = line, startColumn = column;
                int end = source.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new QasmException(startLine, startColumn, "unterminated comment: '/*' without '*/'");
                }
                while (pos < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void skipDigits() {
        while (pos < source.length() && isDigit(source.charAt(pos))) {
            advance();
        }
    }

    /** Moves past one character, keeping line and column; a surrogate pair is one column. */
    private void advance() {
        char c = source.charAt(pos++);
        if (c == '\n') {
            line++;
            column = 1;
            return;
        }
        if (Character.isHighSurrogate(c) && pos < source.length() && Character.isLowSurrogate(source.charAt(pos))) {
            pos++;
        }
        column++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A letter or underscore. In OpenQASM 3 a letter is any code point of the Unicode categories L
     * (Lu, Ll, Lt, Lm, Lo) or Nl, as its grammar says; in 2.0, an ASCII letter.
     */
    private boolean isIdentifierStart(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
            return true;
        }
        return openQasm3 && c > 0x7f && (Character.isLetter(c) || Character.getType(c) == Character.LETTER_NUMBER);
    }

    private boolean isIdentifierPart(int c) {
        return isIdentifierStart(c) || c >= '0' && c <= '9';
    }
}
