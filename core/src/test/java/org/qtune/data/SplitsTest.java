package org.qtune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    @Test
    void aSeededSplitIsDisjointCompleteInInputOrderAndRepeatable() {
        List<Integer> all = IntStream.range(0, 100).boxed().toList();
        Splits.Split<Integer> s = Splits.take(all, 20, 3);
        assertEquals(20, s.first().size());
        assertEquals(80, s.rest().size());
        List<Integer> union = new ArrayList<>(s.first());
        union.addAll(s.rest());
        assertEquals(all, union.stream().sorted().toList());
        assertEquals(s.first().stream().sorted().toList(), s.first());
        assertEquals(s, Splits.take(all, 20, 3));
        assertNotEquals(s.first(), Splits.take(all, 20, 4).first());
        assertThrows(IllegalArgumentException.class, () -> Splits.take(all, 101, 3));
    }
}
