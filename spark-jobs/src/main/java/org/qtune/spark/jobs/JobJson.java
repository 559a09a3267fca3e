package org.qtune.spark.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;
import org.qtune.text.TextFiles;

/**
 * JSON for configs and reports, through Jackson. Output is one line with {@code ", "} and
 * {@code ": "} separators (the form qtune has always printed), numbers as Java writes them, and
 * non-finite numbers as null (JSON has no NaN). Reading is strict: an unknown field, a wrong type or
 * a missing value for a number is a one-line error naming the field.
 */
public final class JobJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule("qtune-finite")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble())
                    .addSerializer(double[].class, new FiniteDoubles()))
            .build();

    private JobJson() {
    }

    /** The mapper (shared, thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One line of JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writer(new OneLine()).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A value as a JSON tree (a report before its provenance is appended). */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Reads a config record from a JSON tree; errors name the field, never a Jackson class. */
    public static <C> C read(JsonNode node, Class<C> type, String source) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(source + ": unknown field \"" + e.getPropertyName() + "\" (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException(source + ": field " + path(e) + ": " + e.getValue()
                    + " is not a valid " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(source + ": field " + path(e) + ": expected "
                    + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()));
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(source + ": " + iae.getMessage());
            }
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(source + ": " + (cause != null ? cause.getMessage() : e.getMessage()));
        }
    }

    /**
     * Reads and parses a JSON file: strict UTF-8 with a leading byte-order mark skipped, a directory or
     * undecodable bytes a one-line error naming the file (through {@code text.TextFiles}, as every
     * other input qtune reads).
     */
    public static JsonNode parseFile(Path file) throws IOException {
        return parse(TextFiles.read(file), file.toString());
    }

    /** Parses JSON text; a syntax error is a one-line error with its line and column. */
    public static JsonNode parse(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IllegalArgumentException(source + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    private static String path(MismatchedInputException e) {
        StringBuilder s = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                s.append(s.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                s.append('[').append(ref.getIndex()).append(']');
            }
        }
        return s.length() == 0 ? "(top level)" : "\"" + s + "\"";
    }

    /** {@code {"a": 1, "b": [1.0, 2.0]}}: one line, a space after every separator. */
    private static final class OneLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }

    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
    }

    private static final class FiniteDoubles extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteDoubles() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(a, a.length);
            for (double v : a) {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }
}
