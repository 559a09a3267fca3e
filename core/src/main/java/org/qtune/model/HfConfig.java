package org.qtune.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads of a Hugging Face {@code config.json}: a missing required field or a value of the
 * wrong type is an IllegalArgumentException naming the file and the field.
 */
final class HfConfig {
    private final JsonNode json;
    private final String source;

    HfConfig(JsonNode json, String source) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(source + ": config.json is not a JSON object");
        }
        this.json = json;
        this.source = source;
    }

    private JsonNode field(String name) {
        JsonNode v = json.get(name);
        return v == null || v.isNull() ? null : v;
    }

    int integer(String name) {
        JsonNode v = field(name);
        if (v == null) {
            throw new IllegalArgumentException(source + ": config.json has no " + name);
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": " + name + " in config.json is not a whole number: " + v);
        }
        return v.intValue();
    }

    int integer(String name, int fallback) {
        return field(name) == null ? fallback : integer(name);
    }

    double number(String name, double fallback) {
        JsonNode v = field(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(source + ": " + name + " in config.json is not a number: " + v);
        }
        return v.doubleValue();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode v = field(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(source + ": " + name + " in config.json is not true or false: " + v);
        }
        return v.booleanValue();
    }

    String text(String name, String fallback) {
        JsonNode v = field(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(source + ": " + name + " in config.json is not a string: " + v);
        }
        return v.textValue();
    }

    boolean present(String name) {
        return field(name) != null;
    }
}
