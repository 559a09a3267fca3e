package org.qtune.spark.statevector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Matrices;
import org.qtune.circuit.Operation;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.Gradient;
import org.qtune.sim.BoundGate;

/**
 * Adjoint differentiation on a distributed state, the same method and answers as the core's
 * {@link org.qtune.grad.AdjointGradient}, without ever collecting the state. psi and lambda live in
 * two distributed states with the same layout; the backward sweep runs the reversed, inverted circuit
 * through the schedule compiler, and in each epoch every partition undoes its gates on both chunks
 * while adding up its share of each parameter's 2 Re &lt;lambda| dU psi&gt;. Remaps move both states.
 * Partial sums are added in partition order, so the gradient does not depend on task timing.
 *
 * <p>Diagonal observables (Z strings, or a weight per basis state) are handled directly; other
 * Pauli terms are grouped by measurement basis and differentiated with the basis rotation appended to
 * the circuit.
 */
public final class DistributedAdjoint {
    private DistributedAdjoint() {
    }

    /** Value and gradient of {@code <H>} for a Pauli sum. */
    public static Gradient compute(JavaSparkContext sc, Circuit circuit, double[] theta, PauliSum h, int partitions) {
        if (h.minQubits() > circuit.numQubits()) {
            throw new IllegalArgumentException("observable uses qubit " + (h.minQubits() - 1) + " of a "
                    + circuit.numQubits() + "-qubit circuit");
        }
        // group terms by the basis they are measured in: the X/Y pattern of their string
        Map<String, List<PauliSum.Term>> groups = new LinkedHashMap<>();
        for (PauliSum.Term t : h.terms()) {
            PauliString p = t.pauli();
            groups.computeIfAbsent(p.xMask() + ":" + (p.xMask() & p.zMask()), k -> new ArrayList<>()).add(t);
        }
        double value = 0;
        double[] grad = new double[circuit.numParameters()];
        for (List<PauliSum.Term> terms : groups.values()) {
            PauliString basis = terms.get(0).pauli();
            Circuit.Builder b = basis.appendBasisChange(Circuit.builder(circuit.numQubits()).addAll(circuit),
                    circuit.numQubits());
            long[] masks = new long[terms.size()];
            double[] coefficients = new double[terms.size()];
            for (int i = 0; i < masks.length; i++) {
                masks[i] = terms.get(i).pauli().support();
                coefficients[i] = terms.get(i).coefficient();
            }
            Gradient g = run(sc, b.build(), theta, partitions, new ZStringWeights(masks, coefficients));
            value += g.value();
            double[] gg = g.gradient();
            for (int i = 0; i < grad.length; i++) {
                grad[i] += gg[i];
            }
        }
        return new Gradient(value, grad);
    }

    /** Value and gradient of {@code sum_i weights[i] |psi_i|^2} (2^n weights, broadcast to executors). */
    public static Gradient diagonal(JavaSparkContext sc, Circuit circuit, double[] theta, double[] weights, int partitions) {
        if (weights.length != 1 << circuit.numQubits()) {
            throw new IllegalArgumentException("need 2^" + circuit.numQubits() + " weights, got " + weights.length);
        }
        Broadcast<double[]> w = sc.broadcast(weights);
        try {
            return run(sc, circuit, theta, partitions, new TableWeights(w));
        } finally {
            w.destroy();
        }
    }

    /** The weight w(i) of logical basis state i. */
    interface Weights extends java.io.Serializable {
        double weight(long logicalIndex);
    }

    /** w(i) = sum_j c_j (-1)^popcount(i &amp; mask_j). */
    record ZStringWeights(long[] masks, double[] coefficients) implements Weights {
        @Override
        public double weight(long i) {
            double w = 0;
            for (int j = 0; j < masks.length; j++) {
                w += (Long.bitCount(i & masks[j]) & 1) == 0 ? coefficients[j] : -coefficients[j];
            }
            return w;
        }
    }

    /** w(i) from a broadcast table. */
    record TableWeights(Broadcast<double[]> table) implements Weights {
        @Override
        public double weight(long i) {
            return table.value()[(int) i];
        }
    }

