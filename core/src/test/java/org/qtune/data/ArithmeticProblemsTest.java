package org.qtune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The answers are checked by reading the question back, independently of how it was made. */
class ArithmeticProblemsTest {
    private static final Pattern START = Pattern.compile("^Question: \\w+ has (\\d+) (?:boxes of (\\d+) )?\\w+\\.");
    private static final Pattern STEP = Pattern.compile(
            "(buys|finds|is given|gets) (\\d+) more\\.|(gives away|loses|sells|uses) (\\d+)\\.");

    private static long solve(String prompt) {
        Matcher m = START.matcher(prompt);
        assertTrue(m.find(), prompt);
        long amount = Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : Long.parseLong(m.group(2)));
        Matcher s = STEP.matcher(prompt.substring(m.end()));
        while (s.find()) {
            amount += s.group(2) != null ? Long.parseLong(s.group(2)) : -Long.parseLong(s.group(4));
        }
        return amount;
    }

    @Test
    void everyAnswerIsTheQuestionsArithmeticAtEveryLevel() {
        for (int level = 1; level <= 4; level++) {
            ArithmeticProblems.Level l = ArithmeticProblems.level(level);
            for (PromptAnswer p : ArithmeticProblems.generate(500, level, 42 + level, "t")) {
                long answer = Long.parseLong(p.answer().substring(1));
                assertTrue(p.answer().startsWith(" "), p.answer());
                assertEquals(solve(p.prompt()), answer, p.prompt());
                assertTrue(answer >= 0, p.prompt());
                assertTrue(p.prompt().endsWith("have now?\nAnswer:"), p.prompt());
                Matcher steps = STEP.matcher(p.prompt());
                int n = 0;
                while (steps.find()) {
                    n++;
                    String number = steps.group(2) != null ? steps.group(2) : steps.group(4);
                    assertTrue(number.length() <= l.digits(), p.prompt());
                }
                assertEquals(l.operations(), n, p.prompt());
            }
        }
    }

    @Test
    void level4StartsFromProductsAboutHalfTheTime() {
        long products = ArithmeticProblems.generate(400, 4, 1, "p").stream().filter(p -> p.prompt().contains("boxes of"))
                .count();
        assertTrue(products > 150 && products < 250, "products: " + products);
        assertEquals(0, ArithmeticProblems.generate(200, 3, 1, "p").stream().filter(p -> p.prompt().contains("boxes of"))
                .count());
    }

    @Test
    void theSameSeedGivesTheSameProblemsAndIdsArePrefixed() {
        List<PromptAnswer> a = ArithmeticProblems.generate(50, 3, 9, "x"), b = ArithmeticProblems.generate(50, 3, 9, "x");
        assertEquals(a, b);
        assertNotEquals(a, ArithmeticProblems.generate(50, 3, 10, "x"));
        assertEquals("x-7", a.get(7).id());
        assertThrows(IllegalArgumentException.class, () -> ArithmeticProblems.level(5));
    }

    @Test
    void theLeadingNumberOfAGeneratedAnswer() {
        assertEquals("51", ArithmeticProblems.leadingNumber(" 51 apples"));
        assertEquals("-3", ArithmeticProblems.leadingNumber("-3\n"));
        assertNull(ArithmeticProblems.leadingNumber(" apples"));
        assertNull(ArithmeticProblems.leadingNumber("-"));
        assertNull(ArithmeticProblems.leadingNumber(""));
    }
}
