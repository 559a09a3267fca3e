package org.qtune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunFingerprintTest {
    record Settings(double sigma0, String name) {
    }

    @Test
    void sha256MatchesTheStandardTestVectors() {
        // FIPS 180-2, appendix B.1, and the empty message
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                RunFingerprint.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                RunFingerprint.sha256(new byte[0]));
    }

    @Test
    void canonicalJsonSortsKeysAtEveryLevelAndHasNoWhiteSpace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("y", "s");
        inner.put("x", true);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", 7);
        config.put("b", inner);
        config.put("a", List.of(1, 2.5));
        config.put("r", new Settings(0.3, "cmaes"));
        assertEquals("{\"a\":[1,2.5],\"b\":{\"x\":true,\"y\":\"s\"},\"r\":{\"name\":\"cmaes\",\"sigma0\":0.3},\"seed\":7}",
                RunFingerprint.canonicalJson(config));
        Map<String, Object> reordered = new TreeMap<>(config);
        assertEquals(RunFingerprint.of("a", config).hex(), RunFingerprint.of("b", reordered).hex());
        assertEquals(RunFingerprint.sha256(RunFingerprint.canonicalJson(config).getBytes(StandardCharsets.UTF_8)),
                RunFingerprint.of("a", config).hex());
    }

    @Test
    void numbersAreWrittenSoTheyReadBackExactly() {
        double[] values = {0.1, 0.1 + 0.2, 1e-300, -2.5e17, Math.PI, Double.MIN_VALUE, 1.0 / 3};
        for (double v : values) {
            String json = RunFingerprint.canonicalJson(Map.of("v", v));
            double back = Double.parseDouble(json.substring("{\"v\":".length(), json.length() - 1));
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), json);
        }
        assertEquals("{\"v\":0.30000000000000004}", RunFingerprint.canonicalJson(Map.of("v", 0.1 + 0.2)));
        assertEquals("{\"v\":9223372036854775807}", RunFingerprint.canonicalJson(Map.of("v", Long.MAX_VALUE)));
        assertEquals("{\"v\":[0.5,-1.0]}", RunFingerprint.canonicalJson(Map.of("v", new double[] {0.5, -1})));
    }

    @Test
    void anyDifferenceInTheConfigGivesAnotherFingerprint() {
        RunFingerprint a = RunFingerprint.of("vqe", Map.of("optimizer", "adam", "learning_rate", 0.05, "seed", 1));
        assertTrue(a.hex().matches("[0-9a-f]{64}"));
        assertTrue(a.sameRunAs(RunFingerprint.of("another label", Map.of("seed", 1, "learning_rate", 0.05,
                "optimizer", "adam"))), "labels do not count");
        assertFalse(a.sameRunAs(RunFingerprint.of("vqe", Map.of("optimizer", "adam", "learning_rate", 0.05, "seed", 2))));
        assertFalse(a.sameRunAs(RunFingerprint.of("vqe", Map.of("optimizer", "adam", "learning_rate", 0.050000000000000010,
                "seed", 1))));
        assertFalse(a.sameRunAs(RunFingerprint.of("vqe", Map.of("optimizer", "lbfgs", "learning_rate", 0.05, "seed", 1))));
        assertNotEquals(RunFingerprint.of("x", Map.of("seed", 1)).hex(), RunFingerprint.of("x", Map.of("seed", 1.0)).hex(),
                "give each setting one type");
        assertFalse(RunFingerprint.UNRECORDED.sameRunAs(RunFingerprint.UNRECORDED), "an unrecorded run matches nothing");
        assertEquals(a.hex().substring(0, 12) + "...", a.shortHex());
    }

    @Test
    void badFingerprintsLabelsAndConfigsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RunFingerprint("abc", "label"));
        assertThrows(IllegalArgumentException.class, () -> new RunFingerprint("A".repeat(64), "label"));
        assertThrows(IllegalArgumentException.class, () -> new RunFingerprint("a".repeat(64), " "));
        assertThrows(IllegalArgumentException.class, () -> new RunFingerprint("a".repeat(64), "x".repeat(501)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunFingerprint.of("label", Map.of("thing", new Object())));
        assertTrue(e.getMessage().startsWith("a run configuration must be plain JSON values"), e.getMessage());
    }
}
