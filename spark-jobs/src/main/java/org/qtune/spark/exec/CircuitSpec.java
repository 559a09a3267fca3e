package org.qtune.spark.exec;

import java.util.ArrayList;
import java.util.List;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Operation;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * A parameterized circuit and an observable as flat arrays, the form broadcast to executors (with a
 * registered Kryo serializer): per operation the gate, its qubits, and per argument the parameter
 * index (-1 for a constant), coefficient and offset; the observable as x/z masks and coefficients.
 * Executors rebuild the {@link Circuit} once per JVM and broadcast.
 */
public final class CircuitSpec {
    final int numQubits;
    final int numParameters;
    final int[] gates;
    final int[][] qubits;
    final int[][] paramIndex;
    final double[][] coefficient;
    final double[][] offset;
    final long[] xMasks;
    final long[] zMasks;
    final double[] termCoefficients;

    CircuitSpec(int numQubits, int numParameters, int[] gates, int[][] qubits, int[][] paramIndex,
                double[][] coefficient, double[][] offset, long[] xMasks, long[] zMasks, double[] termCoefficients) {
        this.numQubits = numQubits;
        this.numParameters = numParameters;
        this.gates = gates;
        this.qubits = qubits;
        this.paramIndex = paramIndex;
        this.coefficient = coefficient;
        this.offset = offset;
        this.xMasks = xMasks;
        this.zMasks = zMasks;
        this.termCoefficients = termCoefficients;
    }

    public static CircuitSpec of(Circuit c, PauliSum h) {
        int m = c.size();
        int[] gates = new int[m];
        int[][] qubits = new int[m][], idx = new int[m][];
        double[][] coef = new double[m][], off = new double[m][];
        for (int k = 0; k < m; k++) {
            Operation op = c.operations().get(k);
            gates[k] = op.gate().ordinal();
            qubits[k] = op.qubits();
            int np = op.gate().numParams();
            idx[k] = new int[np];
            coef[k] = new double[np];
            off[k] = new double[np];
            for (int j = 0; j < np; j++) {
                ParameterExpression e = op.param(j);
                idx[k][j] = e.isConstant() ? -1 : c.parameterIndex(e.parameter());
                coef[k][j] = e.coefficient();
                off[k][j] = e.offset();
            }
        }
        int t = h.terms().size();
        long[] xm = new long[t], zm = new long[t];
        double[] tc = new double[t];
        for (int i = 0; i < t; i++) {
            xm[i] = h.terms().get(i).pauli().xMask();
            zm[i] = h.terms().get(i).pauli().zMask();
            tc[i] = h.terms().get(i).coefficient();
        }
        return new CircuitSpec(c.numQubits(), c.numParameters(), gates, qubits, idx, coef, off, xm, zm, tc);
    }

    /** The circuit, with parameters named p0, p1, ... in this spec's order. */
    public Circuit circuit() {
        Circuit.Builder b = Circuit.builder(numQubits);
        Gate[] all = Gate.values();
        Parameter[] params = new Parameter[numParameters];
        for (int i = 0; i < numParameters; i++) {
            params[i] = Parameter.of("p" + i);
        }
        for (int k = 0; k < gates.length; k++) {
            ParameterExpression[] ps = new ParameterExpression[paramIndex[k].length];
            for (int j = 0; j < ps.length; j++) {
                ps[j] = paramIndex[k][j] < 0 ? ParameterExpression.constant(offset[k][j])
                        : ParameterExpression.affine(coefficient[k][j], params[paramIndex[k][j]], offset[k][j]);
            }
            b.add(all[gates[k]], ps, qubits[k]);
        }
        Circuit c = b.build();
        if (c.numParameters() != numParameters) {
            throw new IllegalStateException("parameter order changed while rebuilding the circuit");
        }
        return c;
    }

    public PauliSum observable() {
        List<PauliSum.Term> terms = new ArrayList<>();
        for (int i = 0; i < termCoefficients.length; i++) {
            terms.add(new PauliSum.Term(termCoefficients[i], new PauliString(xMasks[i], zMasks[i])));
        }
        return PauliSum.of(terms);
    }

    /** Kryo: every array written in bulk; registered by {@code QtuneKryoRegistrator}. */
    public static final class KryoSerializer extends com.esotericsoftware.kryo.Serializer<CircuitSpec> {
        @Override
        public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output out, CircuitSpec s) {
            out.writeInt(s.numQubits, true);
            out.writeInt(s.numParameters, true);
            out.writeInt(s.gates.length, true);
            out.writeInts(s.gates);
            for (int k = 0; k < s.gates.length; k++) {
                out.writeInt(s.qubits[k].length, true);
                out.writeInts(s.qubits[k]);
                out.writeInt(s.paramIndex[k].length, true);
                out.writeInts(s.paramIndex[k]);
                out.writeDoubles(s.coefficient[k]);
                out.writeDoubles(s.offset[k]);
            }
            out.writeInt(s.termCoefficients.length, true);
            out.writeLongs(s.xMasks);
            out.writeLongs(s.zMasks);
            out.writeDoubles(s.termCoefficients);
        }

        @Override
        public CircuitSpec read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input in,
                                Class<CircuitSpec> type) {
            int n = in.readInt(true), p = in.readInt(true), m = in.readInt(true);
            int[] gates = in.readInts(m);
            int[][] qubits = new int[m][], idx = new int[m][];
            double[][] coef = new double[m][], off = new double[m][];
            for (int k = 0; k < m; k++) {
                qubits[k] = in.readInts(in.readInt(true));
                int np = in.readInt(true);
                idx[k] = in.readInts(np);
                coef[k] = in.readDoubles(np);
                off[k] = in.readDoubles(np);
            }
            int t = in.readInt(true);
            long[] xm = in.readLongs(t), zm = in.readLongs(t);
            return new CircuitSpec(n, p, gates, qubits, idx, coef, off, xm, zm, in.readDoubles(t));
        }
    }
}
