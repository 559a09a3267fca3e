package org.qtune.spark.statevector;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;
import org.qtune.sim.BoundGate;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import scala.Tuple2;

/**
 * One n-qubit state vector spread over 2^g Spark partitions of 2^(n-g) amplitudes each (see
 * {@link QubitLayout}). {@link #apply} compiles a circuit into a {@link Schedule} and runs it: one
 * Spark job per epoch, one shuffle per remap. Results equal the single-node simulator's. Not
 * thread-safe; the object holds the current generation of the data and unpersists old ones.
 */
public final class DistributedStateVector implements AutoCloseable {
    /** Largest share of a chunk sent as one record: 2^22 amplitudes, 64 MiB of doubles. */
    public static final int DEFAULT_MAX_PIECE = 1 << 22;

    private final JavaSparkContext sc;
    private final int numQubits;
    private final int partitions;
    private QubitLayout layout;
    private JavaRDD<Chunk> chunks;
    private int maxPiece = DEFAULT_MAX_PIECE;
    private int checkpointEvery;
    private int epochsSinceCheckpoint;
    private final List<Broadcast<GateList>> broadcasts = new java.util.ArrayList<>();

    /** What one {@link #apply} did. */
    public record RunStats(int epochs, int remaps, int flips, long shuffledBytes, long remapBoundBytes,
                           int gatesNeedingGlobalQubits, double epochSeconds, double remapSeconds) {
    }

    private DistributedStateVector(JavaSparkContext sc, int numQubits, int partitions, QubitLayout layout,
                                   JavaRDD<Chunk> chunks) {
        this.sc = sc;
        this.numQubits = numQubits;
        this.partitions = partitions;
        this.layout = layout;
        this.chunks = chunks;
    }

    /** |0...0&gt; over {@code partitions} (a power of two, at most 2^(n-1)) partitions. */
    public static DistributedStateVector zero(JavaSparkContext sc, int numQubits, int partitions) {
        return basis(sc, numQubits, partitions, 0);
    }

    /** The basis state |index&gt;. */
    public static DistributedStateVector basis(JavaSparkContext sc, int numQubits, int partitions, long index) {
        if (numQubits < 1 || numQubits > 30) {
            throw new IllegalArgumentException("distributed states hold 1..30 qubits, got " + numQubits);
        }
        if (partitions < 1 || Integer.bitCount(partitions) != 1 || partitions > 1 << (numQubits - 1)) {
            throw new IllegalArgumentException("partitions must be a power of two between 1 and 2^(n-1) = "
                    + (1 << (numQubits - 1)) + ", got " + partitions);
        }
        if (index < 0 || index >= 1L << numQubits) {
            throw new IllegalArgumentException("basis index out of range");
        }
        int g = Integer.numberOfTrailingZeros(partitions);
        QubitLayout layout = QubitLayout.identity(numQubits, g);
        int local = layout.localQubits();
        List<Integer> ids = new java.util.ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        JavaRDD<Chunk> rdd = sc.parallelize(ids, partitions)
                .mapPartitionsWithIndex(new ChunkFunctions.CreateBasis(local, (int) (index >>> local),
                        (int) (index & ((1L << local) - 1))), true);
        rdd.setName("qtune state |" + index + ">").persist(StorageLevel.MEMORY_AND_DISK());
        rdd.count();
        return new DistributedStateVector(sc, numQubits, partitions, layout, rdd);
    }

    public int numQubits() {
        return numQubits;
    }

    public int partitions() {
        return partitions;
    }

    public QubitLayout layout() {
        return layout;
    }

