package org.qtune.circuit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hermitian observable: a real-weighted sum of {@link PauliString}s. Equal strings are merged when
 * parsed or built. Immutable.
 *
 * <p>Text form ({@link #parse}): terms joined by {@code +} or {@code -}; a term is an optional number,
 * an optional {@code *}, then Pauli factors such as {@code Z0}, {@code X12}, separated by spaces or
 * {@code *}; a term may also be a number alone (a multiple of the identity). Examples:
 * {@code 0.5*Z0 Z1 - 1.2*X3}, {@code -1.0*Z0*Z1 + 0.3}, {@code Y2}.
 */
public final class PauliSum {
    /** One weighted term. */
    public record Term(double coefficient, PauliString pauli) {
    }

    private final List<Term> terms;

    private PauliSum(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** Builds a sum, merging equal strings (in order of first appearance). */
    public static PauliSum of(List<Term> terms) {
        Map<PauliString, Double> merged = new LinkedHashMap<>();
        for (Term t : terms) {
            if (!Double.isFinite(t.coefficient())) {
                throw new IllegalArgumentException("coefficient of " + t.pauli() + " is not finite");
            }
            merged.merge(t.pauli(), t.coefficient(), Double::sum);
        }
        List<Term> out = new ArrayList<>();
        merged.forEach((p, c) -> out.add(new Term(c, p)));
        return new PauliSum(out);
    }

    public static PauliSum single(double coefficient, PauliString p) {
        return of(List.of(new Term(coefficient, p)));
    }

    /** The sum of Z_q over qubits 0..n-1. */
    public static PauliSum sumZ(int n) {
        List<Term> t = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            t.add(new Term(1, PauliString.single('Z', q)));
        }
        return of(t);
    }

    public List<Term> terms() {
        return terms;
    }

    /** 1 + the highest qubit used by any term. */
    public int minQubits() {
        int m = 0;
        for (Term t : terms) {
            m = Math.max(m, t.pauli().minQubits());
        }
        return m;
    }

    public boolean isDiagonal() {
        for (Term t : terms) {
            if (!t.pauli().isDiagonal()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the text form described in the class comment.
     *
     * @throws IllegalArgumentException naming the character position of the problem
     */
    public static PauliSum parse(String text) {
        return new Parser(text).parse();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Term t : terms) {
            double c = t.coefficient();
            if (s.length() > 0) {
                s.append(c < 0 ? " - " : " + ");
                c = Math.abs(c);
            }
            s.append(c);
            if (t.pauli().support() != 0) {
                s.append('*').append(t.pauli());
            }
        }
        return s.length() == 0 ? "0.0" : s.toString();
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        PauliSum parse() {
            List<Term> terms = new ArrayList<>();
            skipSpace();
            if (pos >= s.length()) {
                throw error("empty observable");
            }
            double sign = 1;
            if (peek() == '+' || peek() == '-') {
                sign = next() == '-' ? -1 : 1;
            }
            while (true) {
                terms.add(term(sign));
                skipSpace();
                if (pos >= s.length()) {
                    break;
                }
                char c = next();
                if (c != '+' && c != '-') {
                    pos--;
                    throw error("expected '+' or '-' between terms, found '" + c + "'");
                }
                sign = c == '-' ? -1 : 1;
            }
            return of(terms);
        }

        private Term term(double sign) {
            skipSpace();
            double coefficient = 1;
            boolean hasNumber = false;
            if (pos < s.length() && (Character.isDigit(peek()) || peek() == '.')) {
                coefficient = number();
                hasNumber = true;
                skipSpace();
                if (pos < s.length() && peek() == '*') {
                    pos++;
                    skipSpace();
                    if (pos >= s.length() || !isPauliLetter(peek())) {
                        throw error("expected a Pauli factor such as Z0 after '*'");
                    }
                }
            }
            PauliString p = PauliString.IDENTITY;
            boolean anyFactor = false;
            while (pos < s.length() && isPauliLetter(peek())) {
                int start = pos;
                char letter = next();
                if (pos >= s.length() || !Character.isDigit(peek())) {
                    pos = start;
                    throw error("Pauli factor '" + letter + "' needs a qubit index, e.g. " + letter + "0");
                }
                int q = 0;
                while (pos < s.length() && Character.isDigit(peek())) {
                    q = q * 10 + (next() - '0');
                    if (q > 62) {
                        pos = start;
                        throw error("qubit index out of range 0..62");
                    }
                }
                if (letter != 'I' && letter != 'i') {
                    try {
                        p = p.with(Character.toUpperCase(letter), q);
                    } catch (IllegalArgumentException e) {
                        pos = start;
                        throw error(e.getMessage());
                    }
                }
                anyFactor = true;
                skipSpace();
                if (pos < s.length() && peek() == '*') {
                    pos++;
                    skipSpace();
                    if (pos >= s.length() || !isPauliLetter(peek())) {
                        throw error("expected a Pauli factor after '*'");
                    }
                }
            }
            if (!hasNumber && !anyFactor) {
                throw error(pos < s.length() ? "unexpected '" + peek() + "'" : "missing term at end");
            }
            return new Term(sign * coefficient, p);
        }

        private double number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(peek()) || peek() == '.')) {
                pos++;
            }
            if (pos < s.length() && (peek() == 'e' || peek() == 'E')) {
                pos++;
                if (pos < s.length() && (peek() == '+' || peek() == '-')) {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(peek())) {
                    pos++;
                }
            }
            try {
                return Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number '" + s.substring(start, Math.min(s.length(), start + 20)) + "'");
            }
        }

        private static boolean isPauliLetter(char c) {
            return "IXYZixyz".indexOf(c) >= 0;
        }

        private char peek() {
            return s.charAt(pos);
        }

        private char next() {
            return s.charAt(pos++);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("observable, column " + (pos + 1) + ": " + message
                    + " in \"" + s + "\"");
        }
    }
}
