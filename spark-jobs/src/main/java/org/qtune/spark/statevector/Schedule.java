package org.qtune.spark.statevector;

import java.util.List;

/**
 * A circuit compiled for a distributed state: a sequence of stages and the layout they leave.
 * {@link Epoch}: gates run in one pass per partition, every dense target local. {@link Remap}: one
 * shuffle exchanging global and local positions. {@link Flip}: X on a global qubit, a relabelling of
 * partitions that moves nothing.
 */
public record Schedule(List<Stage> stages, QubitLayout initial, QubitLayout result) {
    public Schedule {
        stages = List.copyOf(stages);
    }

    /** One stage of a schedule. */
    public sealed interface Stage permits Epoch, Remap, Flip {
    }

    /**
     * Gates in physical numbering, run by each partition on its chunk; {@code sources[i]} is the
     * position of gates[i] in the compiled list (gates that commute may run out of order).
     */
    public record Epoch(List<org.qtune.sim.BoundGate> gates, int[] sources) implements Stage {
        public Epoch {
            gates = List.copyOf(gates);
            sources = sources.clone();
        }
    }

    /** Exchange of global positions {@code globals[j]} with local positions {@code locals[j]}. */
    public record Remap(int[] globals, int[] locals) implements Stage {
        public Remap {
            globals = globals.clone();
            locals = locals.clone();
        }

        public int size() {
            return globals.length;
        }
    }

    /** X on a global physical position. */
    public record Flip(int physical) implements Stage {
    }

    public long count(Class<? extends Stage> kind) {
        return stages.stream().filter(kind::isInstance).count();
    }
}
