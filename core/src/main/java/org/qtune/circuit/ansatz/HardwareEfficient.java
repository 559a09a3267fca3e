package org.qtune.circuit.ansatz;

import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;

/**
 * The hardware-efficient ansatz: {@code layers} repetitions of a rotation layer (RY, or RY then RZ,
 * on every qubit) followed by an entangling layer (CZ or CX between neighbours, on a ring or a line),
 * and optionally one more rotation layer at the end. Parameters are {@code theta[0]},
 * {@code theta[1]}, ... in gate order.
 */
public final class HardwareEfficient {
    /** Which rotations make up one rotation layer. */
    public enum Rotations { RY, RY_RZ }

    /** The two-qubit gate of the entangling layer. */
    public enum Entangler { CZ, CX }

    /** Which pairs the entangling layer couples: (q, q+1) for all q, plus (n-1, 0) on a ring. */
    public enum Topology { RING, LINE }

    private HardwareEfficient() {
    }

    public static Builder builder(int numQubits) {
        return new Builder(numQubits);
    }

    /** Options with defaults: 1 layer, RY rotations, CZ ring, no final rotation layer. */
    public static final class Builder {
        private final int n;
        private int layers = 1;
        private Rotations rotations = Rotations.RY;
        private Entangler entangler = Entangler.CZ;
        private Topology topology = Topology.RING;
        private boolean finalRotations;

        private Builder(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("need at least one qubit, got " + n);
            }
            this.n = n;
        }

        public Builder layers(int l) {
            if (l < 1) {
                throw new IllegalArgumentException("layers must be >= 1, got " + l);
            }
            this.layers = l;
            return this;
        }

        public Builder rotations(Rotations r) {
            this.rotations = r;
            return this;
        }

        public Builder entangler(Entangler e) {
            this.entangler = e;
            return this;
        }

        public Builder topology(Topology t) {
            this.topology = t;
            return this;
        }

        public Builder finalRotations(boolean f) {
            this.finalRotations = f;
            return this;
        }

        /** The gates {@link #build} makes, known without building (to check a circuit's size first). */
        public long gateCount() {
            long perRotationLayer = (long) n * (rotations == Rotations.RY_RZ ? 2 : 1);
            long entanglers = (n - 1) + (topology == Topology.RING && n > 2 ? 1 : 0);
            return layers * (perRotationLayer + entanglers) + (finalRotations ? perRotationLayer : 0);
        }

        public Circuit build() {
            Circuit.Builder b = Circuit.builder(n);
            int[] next = {0};
            for (int l = 0; l < layers; l++) {
                rotationLayer(b, next);
                Gate g = entangler == Entangler.CZ ? Gate.CZ : Gate.CX;
                for (int q = 0; q + 1 < n; q++) {
                    b.add(g, q, q + 1);
                }
                if (topology == Topology.RING && n > 2) {
                    b.add(g, n - 1, 0);
                }
            }
            if (finalRotations) {
                rotationLayer(b, next);
            }
            return b.build();
        }

        private void rotationLayer(Circuit.Builder b, int[] next) {
            for (int q = 0; q < n; q++) {
                b.add(Gate.RY, Parameter.of("theta[" + next[0]++ + "]"), q);
                if (rotations == Rotations.RY_RZ) {
                    b.add(Gate.RZ, Parameter.of("theta[" + next[0]++ + "]"), q);
                }
            }
        }
    }
}