    private static Gradient run(JavaSparkContext sc, Circuit circuit, double[] theta, int partitions, Weights weights) {
        int n = circuit.numQubits();
        // forward: psi = U(theta)|0>
        DistributedStateVector psi = DistributedStateVector.zero(sc, n, partitions);
        DistributedStateVector lambda = null;
        List<Broadcast<GateList>> broadcasts = new ArrayList<>();
        try {
            psi.apply(circuit, theta);
            // lambda = W psi, and the value sum_i w_i |psi_i|^2, in one job
            QubitLayout layout = psi.layout();
            JavaRDD<Tuple> withValue = psi.chunks().mapPartitionsWithIndex(new WeighChunk(layout, weights), true);
            // memory only: an evicted block is recomputed from psi rather than spilled
            withValue.persist(StorageLevel.MEMORY_ONLY());
            double value = 0;
            for (double v : withValue.map(new TupleValue()).collect()) {
                value += v;
            }
            JavaRDD<Chunk> lam = withValue.map(new TupleChunk());
            lam.persist(StorageLevel.MEMORY_AND_DISK()).count();
            withValue.unpersist(false);
            lambda = psi.sibling(lam);

            // backward: the inverted gates in reverse order, with each parameter's derivative matrices
            List<Operation> ops = new ArrayList<>();
            for (Operation op : circuit.operations()) {
                if (op.gate() != Gate.ID) {
                    ops.add(op);
                }
            }
            List<BoundGate> inverse = new ArrayList<>();
            for (int k = ops.size() - 1; k >= 0; k--) {
                Operation op = ops.get(k);
                inverse.add(new BoundGate(op.gate(), op.qubits(),
                        Matrices.dagger(op.matrix(op.paramValues(circuit, theta)))));
            }
            Schedule schedule = ScheduleCompiler.compile(inverse, psi.layout());
            double[] grad = new double[circuit.numParameters()];
            int epochs = 0, remaps = 0;
            for (Schedule.Stage stage : schedule.stages()) {
                if (stage instanceof Schedule.Remap r) {
                    remaps++;
                    JavaRDD<Chunk> p0 = psi.chunks(), l0 = lambda.chunks();
                    psi.remap(r, remaps);
                    lambda.remap(r, remaps);
                    p0.unpersist(false);
                    l0.unpersist(false);
                } else if (stage instanceof Schedule.Flip f) {
                    psi.flip(f.physical());
                    lambda.flip(f.physical());
                } else if (stage instanceof Schedule.Epoch e) {
                    epochs++;
                    backwardEpoch(sc, e, ops, circuit, theta, psi, lambda, grad, broadcasts, epochs);
                }
            }
            return new Gradient(value, grad);
        } finally {
            psi.close();
            if (lambda != null) {
                lambda.close();
            }
            for (Broadcast<GateList> b : broadcasts) {
                b.destroy();
            }
        }
    }

