package org.qtune.spark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobJsonTest {
    @Test
    void writesOneLineWithSpacedSeparatorsAndNonFiniteNumbersAsNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, 3.073921097880936E-7});
        m.put("c", List.of("x", Double.NEGATIVE_INFINITY));
        m.put("d", Map.of());
        assertEquals("{\"a\": 1, \"b\": [1.5, null, null, 3.073921097880936E-7], \"c\": [\"x\", null], \"d\": {}}",
                JobJson.write(m));
    }

    @Test
    void configsReadStrictlyAndApplyTheirDefaults() {
        QaoaJob.Config c = JobJson.read(JobJson.parse("{\"graph\": \"g.txt\", \"p\": 2}", "f"), QaoaJob.Config.class, "f");
        assertEquals(new QaoaJob.Config("g.txt", 2, 8, 300, 0L), c);
        var e = assertThrows(IllegalArgumentException.class,
                () -> JobJson.read(JobJson.parse("{\"graph\": \"g.txt\", \"p\": 0}", "f"), QaoaJob.Config.class, "f.json"));
        assertEquals("f.json: --p and --restarts must be >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JobJson.parse("{\"graph\": ", "f.json"));
        assertTrue(e.getMessage().startsWith("f.json:1:"), e.getMessage());
    }

    @Test
    void everyJobHasADistinctNameAndAConfigThatRoundTripsThroughJson() throws Exception {
        assertEquals(Jobs.all().size(), Jobs.all().stream().map(Job::name).distinct().count());
        var vqe = new VqeJob.Config("h.txt", null, null, "adam", null, null, null, null, 7, 0.1, 3L, null, null, null, null, null);
        assertEquals(vqe, JobJson.read(JobJson.tree(vqe), VqeJob.Config.class, "x"));
        var sim = new SimulateJob.Config("c.qasm", Map.of("t", 0.5), List.of("Z0"), 10, 2L, null, null, null, null, null);
        assertEquals(sim, JobJson.read(JobJson.tree(sim), SimulateJob.Config.class, "x"));
    }
}
