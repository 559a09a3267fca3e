package org.qtune.spark.statevector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.qtune.sim.ChunkMeasurements;
import org.qtune.sim.CompiledGates;
import org.qtune.sim.Measurements;
import org.qtune.sim.Simulator;
import org.qtune.sim.StateVector;
import org.qtune.spark.exec.ExecutorSide;
import scala.Tuple2;

/**
 * The per-partition functions of the distributed state vector. Each is a small static class holding
 * only what it needs (never the driver's objects), so a task stays small; all arithmetic is the core
 * simulator's.
 */
final class ChunkFunctions {
    private ChunkFunctions() {
    }

    /** Creates the chunk of a basis state: all zero but one amplitude in one partition. */
    static final class CreateBasis implements Function2<Integer, Iterator<Integer>, Iterator<Chunk>> {
        private static final long serialVersionUID = 1L;
        private final int localQubits;
        private final int partition;
        private final int offset;

        CreateBasis(int localQubits, int partition, int offset) {
            this.localQubits = localQubits;
            this.partition = partition;
            this.offset = offset;
        }

        @Override
        public Iterator<Chunk> call(Integer p, Iterator<Integer> ignored) {
            double[] re = new double[1 << localQubits], im = new double[1 << localQubits];
            if (p == partition) {
                re[offset] = 1;
            }
            return Collections.singletonList(new Chunk(re, im)).iterator();
        }
    }

    /**
     * Runs one epoch's gates on each chunk (on a copy: cached parents must stay intact), compiled once
     * per executor for every chunk it holds.
     */
    static final class ApplyEpoch implements Function2<Integer, Iterator<Chunk>, Iterator<Chunk>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<GateList> gates;
        private final String key;
        private final int numQubits;
        private final int flipMask;

        ApplyEpoch(Broadcast<GateList> gates, int numQubits, int flipMask) {
            this.gates = gates;
            this.key = ExecutorSide.key(gates);
            this.numQubits = numQubits;
            this.flipMask = flipMask;
        }

