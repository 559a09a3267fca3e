package org.qtune.sim;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;

/**
 * The per-gate bookkeeping of differentiation, built once from a circuit: for each gate, its qubits,
 * how each argument depends on the circuit's parameters ({@code coefficient * theta[parameter] +
 * offset}, from the circuit's {@link ParameterExpression}s) and what the derivative of the gate by
 * that argument is, as a generator {@code E = dU/da U^dagger}. Independent of parameter values, so
 * one tape serves every point and every member of a batch: the batched adjoint reads it directly,
 * the single-state and distributed ones through an {@link AdjointTape} bound to one theta. Immutable.
 */
public final class GateTape {
    /** One gate argument: {@code coefficient * theta[parameter] + offset}, or the constant offset (parameter -1). */
    public record Argument(int parameter, double coefficient, double offset) {
        public static Argument constant(double value) {
            return new Argument(-1, 0, value);
        }

        /** Whether the argument reads a parameter. */
        public boolean isSymbolic() {
            return parameter >= 0;
        }

        /** Whether it reads a parameter with a non-zero coefficient: it contributes to a gradient. */
        public boolean hasTerm() {
            return parameter >= 0 && coefficient != 0;
        }

        /** The value at theta (theta ignored for a constant). */
        public double value(double[] theta) {
            return parameter < 0 ? offset : coefficient * theta[parameter] + offset;
        }
    }

    /** What {@code E = dU/da U^dagger} is for one argument of a gate. */
    public sealed interface Generator permits PauliRotation, Projector, MatrixDerivative {
    }

    /**
     * {@code E = -i/2 P} on the block where every control is 1, P the Pauli string with the given X
     * and Z masks (Y where both): the rotations rx, ry, rz, their controlled forms, rxx, ryy, rzz.
     */
    public record PauliRotation(int xMask, int zMask, int controlMask) implements Generator {
    }

    /** {@code E = i |1..1><1..1|} on the qubits in mask: p and cp. */
    public record Projector(int mask) implements Generator {
    }

    /** No closed form (u2, u3, cu3): E from the gate's matrix and its derivative at the argument values. */
    public record MatrixDerivative() implements Generator {
    }

    /** One gate: its qubits (controls first), arguments and their generators (one per argument). */
    public record Entry(Gate gate, int[] qubits, List<Argument> arguments, List<Generator> generators) {
        public Entry {
            qubits = qubits.clone();
            arguments = List.copyOf(arguments);
            generators = List.copyOf(generators);
            if (arguments.size() != gate.numParams() || generators.size() != arguments.size()) {
                throw new IllegalArgumentException(gate.qasmName() + " takes " + gate.numParams() + " arguments");
            }
        }

        /** A gate with the generators of its arguments derived from the gate. */
        public static Entry of(Gate gate, int[] qubits, List<Argument> arguments) {
            List<Generator> gens = new ArrayList<>(arguments.size());
            for (int a = 0; a < arguments.size(); a++) {
                gens.add(generator(gate, qubits, a));
            }
            return new Entry(gate, qubits, arguments, gens);
        }

        @Override
        public int[] qubits() {
            return qubits.clone();
        }

        public int numQubits() {
            return qubits.length;
        }

        public int qubit(int j) {
            return qubits[j];
        }

        /** Whether any argument reads a parameter. */
        public boolean isSymbolic() {
            for (Argument a : arguments) {
                if (a.isSymbolic()) {
                    return true;
                }
            }
            return false;
        }

        /** The argument values at theta. */
        public double[] values(double[] theta) {
            double[] v = new double[arguments.size()];
            for (int a = 0; a < v.length; a++) {
                v[a] = arguments.get(a).value(theta);
            }
            return v;
        }

        /**
         * For a diagonal gate whose generator for argument a is diagonal, {@code E = i diag(phi')}: phi'
         * over the gate's qubit patterns (bit j of the pattern is qubits[j]); null otherwise.
         */
        public double[] phaseDerivative(int a) {
            if (!gate.isDiagonal()) {
                return null;
            }
            Generator g = generators.get(a);
            int d = 1 << qubits.length;
            double[] phi = new double[d];
            for (int j = 0; j < d; j++) {
                int index = Matrices.deposit(j, qubits);
                if (g instanceof PauliRotation r && r.xMask() == 0) {
                    boolean on = (index & r.controlMask()) == r.controlMask();
                    phi[j] = !on ? 0 : (Integer.bitCount(index & r.zMask()) & 1) == 0 ? -0.5 : 0.5;
                } else if (g instanceof Projector p) {
                    phi[j] = (index & p.mask()) == p.mask() ? 1 : 0;
                } else {
                    return null;
                }
            }
            return phi;
        }
    }

    private final int numQubits;
    private final int numParameters;
    private final List<Entry> entries;

    private GateTape(int numQubits, int numParameters, List<Entry> entries) {
        this.numQubits = numQubits;
        this.numParameters = numParameters;
        this.entries = List.copyOf(entries);
    }

    /** The tape of a circuit: one entry per operation, in order (identity gates included). */
    public static GateTape of(Circuit circuit) {
        List<Entry> entries = new ArrayList<>(circuit.size());
        for (Operation op : circuit.operations()) {
            List<Argument> args = new ArrayList<>(op.gate().numParams());
            for (int j = 0; j < op.gate().numParams(); j++) {
                ParameterExpression e = op.param(j);
                args.add(e.isConstant() ? Argument.constant(e.constantValue())
                        : new Argument(circuit.parameterIndex(e.parameter()), e.coefficient(), e.offset()));
            }
            entries.add(Entry.of(op.gate(), op.qubits(), args));
        }
        return new GateTape(circuit.numQubits(), circuit.numParameters(), entries);
    }

    public int numQubits() {
        return numQubits;
    }

    public int numParameters() {
        return numParameters;
    }

    /** The gates in circuit order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The generator of argument a of a gate on the given qubits. */
    static Generator generator(Gate gate, int[] qubits, int a) {
        int t = qubits[qubits.length - 1], controls = 0;
        for (int j = 0; j < gate.numControls(qubits.length); j++) {
            controls |= 1 << qubits[j];
        }
        int all = 0;
        for (int q : qubits) {
            all |= 1 << q;
        }
        return switch (gate) {
            case RX, CRX -> new PauliRotation(1 << t, 0, controls);
            case RY, CRY -> new PauliRotation(1 << t, 1 << t, controls);
            case RZ, CRZ -> new PauliRotation(0, 1 << t, controls);
            case RXX -> new PauliRotation(all, 0, 0);
            case RYY -> new PauliRotation(all, all, 0);
            case RZZ -> new PauliRotation(0, all, 0);
            case P, CP -> new Projector(all);
            default -> new MatrixDerivative();
        };
    }
}
