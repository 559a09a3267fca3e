package org.qtune.spark.jobs;

import java.util.List;

/** Every qtune job, by name. */
public final class Jobs {
    private static final List<Job<?, ?, ?>> ALL = List.of(new SimulateJob(), new VqeJob(), new QaoaJob(), new SweepJob(),
            new HamiltonianJob(), new BenchJob(),
            new EmbedJob(), new GenerateJob(), new ModelInfoJob(), new ModelBenchJob(), new QthaBenchJob(), new FinetuneJob(), new DataJob(), new PretrainJob(),
            new SelectJob());

    private Jobs() {
    }

    public static List<Job<?, ?, ?>> all() {
        return ALL;
    }

    /** The job of that name; an unknown name is a one-line error listing the known ones. */
    public static Job<?, ?, ?> named(String name) {
        for (Job<?, ?, ?> j : ALL) {
            if (j.name().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("unknown job '" + name + "' (" + String.join(", ",
                ALL.stream().map(Job::name).toList()) + ")");
    }
}
