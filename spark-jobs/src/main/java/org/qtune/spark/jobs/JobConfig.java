package org.qtune.spark.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * A job's config record. Its components are the job's options with defaults applied in the
 * record's constructor (so the resolved config is the config); the two methods here tell the
 * provenance which seeds and input files the run uses.
 */
public interface JobConfig {
    /** The seeds that determine the run's random choices, by name. */
    @JsonIgnore
    default Map<String, Long> seeds() {
        return Map.of();
    }

    /** The input files the run reads (hashed into the provenance). */
    @JsonIgnore
    default List<String> inputs() {
        return List.of();
    }
}
