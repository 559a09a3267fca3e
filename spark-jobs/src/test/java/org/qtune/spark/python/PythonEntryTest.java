package org.qtune.spark.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What py4j calls: a config string in, the report string out, equal to what {@code qtune simulate}
 * computes for the same options; no progress when nothing runs; bad configs as one-line
 * IllegalArgumentExceptions. (The Python side's tests in python/tests drive it through a real
 * SparkSession.)
 */
class PythonEntryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String QASM = "../conf/examples/ghz_qft_8.qasm";

    @Test
    void aConfigRunsToItsReport() throws Exception {
        JsonNode r = JSON.readTree(PythonEntry.run("{\"job\": \"simulate\", \"qasm\": \"" + QASM
                + "\", \"observables\": [\"Z0 Z7\"], \"shots\": 100, \"seed\": 7}"));
        assertEquals(0.5, r.get("expectations").get("Z0 Z7").asDouble(), 1e-12);
        assertEquals(100, r.get("samples").get("00000000").asInt() + r.get("samples").get("11111111").asInt()
                + r.get("samples").get("01111111").asInt() + r.get("samples").get("10000000").asInt());
        assertEquals("simulate", r.get("provenance").get("job").asText());
        JsonNode plan = JSON.readTree(PythonEntry.dryRun("{\"job\": \"simulate\", \"qasm\": \"" + QASM + "\"}"));
        assertTrue(plan.get("plan").get("driver_bytes").asLong() > 0);
        assertNull(PythonEntry.progress(), "no job runs now");
        assertTrue(PythonEntry.version().startsWith("0.1.0"));
    }

    @Test
    void badConfigsAreOneLineErrors() {
        for (String bad : new String[] {"{\"job\": \"nope\"}", "[1, 2]", "{\"qasm\": \"x\"}", "{\"job\": \"simulate\"",
                "{\"job\": \"simulate\", \"qasm\": \"no/such.qasm\"}", "{\"job\": \"simulate\", \"qasm\": \"" + QASM
                + "\", \"shots\": -1}"}) {
            Exception e = assertThrows(Exception.class, () -> PythonEntry.run(bad), bad);
            assertTrue(e instanceof IllegalArgumentException || e instanceof java.io.IOException, bad + ": " + e);
            assertEquals(1, e.getMessage().strip().split("\n").length, bad + ": " + e.getMessage());
        }
        assertNull(PythonEntry.progress(), "a refused config leaves nothing running");
    }
}
