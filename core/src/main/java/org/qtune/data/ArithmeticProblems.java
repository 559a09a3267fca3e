package org.qtune.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of arithmetic word problems with numeric answers (a small, checkable stand-in
 * for the math task QTHA's authors report on). A problem is a start amount followed by
 * {@code operations} additions or subtractions, each told as a sentence:
 *
 * <pre>
 * Question: Ana has 42 apples. She buys 17 more. She gives away 8. How many apples does she have now?
 * Answer: 51
 * </pre>
 *
 * The prompt ends with {@code "Answer:"} and the answer is {@code " " + number} (the space belongs to
 * the answer, so a byte-level BPE tokenizes it as a word). Subtractions never go below zero (a
 * subtraction that would is told as an addition).
 *
 * <p>Difficulty levels (numbers have up to {@code digits} digits):
 * <ol>
 *   <li>1 digit, 1 operation</li>
 *   <li>2 digits, 1 operation</li>
 *   <li>2 digits, 2 operations</li>
 *   <li>3 digits, 2 operations, and half of the problems start from a product
 *       ("Ana has 12 boxes of 7 apples.")</li>
 * </ol>
 * The same seed, level and count give the same problems.
 */
public final class ArithmeticProblems {
    /** What a level asks: numbers of up to {@code digits} digits, {@code operations} steps, products or not. */
    public record Level(int number, int digits, int operations, boolean products) {
    }

    private static final String[][] NAMES = {
        {"Ana", "She"}, {"Ben", "He"}, {"Chen", "He"}, {"Dara", "She"}, {"Eli", "He"}, {"Fatima", "She"},
        {"Goran", "He"}, {"Hana", "She"}, {"Ivan", "He"}, {"Jun", "She"}, {"Kofi", "He"}, {"Lena", "She"},
    };
    private static final String[] ITEMS = {"apples", "books", "coins", "marbles", "stamps", "pencils", "shells",
        "cards", "stickers", "buttons"};
    private static final String[] GAINS = {"buys %d more", "finds %d more", "is given %d more", "gets %d more"};
    private static final String[] LOSSES = {"gives away %d", "loses %d", "sells %d", "uses %d"};

    private ArithmeticProblems() {
    }

    /** Level 1 to 4, as the class comment lists them. */
    public static Level level(int number) {
        return switch (number) {
            case 1 -> new Level(1, 1, 1, false);
            case 2 -> new Level(2, 2, 1, false);
            case 3 -> new Level(3, 2, 2, false);
            case 4 -> new Level(4, 3, 2, true);
            default -> throw new IllegalArgumentException("arithmetic level must be 1 to 4, got " + number);
        };
    }

    /** {@code count} problems of level {@code level} from {@code seed}, ids {@code prefix-0, prefix-1, ...}. */
    public static List<PromptAnswer> generate(int count, int level, long seed, String prefix) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        Level l = level(level);
        SplittableRandom random = new SplittableRandom(seed);
        List<PromptAnswer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(problem(random, l, prefix + "-" + i));
        }
        return out;
    }

    /** One problem, drawing from {@code random}. */
    public static PromptAnswer problem(SplittableRandom random, Level level, String id) {
        String[] who = NAMES[random.nextInt(NAMES.length)];
        String item = ITEMS[random.nextInt(ITEMS.length)];
        int max = (int) Math.pow(10, level.digits()) - 1;
        StringBuilder q = new StringBuilder("Question: ");
        long amount;
        if (level.products() && random.nextBoolean()) {
            int groups = 2 + random.nextInt(Math.min(max, 99) - 1), each = 2 + random.nextInt(8);
            amount = (long) groups * each;
            q.append(who[0]).append(" has ").append(groups).append(" boxes of ").append(each).append(' ').append(item)
                    .append('.');
        } else {
            amount = 1 + random.nextInt(max);
            q.append(who[0]).append(" has ").append(amount).append(' ').append(item).append('.');
        }
        for (int op = 0; op < level.operations(); op++) {
            int n = 1 + random.nextInt(max);
            boolean loss = random.nextBoolean() && n <= amount;
            String verb = loss ? LOSSES[random.nextInt(LOSSES.length)] : GAINS[random.nextInt(GAINS.length)];
            q.append(' ').append(who[1]).append(' ').append(String.format(verb, n)).append('.');
            amount += loss ? -n : n;
        }
        q.append(" How many ").append(item).append(" does ").append(who[1].toLowerCase(java.util.Locale.ROOT))
                .append(" have now?\nAnswer:");
        return new PromptAnswer(id, q.toString(), " " + amount);
    }

    /** The answer's number as a person writes it, or null when {@code generated} does not start with one. */
    public static String leadingNumber(String generated) {
        String s = generated.strip();
        int end = 0;
        if (end < s.length() && s.charAt(end) == '-') {
            end++;
        }
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 || (end == 1 && s.charAt(0) == '-') ? null : s.substring(0, end);
    }
}
