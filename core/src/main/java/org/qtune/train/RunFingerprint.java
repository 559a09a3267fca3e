package org.qtune.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which run a checkpoint belongs to: the SHA-256 (lower-case hex) of the canonical JSON of the
 * configuration that determines the run's trajectory, and a short label for people. The caller
 * decides what goes in: for a VQE, the Hamiltonian's content hash, the circuit, the optimizer and
 * its settings, the gradient method, shots and the seed; not the iteration limit or the output
 * paths, which a resumed run may change.
 *
 * <p>Canonical JSON: map keys (and record components) sorted, no white space, doubles in the
 * shortest form that reads back to the same double (Jackson's Schubfach writer, the same on every
 * JVM), integers as integers. So 1 and 1.0 differ: give each setting one type.
 *
 * @param hex   the fingerprint, 64 hex digits; empty for {@link #UNRECORDED}
 * @param label what a person calls the run ("vqe lih.txt lbfgs seed 1"), shown in errors
 */
public record RunFingerprint(String hex, String label) {
    /** Stands for a checkpoint from before fingerprints: it matches no run. */
    public static final RunFingerprint UNRECORDED = new RunFingerprint("", "an older qtune run (no fingerprint)");

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    public RunFingerprint {
        if (!hex.isEmpty() && !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a run fingerprint is 64 lower-case hex digits, got '" + hex + "'");
        }
        if (label.isBlank() || label.length() > 500) {
            throw new IllegalArgumentException("a run label is 1 to 500 characters");
        }
    }

    /** The fingerprint of {@code config} (strings, numbers, booleans, lists, arrays, maps, records). */
    public static RunFingerprint of(String label, Map<String, ?> config) {
        return new RunFingerprint(sha256(canonicalJson(config).getBytes(StandardCharsets.UTF_8)), label);
    }

    /** The exact text that is hashed. */
    public static String canonicalJson(Map<String, ?> config) {
        try {
            return CANONICAL.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a run configuration must be plain JSON values: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of {@code bytes}, lower-case hex: for the content of an input file that goes into a config. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The first 12 hex digits and an ellipsis, or "none". */
    public String shortHex() {
        return hex.isEmpty() ? "none" : hex.substring(0, 12) + "...";
    }

    /** Same run: same fingerprint (labels are for people and may differ). */
    public boolean sameRunAs(RunFingerprint other) {
        return !hex.isEmpty() && hex.equals(other.hex);
    }

    /** The refusal to resume this run from {@code location}, whose checkpoint belongs to {@code found}. */
    String refusal(String location, RunFingerprint found) {
        if (found.hex.isEmpty()) {
            return "checkpoint dir " + location + " holds a checkpoint from an older qtune that records no run "
                    + "fingerprint, so it cannot be shown to belong to this run " + label + " (fingerprint " + shortHex()
                    + "); use another --checkpoint-dir or delete it";
        }
        return "checkpoint dir " + location + " belongs to run " + found.label + " (fingerprint " + found.shortHex()
                + "), not to this run " + label + " (fingerprint " + shortHex()
                + "); use another --checkpoint-dir or delete it";
    }

    @Override
    public String toString() {
        return label + " (" + shortHex() + ")";
    }
}
