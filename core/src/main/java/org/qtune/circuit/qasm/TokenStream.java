package org.qtune.circuit.qasm;

import java.util.ArrayList;
import java.util.List;

/** The parsers' view of the {@link Lexer}: lookahead, and "expect" helpers that fail with a position. */
final class TokenStream {
    private final Lexer lexer;
    private final List<Token> lookahead = new ArrayList<>(2);
    private Token previous;

    TokenStream(String source) {
        this.lexer = new Lexer(source);
    }

    /**
     * Lexes the rest of the input by the OpenQASM 3 rules: called right after the header, before any
     * token after it was looked at (else that token would have been lexed by the 2.0 rules).
     */
    void enableOpenQasm3() {
        if (!lookahead.isEmpty()) {
            throw new IllegalStateException("tokens after the header were already lexed");
        }
        lexer.enableOpenQasm3();
    }

    Token peek() {
        return peek(0);
    }

    /** The token {@code k} places ahead of the next one. */
    Token peek(int k) {
        while (lookahead.size() <= k) {
            lookahead.add(lexer.next());
        }
        return lookahead.get(k);
    }

    Token next() {
        Token t = peek();
        lookahead.remove(0);
        previous = t;
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Consumes the next token if it is the symbol or keyword {@code text}. */
    boolean accept(String text) {
        if (peek().is(text)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(String text) {
        if (!peek().is(text)) {
            throw error(peek(), "expected '" + text + "', found " + peek().describe());
        }
        return next();
    }

    /**
     * Consumes the ';' that ends a statement. A missing one is reported just after the statement's last
     * token (where it belongs), not at the next token, which is usually on the next line.
     */
    void expectSemicolon() {
        Token t = peek();
        if (t.is(";")) {
            next();
            return;
        }
        String found = t.kind() == Token.Kind.END ? t.describe()
                : t.describe() + " at line " + t.line() + ", column " + t.column();
        throw new QasmException(previous.line(), previous.endColumn(), "expected ';', found " + found);
    }

    /** The next token, which must be a name; {@code role} says what kind, e.g. "a register name". */
    Token expectIdentifier(String role) {
        if (peek().kind() != Token.Kind.IDENTIFIER) {
            throw error(peek(), "expected " + role + ", found " + peek().describe());
        }
        return next();
    }

    /** The next token as a non-negative int; {@code role} says what it is, e.g. "a register size". */
    int expectInteger(String role) {
        Token t = peek();
        if (t.kind() != Token.Kind.INTEGER) {
            throw error(t, "expected " + role + " (a non-negative integer), found " + t.describe());
        }
        next();
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "the number " + t.text() + " is too large for " + role);
        }
    }

    static QasmException error(Token at, String reason) {
        return new QasmException(at.line(), at.column(), reason);
    }
}
