package org.qtune.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterTest {

    @ParameterizedTest
    @ValueSource(strings = {"theta", "_x", "theta[3]", "w[0][1][2]", "p0", "\u03b8", "_\u03b8_0_",
        "\u03b3\u03b1\u03bc\u03bc\u03b1"})
    void aNameIsALetterOrUnderscoreThenLettersDigitsUnderscoresAndIndices(String name) {
        assertEquals(name, Parameter.of(name).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0a", "a b", "a[", "a[x]", "a-b", "a.b", "$0", "a\u0663"})
    void anythingElseIsRejected(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameter.of(name));
        assertEquals("not a valid parameter name: '" + name + "'", e.getMessage());
    }
}