    /** Cuts lineage every {@code epochs} epochs to the context's checkpoint directory (0: never). */
    public DistributedStateVector checkpointEvery(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0");
        }
        if (epochs > 0 && !sc.getCheckpointDir().isPresent()) {
            throw new IllegalStateException("set the Spark context's checkpoint directory first");
        }
        this.checkpointEvery = epochs;
        return this;
    }

    /** Largest piece sent as one record during a remap, in amplitudes (a power of two). */
    public DistributedStateVector maxPiece(int amplitudes) {
        if (amplitudes < 1 || Integer.bitCount(amplitudes) != 1) {
            throw new IllegalArgumentException("piece size must be a power of two");
        }
        this.maxPiece = amplitudes;
        return this;
    }

    /** Applies a circuit ({@code theta} bound to its parameters). */
    public RunStats apply(Circuit circuit, double[] theta) {
        if (circuit.numQubits() > numQubits) {
            throw new IllegalArgumentException("a " + circuit.numQubits() + "-qubit circuit does not fit a "
                    + numQubits + "-qubit state");
        }
        return apply(Simulator.bind(circuit, theta));
    }

    /** Applies bound gates in logical qubit numbering. */
    public RunStats apply(List<BoundGate> gates) {
        return run(gates, false);
    }

    /**
     * Runs a schedule stage by stage. Each new generation is cached and materialized before the one it
     * came from is unpersisted, except the first when {@code keepFirst} (it belongs to another state).
     */
    private RunStats run(List<BoundGate> gates, boolean keepFirst) {
        Schedule schedule = ScheduleCompiler.compile(gates, layout);
        JavaRDD<Chunk> first = chunks;
        int epochs = 0, remaps = 0, flips = 0;
        long shuffled = 0, bound = 0;
        double epochSeconds = 0, remapSeconds = 0;
        for (Schedule.Stage stage : schedule.stages()) {
            JavaRDD<Chunk> before = chunks;
            long t0 = System.nanoTime();
            if (stage instanceof Schedule.Epoch e) {
                epochs++;
                Broadcast<GateList> b = sc.broadcast(new GateList(e.gates()));
                sc.setJobDescription("qtune epoch " + epochs + ": " + e.gates().size() + " gates");
                materialize(chunks.mapPartitionsWithIndex(
                        new ChunkFunctions.ApplyEpoch(b, numQubits, layout.flipMask()), true), "epoch " + epochs, true);
                // Later generations' lineage still names this broadcast (a lost partition is recomputed
                // through it), so only free the executors' copies now; close() destroys it.
                b.unpersist(false);
                broadcasts.add(b);
                epochSeconds += (System.nanoTime() - t0) / 1e9;
            } else if (stage instanceof Schedule.Remap r) {
                remaps++;
                shuffled += remap(r, remaps);
                // every chunk keeps one of its 2^k shares: at best (1 - 2^-k) of the state moves
                long stateBytes = 16L << numQubits;
                bound += stateBytes - (stateBytes >> r.size());
                remapSeconds += (System.nanoTime() - t0) / 1e9;
            } else if (stage instanceof Schedule.Flip f) {
                layout = layout.flipped(f.physical());
                flips++;
            }
            if (before != chunks && !(keepFirst && before == first)) {
                before.unpersist(false);
            }
        }
        int needGlobal = 0;
        QubitLayout l0 = schedule.initial();
        for (BoundGate g : gates) {
            for (int q : ScheduleCompiler.targets(g)) {
                if (!l0.isLocalPhysical(l0.physical(q))) {
                    needGlobal++;
                    break;
                }
            }
        }
        return new RunStats(epochs, remaps, flips, shuffled, bound, needGlobal, epochSeconds, remapSeconds);
    }

    /** Runs one remap; returns the bytes of amplitudes sent to other partitions. */
    long remap(Schedule.Remap r, int number) {
        QubitLayout after = layout.swapped(r.globals(), r.locals());
        ChunkFunctions.RemapPlan plan = new ChunkFunctions.RemapPlan(layout.localQubits(), r.globals(),
                r.locals(), layout.flipMask(), after.flipMask(), maxPiece);
        sc.setJobDescription("qtune remap " + number + ": " + r.size() + " qubit(s)");
        LongAccumulator sent = sc.sc().longAccumulator("qtune remap " + number + " bytes");
        JavaPairRDD<Integer, Piece> pieces = JavaPairRDD.fromJavaRDD(
                        chunks.mapPartitionsWithIndex(new ChunkFunctions.SplitForRemap(plan, sent), true))
                .partitionBy(new ChunkPartitioner(partitions));
        layout = after;
        materialize(chunks.zipPartitions(pieces, new ChunkFunctions.AssembleRemap(plan)), "remap " + number, false);
        return sent.value();
    }

    /** Applies a flip stage: a relabelling, no job. */
    void flip(int physical) {
        layout = layout.flipped(physical);
    }

    /** A state over other (materialized) data with this state's layout and settings. */
    DistributedStateVector sibling(JavaRDD<Chunk> data) {
        DistributedStateVector s = new DistributedStateVector(sc, numQubits, partitions, layout, data);
        s.maxPiece = maxPiece;
        return s;
    }

    JavaRDD<Chunk> chunks() {
        return chunks;
    }

    JavaSparkContext context() {
        return sc;
    }

    /** Replaces the data with an already materialized generation (the caller unpersists the old one). */
    void replaceChunks(JavaRDD<Chunk> next) {
        chunks = next;
    }

    private void materialize(JavaRDD<Chunk> next, String what, boolean epoch) {
        next.setName("qtune state after " + what).persist(StorageLevel.MEMORY_AND_DISK());
        if (epoch && checkpointEvery > 0 && ++epochsSinceCheckpoint >= checkpointEvery) {
            next.checkpoint();
            epochsSinceCheckpoint = 0;
        }
        next.count();
        chunks = next;
    }

    /** Sum of |amplitude|^2 (1 for a normalized state). */
    public double normSquared() {
        double[] z = zContributions();
        return z[numQubits];
    }

    /** {@code <Z_q>} for every logical qubit q, in one job. */
    public double[] expectationZAll() {
        double[] phys = zContributions();
        double[] z = new double[numQubits];
        for (int q = 0; q < numQubits; q++) {
            z[q] = phys[layout.physical(q)];
        }
        return z;
    }

    /** Per-partition sums added in partition order, so the result does not depend on task timing. */
    private double[] zContributions() {
        sc.setJobDescription("qtune <Z>");
        List<double[]> parts = chunks.mapPartitionsWithIndex(
                new ChunkFunctions.ZContributions(numQubits, layout.flipMask()), true).collect();
        double[] sum = new double[numQubits + 1];
        for (double[] p : parts) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p[i];
            }
        }
        return sum;
    }

    /** {@code <H>} for a Pauli sum: Z strings directly, other terms after a basis rotation of a copy. */
    public double expectation(PauliSum h) {
        if (h.minQubits() > numQubits) {
            throw new IllegalArgumentException("observable uses qubit " + (h.minQubits() - 1) + " of a "
                    + numQubits + "-qubit state");
        }
        double e = 0;
        for (PauliSum.Term t : h.terms()) {
            PauliString p = t.pauli();
            if (p.support() == 0) {
                e += t.coefficient() * normSquared();
            } else if (p.isDiagonal()) {
                e += t.coefficient() * zString(p.zMask());
            } else {
                e += t.coefficient() * rotatedCopyZString(p);
            }
        }
        return e;
    }

    private double zString(long logicalZ) {
        long phys = 0;
        for (int q = 0; q < numQubits; q++) {
            if ((logicalZ >>> q & 1) != 0) {
                phys |= 1L << layout.physical(q);
            }
        }
        sc.setJobDescription("qtune <Z string>");
        List<Double> parts = chunks.mapPartitionsWithIndex(
                new ChunkFunctions.ZStringContribution(layout.flipMask(), phys), true).collect();
        double s = 0;
        for (double v : parts) {
            s += v;
        }
        return s;
    }

    private double rotatedCopyZString(PauliString p) {
        Circuit.Builder rot = p.appendBasisChange(Circuit.builder(numQubits), numQubits);
        DistributedStateVector copy = new DistributedStateVector(sc, numQubits, partitions, layout, chunks);
        copy.maxPiece = maxPiece;
        copy.run(Simulator.bind(rot.build(), new double[0]), true);
        double v = copy.zString(p.support());
        if (copy.chunks != chunks) {
            copy.close();
        }
        return v;
    }

    /**
     * The {@code k} most probable basis states as (logical index, probability), most probable first,
     * ties by lower index: the same list as the single-node simulator's, without collecting the state.
     */
    public List<org.qtune.sim.TopProbabilities.Outcome> topProbabilities(int k) {
        org.qtune.sim.TopProbabilities top = new org.qtune.sim.TopProbabilities(k);
        if (k == 0) {
            return List.of();
        }
        sc.setJobDescription("qtune top " + k + " probabilities");
        for (double[] e : chunks.mapPartitionsWithIndex(new ChunkFunctions.TopProbabilities(layout, k), true).collect()) {
            top.add((long) e[0], e[1]);
        }
        return top.result();
    }

    /**
     * The marginal distribution of the given logical qubits: entry v is the probability that qubit
     * qubits[j] reads bit j of v. At most 24 qubits.
     */
    public double[] marginal(int... qubits) {
        if (qubits.length > 24) {
            throw new IllegalArgumentException("at most 24 qubits in a marginal");
        }
        for (int q : qubits) {
            if (q < 0 || q >= numQubits) {
                throw new IllegalArgumentException("qubit " + q + " out of range");
            }
        }
        sc.setJobDescription("qtune marginal");
        double[] m = new double[1 << qubits.length];
        for (double[] part : chunks.mapPartitionsWithIndex(new ChunkFunctions.Marginal(layout, qubits.clone()), true)
                .collect()) {
            for (int v = 0; v < m.length; v++) {
                m[v] += part[v];
            }
        }
        return m;
    }

    /** The probability of each logical basis state in {@code indices}. */
    public double[] probabilities(long... indices) {
        int[] which = new int[indices.length];
        int[] part = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= 1L << numQubits) {
                throw new IllegalArgumentException("basis index " + indices[i] + " out of range");
            }
            long phys = layout.physicalIndex(indices[i]);
            which[i] = (int) (phys & ((1L << layout.localQubits()) - 1));
            part[i] = (int) (phys >>> layout.localQubits()) ^ layout.flipMask();
        }
        // one marginal-free job: each partition reports the requested offsets it holds
        List<double[]> found = chunks.mapPartitionsWithIndex(new ChunkFunctions.PickAmplitudes(part, which), true)
                .collect();
        double[] p = new double[indices.length];
        for (double[] f : found) {
            p[(int) f[0]] = f[1];
        }
        return p;
    }

    /**
     * Draws {@code shots} samples: the driver splits the shots between partitions by their total
     * probabilities (seeded), then each partition samples its share locally (seeded per partition).
     * The same seed and partition count give the same counts; a different partition count gives an
     * equally distributed but different sample. Returns logical index to count, ascending.
     */
    public java.util.TreeMap<Long, Integer> sample(int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be >= 0");
        }
        sc.setJobDescription("qtune sample: masses");
        List<double[]> parts = chunks.mapPartitionsWithIndex(
                new ChunkFunctions.ZContributions(numQubits, layout.flipMask()), true).collect();
        double[] mass = new double[partitions];
        for (int p = 0; p < partitions; p++) {
            mass[p] = parts.get(p)[numQubits];
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        // streamed: the driver's memory does not grow with the shots
        int[] counts = Measurements.sampleCounts(mass, shots, rnd);
        long[] seeds = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            seeds[p] = rnd.nextLong();
        }
        sc.setJobDescription("qtune sample: " + shots + " shots");
        java.util.TreeMap<Long, Integer> out = new java.util.TreeMap<>();
        for (long[] e : chunks.mapPartitionsWithIndex(new ChunkFunctions.SampleChunk(layout, counts, seeds), true)
                .collect()) {
            out.merge(e[0], (int) e[1], Integer::sum);
        }
        return out;
    }

    /** The whole state on the driver, in logical qubit order (for tests and small states). */
    public StateVector collect() {
        if (numQubits > 26) {
            throw new IllegalStateException("refusing to collect a " + numQubits + "-qubit state to the driver");
        }
        List<Tuple2<Integer, Chunk>> parts = chunks.mapPartitionsWithIndex(new ChunkFunctions.Tag(), true).collect();
        int local = layout.localQubits();
        double[] re = new double[1 << numQubits], im = new double[1 << numQubits];
        // physical index -> logical index
        for (Tuple2<Integer, Chunk> t : parts) {
            int chunk = t._1() ^ layout.flipMask();
            Chunk c = t._2();
            for (int o = 0; o < c.length(); o++) {
                long phys = ((long) chunk << local) | o;
                int logical = 0;
                for (int q = 0; q < numQubits; q++) {
                    logical |= (int) ((phys >>> layout.physical(q)) & 1) << q;
                }
                re[logical] = c.re()[o];
                im[logical] = c.im()[o];
            }
        }
        return StateVector.of(re, im);
    }

    /** Unpersists the data and destroys the broadcasts; the object is unusable afterwards. */
    @Override
    public void close() {
        chunks.unpersist(false);
        for (Broadcast<GateList> b : broadcasts) {
            b.destroy();
        }
        broadcasts.clear();
    }
}
