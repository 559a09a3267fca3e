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
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.grad.Gradient;
import org.qtune.sim.AdjointTape;
import org.qtune.sim.BoundGate;
import org.qtune.sim.CompiledGates;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.exec.ExecutorSide;

/**
 * Adjoint differentiation on a distributed state, the same method and answers as the core's
 * {@link org.qtune.grad.AdjointGradient}, without ever collecting the state. psi and lambda live in
 * two distributed states with the same layout; the circuit's {@link AdjointTape} (each gate's inverse and
 * derivatives, built once on the driver) is broadcast once, the reversed, inverted circuit runs through
 * the schedule compiler, and in each epoch every partition walks the epoch's stretch of the tape back
 * on both chunks ({@link AdjointTape#sweep}, the core's own sweep, with the epoch's gates compiled once
 * per executor) while adding up its share of each parameter's 2 Re &lt;lambda| dU psi&gt;. Remaps move
 * both states.
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
        Broadcast<AdjointTape> tape = null;
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

            // backward: the tape (each gate's inverse and derivatives, built once) travels once; the
            // inverted gates in reverse order are cut into epochs and remaps like any circuit, and each
            // backward epoch walks its stretch of the tape on every chunk
            AdjointTape bound = AdjointTape.of(circuit, theta);
            tape = sc.broadcast(bound);
            List<BoundGate> inverses = bound.inverses();
            java.util.Collections.reverse(inverses);
            Schedule schedule = ScheduleCompiler.compile(inverses, psi.layout());
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
                    backwardEpoch(sc, e, bound.size(), tape, psi, lambda, grad, epochs);
                }
            }
            return new Gradient(value, grad);
        } finally {
            psi.close();
            if (lambda != null) {
                lambda.close();
            }
            if (tape != null) {
                tape.destroy();
            }
        }
    }

    private static void backwardEpoch(JavaSparkContext sc, Schedule.Epoch e, int tapeSize, Broadcast<AdjointTape> tape,
                                      DistributedStateVector psi, DistributedStateVector lambda, double[] grad,
                                      int number) {
        // the epoch's gates as tape entries in circuit order (the epoch runs them backwards), and the
        // physical position of every logical qubit in this epoch's layout
        int[] entries = new int[e.gates().size()];
        for (int i = 0; i < entries.length; i++) {
            entries[entries.length - 1 - i] = tapeSize - 1 - e.sources()[i];
        }
        QubitLayout layout = psi.layout();
        int[] positions = new int[layout.numQubits()];
        for (int q = 0; q < positions.length; q++) {
            positions[q] = layout.physical(q);
        }
        sc.setJobDescription("qtune adjoint backward epoch " + number);
        JavaRDD<AdjointPair> pairs = psi.chunks().zipPartitions(lambda.chunks(), new BackwardEpoch(tape,
                ExecutorSide.key(tape) + "/epoch " + number, entries, positions, grad.length, psi.numQubits(),
                layout.flipMask()));
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

    /**
     * One executor's view of a backward epoch: the epoch's stretch of the tape on physical qubits, its
     * inverses and derivatives compiled once (gate by gate) for this executor's chunks.
     */
    record EpochGates(AdjointTape tape, CompiledGates inverses, CompiledGates derivatives) {
    }

    /**
     * Walks an epoch's stretch of the tape back on each partition's chunks of psi and lambda (copies:
     * cached parents must stay intact), adding up the partition's share of every parameter's
     * 2 c Re &lt;lambda| dU psi&gt;.
     */
    static final class BackwardEpoch implements FlatMapFunction2<Iterator<Chunk>, Iterator<Chunk>, AdjointPair> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<AdjointTape> tape;
        private final String key;
        private final int[] entries;
        private final int[] positions;
        private final int numParams;
        private final int numQubits;
        private final int flipMask;

        BackwardEpoch(Broadcast<AdjointTape> tape, String key, int[] entries, int[] positions, int numParams,
                      int numQubits, int flipMask) {
            this.tape = tape;
            this.key = key;
            this.entries = entries;
            this.positions = positions;
            this.numParams = numParams;
            this.numQubits = numQubits;
            this.flipMask = flipMask;
        }

        @Override
        public Iterator<AdjointPair> call(Iterator<Chunk> psiIt, Iterator<Chunk> lambdaIt) {
            int chunk = org.apache.spark.TaskContext.getPartitionId() ^ flipMask;
            Chunk p0 = psiIt.next(), l0 = lambdaIt.next();
            int local = Integer.numberOfTrailingZeros(p0.length());
            Simulator sim = ExecutorSide.simulator();
            EpochGates epoch = ExecutorSide.cached(key + "/chunks of 2^" + local, () -> {
                AdjointTape t = tape.value().select(entries).onQubits(positions);
                return new EpochGates(t, sim.compileForChunks(t.inverses(), local, numQubits, true),
                        sim.compileForChunks(t.derivatives(), local, numQubits, true));
            });
            ChunkStates states = new ChunkStates(sim, epoch, chunk, p0.re().clone(), p0.im().clone(),
                    l0.re().clone(), l0.im().clone());
            double[] partial = new double[numParams];
            epoch.tape().sweep(states, partial);
            return Collections.singletonList(new AdjointPair(new Chunk(states.pr, states.pi),
                    new Chunk(states.lr, states.li), partial)).iterator();
        }
    }

    /** psi and lambda as one chunk each, a derivative applied to a copy of psi's chunk. */
    static final class ChunkStates implements AdjointTape.StatePair {
        private final Simulator sim;
        private final EpochGates epoch;
        private final int chunk;
        final double[] pr;
        final double[] pi;
        final double[] lr;
        final double[] li;
        private final double[] mr;
        private final double[] mi;

        ChunkStates(Simulator sim, EpochGates epoch, int chunk, double[] pr, double[] pi, double[] lr, double[] li) {
            this.sim = sim;
            this.epoch = epoch;
            this.chunk = chunk;
            this.pr = pr;
            this.pi = pi;
            this.lr = lr;
            this.li = li;
            this.mr = new double[pr.length];
            this.mi = new double[pi.length];
        }

        @Override
        public void unapplyPsi(int entry) {
            sim.applyGate(epoch.inverses(), entry, pr, pi, chunk);
        }

        @Override
        public double derivativeOverlap(int entry, int term) {
            System.arraycopy(pr, 0, mr, 0, pr.length);
            System.arraycopy(pi, 0, mi, 0, pi.length);
            sim.applyGate(epoch.derivatives(), epoch.tape().derivativeIndex(entry, term), mr, mi, chunk);
            return Measurements.realInnerProduct(StateVector.wrap(lr, li), StateVector.wrap(mr, mi));
        }

        @Override
        public void unapplyLambda(int entry) {
            sim.applyGate(epoch.inverses(), entry, lr, li, chunk);
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