    private static void backwardEpoch(JavaSparkContext sc, Schedule.Epoch e, List<Operation> ops, Circuit circuit,
                                      double[] theta, DistributedStateVector psi, DistributedStateVector lambda,
                                      double[] grad, List<Broadcast<GateList>> broadcasts, int number) {
        // derivative matrices of the epoch's gates, in physical numbering (the same qubits as the gate)
        List<BoundGate> derivatives = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        for (int i = 0; i < e.gates().size(); i++) {
            Operation op = ops.get(ops.size() - 1 - e.sources()[i]);
            double[] values = op.paramValues(circuit, theta);
            for (int j = 0; j < values.length; j++) {
                ParameterExpression pe = op.param(j);
                if (pe.isConstant() || pe.coefficient() == 0) {
                    continue;
                }
                derivatives.add(new BoundGate(null, e.gates().get(i).qubits(),
                        op.gate().derivative(op.numQubits(), j, values)));
                owners.add(new int[] {i, circuit.parameterIndex(pe.parameter())});
                coefficients.add(pe.coefficient());
            }
        }
        Broadcast<GateList> gates = sc.broadcast(new GateList(e.gates()));
        Broadcast<GateList> derivs = sc.broadcast(new GateList(derivatives));
        broadcasts.add(gates);
        broadcasts.add(derivs);
        int[] ownerGate = owners.stream().mapToInt(o -> o[0]).toArray();
        int[] ownerParam = owners.stream().mapToInt(o -> o[1]).toArray();
        double[] coef = coefficients.stream().mapToDouble(Double::doubleValue).toArray();
        sc.setJobDescription("qtune adjoint backward epoch " + number);
        JavaRDD<AdjointPair> pairs = psi.chunks().zipPartitions(lambda.chunks(), new BackwardEpoch(gates, derivs,
                ownerGate, ownerParam, coef, grad.length, psi.numQubits(), psi.layout().flipMask()));
        pairs.persist(StorageLevel.MEMORY_AND_DISK());
        for (double[] partial : pairs.map(new PairPartial()).collect()) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += partial[i];
            }
        }
        JavaRDD<Chunk> p = pairs.map(new PairPsi()), l = pairs.map(new PairLambda());
        p.persist(StorageLevel.MEMORY_AND_DISK()).count();
        l.persist(StorageLevel.MEMORY_AND_DISK()).count();
        psi.chunks().unpersist(false);
        lambda.chunks().unpersist(false);
        pairs.unpersist(false);
        psi.replaceChunks(p);
        lambda.replaceChunks(l);
        gates.unpersist(false);
        derivs.unpersist(false);
    }

    /** A chunk with a number attached (lambda's chunk and its share of the value). */
    record Tuple(Chunk chunk, double value) implements java.io.Serializable {
    }

    static final class WeighChunk implements Function2<Integer, Iterator<Chunk>, Iterator<Tuple>> {
        private static final long serialVersionUID = 1L;
        private final QubitLayout layout;
        private final Weights weights;

        WeighChunk(QubitLayout layout, Weights weights) {
            this.layout = layout;
            this.weights = weights;
        }

        @Override
        public Iterator<Tuple> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            double[] re = new double[c.length()], im = new double[c.length()];
            double value = 0;
            for (int o = 0; o < re.length; o++) {
                double w = weights.weight(ChunkFunctions.logicalIndex(layout, p, o));
                re[o] = w * c.re()[o];
                im[o] = w * c.im()[o];
                value += w * (c.re()[o] * c.re()[o] + c.im()[o] * c.im()[o]);
            }
            return Collections.singletonList(new Tuple(new Chunk(re, im), value)).iterator();
        }
    }

    static final class TupleValue implements Function<Tuple, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public Double call(Tuple t) {
            return t.value();
        }
    }

    static final class TupleChunk implements Function<Tuple, Chunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public Chunk call(Tuple t) {
            return t.chunk();
        }
    }

    /** Undoes an epoch's gates on psi and lambda, adding up each parameter's 2 c Re &lt;lambda| dU psi&gt;. */
    static final class BackwardEpoch implements FlatMapFunction2<Iterator<Chunk>, Iterator<Chunk>, AdjointPair> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<GateList> gates;
        private final Broadcast<GateList> derivatives;
        private final int[] ownerGate;
        private final int[] ownerParam;
        private final double[] coefficient;
        private final int numParams;
        private final int numQubits;
        private final int flipMask;

        BackwardEpoch(Broadcast<GateList> gates, Broadcast<GateList> derivatives, int[] ownerGate, int[] ownerParam,
                      double[] coefficient, int numParams, int numQubits, int flipMask) {
            this.gates = gates;
            this.derivatives = derivatives;
            this.ownerGate = ownerGate;
            this.ownerParam = ownerParam;
            this.coefficient = coefficient;
            this.numParams = numParams;
            this.numQubits = numQubits;
            this.flipMask = flipMask;
        }

        @Override
        public Iterator<AdjointPair> call(Iterator<Chunk> psiIt, Iterator<Chunk> lambdaIt) {
            int chunk = org.apache.spark.TaskContext.getPartitionId() ^ flipMask;
            Chunk p0 = psiIt.next(), l0 = lambdaIt.next();
            double[] pr = p0.re().clone(), pi = p0.im().clone(), lr = l0.re().clone(), li = l0.im().clone();
            double[] mr = new double[pr.length], mi = new double[pi.length];
            double[] partial = new double[numParams];
            var sim = ChunkFunctions.ExecutorSimulator.get();
            List<BoundGate> gs = gates.value().gates(), ds = derivatives.value().gates();
            int d = 0;
            for (int i = 0; i < gs.size(); i++) {
                List<BoundGate> one = List.of(gs.get(i));
                sim.applyToChunk(one, pr, pi, numQubits, chunk);
                for (; d < ds.size() && ownerGate[d] == i; d++) {
                    System.arraycopy(pr, 0, mr, 0, pr.length);
                    System.arraycopy(pi, 0, mi, 0, pi.length);
                    sim.applyToChunk(List.of(ds.get(d)), mr, mi, numQubits, chunk);
                    double s = 0;
                    for (int o = 0; o < mr.length; o++) {
                        s += lr[o] * mr[o] + li[o] * mi[o];
                    }
                    partial[ownerParam[d]] += 2 * coefficient[d] * s;
                }
                sim.applyToChunk(one, lr, li, numQubits, chunk);
            }
            return Collections.singletonList(new AdjointPair(new Chunk(pr, pi), new Chunk(lr, li), partial)).iterator();
        }
    }

    static final class PairPartial implements Function<AdjointPair, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] call(AdjointPair a) {
            return a.partial();
        }
    }

    static final class PairPsi implements Function<AdjointPair, Chunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public Chunk call(AdjointPair a) {
            return a.psi();
        }
    }

    static final class PairLambda implements Function<AdjointPair, Chunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public Chunk call(AdjointPair a) {
            return a.lambda();
        }
    }
}