        @Override
        public Iterator<Chunk> call(Integer p, Iterator<Chunk> chunks) {
            List<Chunk> out = new ArrayList<>(1);
            Simulator sim = ExecutorSide.simulator();
            while (chunks.hasNext()) {
                Chunk c = chunks.next();
                int local = Integer.numberOfTrailingZeros(c.length());
                CompiledGates compiled = ExecutorSide.cached(key + "/chunks of 2^" + local,
                        () -> sim.compileForChunks(gates.value().gates(), local, numQubits, false));
                double[] re = c.re().clone(), im = c.im().clone();
                sim.applyToChunk(compiled, re, im, p ^ flipMask);
                out.add(new Chunk(re, im));
            }
            return out.iterator();
        }
    }

    /** Geometry of one remap, shared by the sending and the receiving side. */
    static final class RemapPlan implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final int localQubits;
        /** Chunk-index bits (global position - L) and local positions exchanged, pairwise. */
        final int[] chunkBits;
        final int[] localBits;
        final int localMask;
        final int oldFlip;
        final int newFlip;
        final int maxPiece;

        RemapPlan(int localQubits, int[] globals, int[] locals, int oldFlip, int newFlip, int maxPiece) {
            this.localQubits = localQubits;
            this.chunkBits = new int[globals.length];
            int m = 0;
            for (int j = 0; j < globals.length; j++) {
                chunkBits[j] = globals[j] - localQubits;
                m |= 1 << locals[j];
            }
            this.localBits = locals.clone();
            this.localMask = m;
            this.oldFlip = oldFlip;
            this.newFlip = newFlip;
            this.maxPiece = maxPiece;
        }

        int k() {
            return chunkBits.length;
        }

        /** Bits chunkBits[j] of c gathered into bit j. */
        int gatherChunkBits(int c) {
            int v = 0;
            for (int j = 0; j < chunkBits.length; j++) {
                v |= ((c >>> chunkBits[j]) & 1) << j;
            }
            return v;
        }

        int depositChunkBits(int c, int v) {
            for (int j = 0; j < chunkBits.length; j++) {
                c = (c & ~(1 << chunkBits[j])) | (((v >>> j) & 1) << chunkBits[j]);
            }
            return c;
        }

        int depositLocalBits(int v) {
            int o = 0;
            for (int j = 0; j < localBits.length; j++) {
                o |= ((v >>> j) & 1) << localBits[j];
            }
            return o;
        }

        /** The local offsets with swapped bits equal to {@code bits}, in order; {@code count} of them from {@code start}. */
        int firstOffset(int start) {
            // the start-th value with the swapped bits clear: deposit start into the other positions
            int o = 0, bit = 0;
            for (int pos = 0; pos < localQubits; pos++) {
                if ((localMask >>> pos & 1) == 0) {
                    o |= ((start >>> bit) & 1) << pos;
                    bit++;
                }
            }
            return o;
        }

        /** The next offset after o among those with the swapped bits clear. */
        int nextOffset(int o) {
            return ((o | localMask) + 1) & ~localMask;
        }
    }

    /**
     * Sends each chunk's shares to their new chunks: share v (the amplitudes whose swapped local bits
     * are v) goes to the chunk whose swapped global bits become v. The one share that stays in its
     * partition is not emitted; {@link AssembleRemap} takes it from the old chunk.
     */
    static final class SplitForRemap implements Function2<Integer, Iterator<Chunk>, Iterator<Tuple2<Integer, Piece>>> {
        private static final long serialVersionUID = 1L;
        private final RemapPlan plan;
        private final org.apache.spark.util.LongAccumulator sentBytes;

        SplitForRemap(RemapPlan plan, org.apache.spark.util.LongAccumulator sentBytes) {
            this.plan = plan;
            this.sentBytes = sentBytes;
        }

        @Override
        public Iterator<Tuple2<Integer, Piece>> call(Integer p, Iterator<Chunk> chunks) {
            List<Tuple2<Integer, Piece>> out = new ArrayList<>();
            while (chunks.hasNext()) {
                Chunk chunk = chunks.next();
                int c = p ^ plan.oldFlip;
                int share = 1 << (plan.localQubits - plan.k());
                for (int v = 0; v < 1 << plan.k(); v++) {
                    int dest = plan.depositChunkBits(c, v) ^ plan.newFlip;
                    if (dest == p) {
                        continue;
                    }
                    int vBits = plan.depositLocalBits(v);
                    for (int start = 0; start < share; start += plan.maxPiece) {
                        int len = Math.min(plan.maxPiece, share - start);
                        double[] re = new double[len], im = new double[len];
                        int o = plan.firstOffset(start);
                        for (int r = 0; r < len; r++) {
                            re[r] = chunk.re()[o | vBits];
                            im[r] = chunk.im()[o | vBits];
                            o = plan.nextOffset(o);
                        }
                        Piece piece = new Piece(c, start, re, im);
                        sentBytes.add(piece.bytes());
                        out.add(new Tuple2<>(dest, piece));
                    }
                }
            }
            return out.iterator();
        }
    }

    /** Builds each new chunk from the share that stayed and the pieces that arrived. */
    static final class AssembleRemap implements FlatMapFunction2<Iterator<Chunk>, Iterator<Tuple2<Integer, Piece>>, Chunk> {
        private static final long serialVersionUID = 1L;
        private final RemapPlan plan;

        AssembleRemap(RemapPlan plan) {
            this.plan = plan;
        }

        @Override
        public Iterator<Chunk> call(Iterator<Chunk> old, Iterator<Tuple2<Integer, Piece>> arrived) {
            int p = TaskContext.getPartitionId();
            Chunk previous = old.next();
            int size = 1 << plan.localQubits;
            double[] re = new double[size], im = new double[size];
            int share = 1 << (plan.localQubits - plan.k());
            // the share of the old chunk in this partition that stays: its destination is p itself
            int oldChunk = p ^ plan.oldFlip;
            for (int v = 0; v < 1 << plan.k(); v++) {
                if ((plan.depositChunkBits(oldChunk, v) ^ plan.newFlip) != p) {
                    continue;
                }
                int src = plan.depositLocalBits(v), dst = plan.depositLocalBits(plan.gatherChunkBits(oldChunk));
                int o = plan.firstOffset(0);
                for (int r = 0; r < share; r++) {
                    re[o | dst] = previous.re()[o | src];
                    im[o | dst] = previous.im()[o | src];
                    o = plan.nextOffset(o);
                }
            }
            while (arrived.hasNext()) {
                Piece piece = arrived.next()._2();
                int dst = plan.depositLocalBits(plan.gatherChunkBits(piece.sourceChunk()));
                int o = plan.firstOffset(piece.offset());
                for (int r = 0; r < piece.re().length; r++) {
                    re[o | dst] = piece.re()[r];
                    im[o | dst] = piece.im()[r];
                    o = plan.nextOffset(o);
                }
            }
            return Collections.singletonList(new Chunk(re, im)).iterator();
        }
    }

    /**
     * Per partition: n+1 numbers, the chunk's contribution to {@code <Z>} of every physical position
     * (local ones from the chunk's own marginals, global ones from its total mass and its index bits)
     * and, last, its total probability.
     */
    static final class ZContributions implements Function2<Integer, Iterator<Chunk>, Iterator<double[]>> {
        private static final long serialVersionUID = 1L;
        private final int numQubits;
        private final int flipMask;

        ZContributions(int numQubits, int flipMask) {
            this.numQubits = numQubits;
            this.flipMask = flipMask;
        }

        @Override
        public Iterator<double[]> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            double[] out = new double[numQubits + 1];
            ChunkMeasurements.addZAll(c.re(), c.im(), p ^ flipMask, numQubits, out);
            return Collections.singletonList(out).iterator();
        }
    }

    /** Per partition: sum over the chunk of p_i * (-1)^popcount(physical index &amp; zMask). */
    static final class ZStringContribution implements Function2<Integer, Iterator<Chunk>, Iterator<Double>> {
        private static final long serialVersionUID = 1L;
        private final int flipMask;
        private final long zMask;

        ZStringContribution(int flipMask, long zMask) {
            this.flipMask = flipMask;
            this.zMask = zMask;
        }

        @Override
        public Iterator<Double> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            return Collections.singletonList(ChunkMeasurements.zString(c.re(), c.im(), p ^ flipMask, zMask)).iterator();
        }
    }

    /** Per partition: the chunk's (partition index, amplitudes) for collecting a small state. */
    static final class Tag implements Function2<Integer, Iterator<Chunk>, Iterator<Tuple2<Integer, Chunk>>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Tuple2<Integer, Chunk>> call(Integer p, Iterator<Chunk> chunks) {
            return Collections.singletonList(new Tuple2<>(p, chunks.next())).iterator();
        }
    }

    /**
     * Per partition: its {@code k} most probable basis states as (logical index, probability) pairs,
     * most probable first, ties by lower index.
     */
    static final class TopProbabilities implements Function2<Integer, Iterator<Chunk>, Iterator<double[]>> {
        private static final long serialVersionUID = 1L;
        private final QubitLayout layout;
        private final int k;

        TopProbabilities(QubitLayout layout, int k) {
            this.layout = layout;
            this.k = k;
        }

        @Override
        public Iterator<double[]> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            org.qtune.sim.TopProbabilities top = new org.qtune.sim.TopProbabilities(k);
            for (int o = 0; o < c.length(); o++) {
                top.add(logicalIndex(layout, p, o), c.re()[o] * c.re()[o] + c.im()[o] * c.im()[o]);
            }
            List<double[]> out = new ArrayList<>();
            for (org.qtune.sim.TopProbabilities.Outcome e : top.result()) {
                out.add(new double[] {e.index(), e.probability()});
            }
            return out.iterator();
        }
    }

    /** Maps a physical offset in a chunk to its logical basis index. */
    static long logicalIndex(QubitLayout layout, int partition, int offset) {
        long phys = ((long) (partition ^ layout.flipMask()) << layout.localQubits()) | offset, logical = 0;
        for (int q = 0; q < layout.numQubits(); q++) {
            logical |= ((phys >>> layout.physical(q)) & 1L) << q;
        }
        return logical;
    }

    /** Per partition: the marginal distribution of the given logical qubits over its chunk. */
    static final class Marginal implements Function2<Integer, Iterator<Chunk>, Iterator<double[]>> {
        private static final long serialVersionUID = 1L;
        private final QubitLayout layout;
        private final int[] qubits;

        Marginal(QubitLayout layout, int[] qubits) {
            this.layout = layout;
            this.qubits = qubits;
        }

        @Override
        public Iterator<double[]> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            int[] positions = new int[qubits.length];
            for (int j = 0; j < qubits.length; j++) {
                positions[j] = layout.physical(qubits[j]);
            }
            double[] m = new double[1 << qubits.length];
            ChunkMeasurements.addMarginal(c.re(), c.im(), p ^ layout.flipMask(), positions, m);
            return Collections.singletonList(m).iterator();
        }
    }

    /**
     * Per partition: {@code counts[p]} samples from its chunk's distribution (normalized within the
     * chunk), drawn with {@code seeds[p]}; returns (logical index, count) pairs.
     */
    static final class SampleChunk implements Function2<Integer, Iterator<Chunk>, Iterator<long[]>> {
        private static final long serialVersionUID = 1L;
        private final QubitLayout layout;
        private final int[] counts;
        private final long[] seeds;

        SampleChunk(QubitLayout layout, int[] counts, long[] seeds) {
            this.layout = layout;
            this.counts = counts;
            this.seeds = seeds;
        }

        @Override
        public Iterator<long[]> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            if (counts[p] == 0) {
                return Collections.emptyIterator();
            }
            java.util.TreeMap<Integer, Integer> drawn = Measurements.sample(StateVector.wrap(c.re(), c.im()), counts[p], seeds[p]);
            List<long[]> out = new ArrayList<>();
            drawn.forEach((o, n) -> out.add(new long[] {logicalIndex(layout, p, o), n}));
            return out.iterator();
        }
    }

    /** Per partition: (request number, probability) for each requested (partition, offset) it holds. */
    static final class PickAmplitudes implements Function2<Integer, Iterator<Chunk>, Iterator<double[]>> {
        private static final long serialVersionUID = 1L;
        private final int[] partitionOf;
        private final int[] offsetOf;

        PickAmplitudes(int[] partitionOf, int[] offsetOf) {
            this.partitionOf = partitionOf;
            this.offsetOf = offsetOf;
        }

        @Override
        public Iterator<double[]> call(Integer p, Iterator<Chunk> chunks) {
            Chunk c = chunks.next();
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < partitionOf.length; i++) {
                if (partitionOf[i] == p) {
                    int o = offsetOf[i];
                    out.add(new double[] {i, c.re()[o] * c.re()[o] + c.im()[o] * c.im()[o]});
                }
            }
            return out.iterator();
        }
    }
}
