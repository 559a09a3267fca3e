package org.qtune.adapter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a width is written as d tensor-train modes. The widths of the QTHA authors' public code keep
 * their table (so that a real model's MPO has their shapes); any other width takes the factorization
 * into d factors whose largest is smallest, then whose sum is smallest, largest first: 384 is
 * [6, 4, 4, 4] and 1536 [8, 8, 6, 4]. A prime width w is [w, 1, ..., 1]: one dense core, still correct.
 */
public final class MpoModes {
    /** The public code's table (4 modes). */
    private static final Map<Integer, int[]> TABLE = Map.ofEntries(
            Map.entry(256, new int[] {4, 4, 4, 4}), Map.entry(512, new int[] {8, 4, 4, 4}),
            Map.entry(1024, new int[] {8, 8, 4, 4}), Map.entry(2048, new int[] {8, 8, 8, 4}),
            Map.entry(2560, new int[] {8, 8, 8, 5}), Map.entry(3584, new int[] {8, 8, 8, 7}),
            Map.entry(4096, new int[] {8, 8, 8, 8}), Map.entry(5120, new int[] {10, 8, 8, 8}),
            Map.entry(18944, new int[] {37, 8, 8, 8}), Map.entry(20480, new int[] {40, 8, 8, 8}),
            Map.entry(27648, new int[] {27, 16, 8, 8}));

    private MpoModes() {
    }

    /** The d modes of {@code width}, largest first. */
    public static int[] of(int width, int d) {
        if (width < 1 || d < 1) {
            throw new IllegalArgumentException("MPO modes need a positive width and count, got " + width + " and " + d);
        }
        if (d == 4 && TABLE.containsKey(width)) {
            return TABLE.get(width).clone();
        }
        List<int[]> all = new ArrayList<>();
        factor(width, d, width, new int[d], 0, all);
        int[] best = null;
        for (int[] f : all) {
            if (best == null || f[0] < best[0] || (f[0] == best[0] && sum(f) < sum(best))) {
                best = f;
            }
        }
        return best;
    }

    /** Non-increasing factorizations of {@code rest} into the remaining slots, each at most {@code max}. */
    private static void factor(int rest, int d, int max, int[] into, int at, List<int[]> out) {
        if (at == d - 1) {
            if (rest <= max) {
                into[at] = rest;
                out.add(into.clone());
            }
            return;
        }
        for (int f = Math.min(rest, max); f >= 1; f--) {
            if (rest % f == 0) {
                into[at] = f;
                factor(rest / f, d, f, into, at + 1, out);
            }
        }
    }

    private static int sum(int[] f) {
        return Arrays.stream(f).sum();
    }
}
