package org.qtune.tokenize;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Special tokens matched in the raw text before a tokenizer normalizes or splits it, as the
 * reference library's added vocabulary does: leftmost match first, the longest when two start at
 * the same place. Shared by {@link WordPiece} and {@link BytePairEncoding}.
 */
final class SpecialTokens {
    private SpecialTokens() {
    }

    /**
     * Walks {@code text}: every stretch between special tokens goes to {@code plain} (with the output
     * list), every special token's id is added to {@code out} in its place.
     */
    static void split(String text, Map<String, Integer> specials, List<Integer> out,
                      BiConsumer<String, List<Integer>> plain) {
        int from = 0;
        while (from < text.length()) {
            int best = -1;
            String which = null;
            for (String s : specials.keySet()) {
                int at = text.indexOf(s, from);
                if (at >= 0 && (best < 0 || at < best || (at == best && s.length() > which.length()))) {
                    best = at;
                    which = s;
                }
            }
            if (best < 0) {
                plain.accept(text.substring(from), out);
                return;
            }
            plain.accept(text.substring(from, best), out);
            out.add(specials.get(which));
            from = best + which.length();
        }
    }
}
