package org.qtune.circuit.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token> tokens(String source) {
        return tokens(new Lexer(source));
    }

    /** The tokens by the OpenQASM 3 rules, as after an {@code OPENQASM 3.0;} header. */
    private static List<Token> tokens3(String source) {
        Lexer lexer = new Lexer(source);
        lexer.enableOpenQasm3();
        return tokens(lexer);
    }

    private static List<Token> tokens(Lexer lexer) {
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != Token.Kind.END; t = lexer.next()) {
            out.add(t);
        }
        return out;
    }

    private static String kindsAndTexts(String source) {
        return kindsAndTexts(tokens(source));
    }

    private static String kindsAndTexts(List<Token> tokens) {
        StringBuilder s = new StringBuilder();
        for (Token t : tokens) {
            s.append(s.length() > 0 ? " " : "").append(t.kind()).append(':').append(t.text());
        }
        return s.toString();
    }

    @Test
    void aStatementSplitsIntoNamesSymbolsAndNumbers() {
        assertEquals("IDENTIFIER:cu1 SYMBOL:( SYMBOL:- IDENTIFIER:pi SYMBOL:/ INTEGER:2 SYMBOL:) IDENTIFIER:q"
                + " SYMBOL:[ INTEGER:0 SYMBOL:] SYMBOL:, IDENTIFIER:q_1 SYMBOL:[ INTEGER:10 SYMBOL:] SYMBOL:;",
                kindsAndTexts("cu1(-pi/2) q[0],q_1[10];"));
    }

    @Test
    void twoCharacterSymbolsAreOneToken() {
        assertEquals("IDENTIFIER:measure IDENTIFIER:q SYMBOL:-> IDENTIFIER:c SYMBOL:; IDENTIFIER:if SYMBOL:("
                + " IDENTIFIER:c SYMBOL:== INTEGER:1 SYMBOL:)", kindsAndTexts("measure q->c; if(c==1)"));
    }

    @Test
    void numbersWithAFractionOrAnExponentAreReal() {
        assertEquals("INTEGER:0 INTEGER:12 REAL:1.5 REAL:.5 REAL:1. REAL:1e-3 REAL:2.151746e+00 REAL:1.0E10",
                kindsAndTexts("0 12 1.5 .5 1. 1e-3 2.151746e+00 1.0E10"));
    }

    @Test
    void aStringTokenHoldsTheTextBetweenTheQuotes() {
        Token t = tokens("include \"qelib1.inc\";").get(1);
        assertEquals(Token.Kind.STRING, t.kind());
        assertEquals("qelib1.inc", t.text());
        assertEquals(9, t.column());
        assertEquals(21, t.endColumn());
    }

    @Test
    void commentsOfBothKindsAreSkipped() {
        assertEquals("IDENTIFIER:h IDENTIFIER:q SYMBOL:; IDENTIFIER:x",
                kindsAndTexts("// a line comment\nh /* a block\n comment */ q; // trailing\n/**/x"));
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        List<Token> ts = tokens("OPENQASM 2.0;\n  qreg q[3];");
        assertEquals(List.of("1:1", "1:10", "1:13", "2:3", "2:8", "2:9", "2:10", "2:11", "2:12"),
                ts.stream().map(t -> t.line() + ":" + t.column()).toList());
    }

    @Test
    void windowsLineEndsCountAsOneLine() {
        List<Token> ts = tokens("h q;\r\n\r\nx q;");
        assertEquals(3, ts.get(3).line());
        assertEquals(1, ts.get(3).column());
    }

    @Test
    void aBlockCommentSpanningLinesAdvancesTheLineCount() {
        Token t = tokens("/* one\ntwo\nthree */ x").get(0);
        assertEquals(3, t.line());
        assertEquals(10, t.column());
    }

    @Test
    void aCharacterOutsideBmpInACommentIsOneColumn() {
        Token t = tokens("/*\uD83D\uDE00*/x").get(0);
        assertEquals(6, t.column());
    }

    @Test
    void theEndTokenRepeatsAtTheEndOfInput() {
        Lexer lexer = new Lexer("x");
        lexer.next();
        assertEquals(Token.Kind.END, lexer.next().kind());
        assertEquals(Token.Kind.END, lexer.next().kind());
    }

    @Test
    void anUnexpectedCharacterIsAnErrorAtItsPosition() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("h q;\nx q[0] = 1;"));
        assertEquals("line 2, column 8: unexpected character '='", e.getMessage());
    }

    @Test
    void aNonAsciiCharacterOutsideACommentIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("h q\u00e9;"));
        assertEquals("line 1, column 4: unexpected character '\u00e9'", e.getMessage());
    }

    @Test
    void anUnterminatedBlockCommentIsAnErrorAtItsStart() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("h q;\n  /* never closed\nx q;"));
        assertEquals("line 2, column 3: unterminated comment: '/*' without '*/'", e.getMessage());
    }

    @Test
    void anUnterminatedStringIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("include \"qelib1.inc;\n"));
        assertEquals("line 1, column 9: unterminated string", e.getMessage());
    }

    @Test
    void anExponentWithoutDigitsIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("rx(1e+) q;"));
        assertEquals("line 1, column 4: malformed number '1e+': the exponent has no digits", e.getMessage());
    }

    @Test
    void aNumberRunningIntoANameIsAnError() {
        QasmException e = assertThrows(QasmException.class, () -> tokens("rx(2pi) q;"));
        assertEquals("line 1, column 5: unexpected 'p' after the number '2'", e.getMessage());
    }

    @Test
    void openQasm3NamesMayHoldAnyUnicodeLetter() {
        assertEquals("IDENTIFIER:input IDENTIFIER:float SYMBOL:[ INTEGER:64 SYMBOL:] IDENTIFIER:_\u03b8_0_ SYMBOL:;"
                + " IDENTIFIER:rz SYMBOL:( IDENTIFIER:\u03c0 SYMBOL:/ INTEGER:2 SYMBOL:) IDENTIFIER:q\u1d62 SYMBOL:;",
                kindsAndTexts(tokens3("input float[64] _\u03b8_0_; rz(\u03c0/2) q\u1d62;")));
    }

    @Test
    void openQasm3LettersOutsideTheBmpAreOneColumn() {
        // U+1D703 MATHEMATICAL ITALIC SMALL THETA, a letter (Ll) written as a surrogate pair
        List<Token> ts = tokens3("\uD835\uDF03 = x;");
        assertEquals("\uD835\uDF03", ts.get(0).text());
        assertEquals(2, ts.get(0).endColumn());
        assertEquals(3, ts.get(1).column());
    }

    @Test
    void openQasm3HasAssignmentPowerModifierAndRangeSymbols() {
        assertEquals("IDENTIFIER:c SYMBOL:[ INTEGER:0 SYMBOL:] SYMBOL:= IDENTIFIER:measure IDENTIFIER:q SYMBOL:;"
                + " INTEGER:2 SYMBOL:** INTEGER:3 IDENTIFIER:ctrl SYMBOL:@ IDENTIFIER:x IDENTIFIER:q SYMBOL:["
                + " INTEGER:0 SYMBOL:: INTEGER:1 SYMBOL:] SYMBOL:== SYMBOL:->",
                kindsAndTexts(tokens3("c[0] = measure q; 2**3 ctrl @ x q[0:1] == ->")));
    }

    @Test
    void anOpenQasm3HardwareQubitIsOneToken() {
        List<Token> ts = tokens3("x $12;");
        assertEquals(Token.Kind.HARDWARE_QUBIT, ts.get(1).kind());
        assertEquals("$12", ts.get(1).text());
    }

    @Test
    void theOpenQasm2RulesHoldUntilOpenQasm3IsEnabled() {
        assertEquals("INTEGER:2 SYMBOL:* SYMBOL:* INTEGER:3", kindsAndTexts("2**3"));
        QasmException e = assertThrows(QasmException.class, () -> tokens("c = 1;"));
        assertEquals("line 1, column 3: unexpected character '='", e.getMessage());
        e = assertThrows(QasmException.class, () -> tokens("x $0;"));
        assertEquals("line 1, column 3: unexpected character '$'", e.getMessage());
    }

    @Test
    void aCharacterThatIsNoLetterIsStillAnErrorInOpenQasm3() {
        QasmException e = assertThrows(QasmException.class, () -> tokens3("rx(1) q\u2192;"));
        assertEquals("line 1, column 8: unexpected character '\u2192'", e.getMessage());
    }
}
