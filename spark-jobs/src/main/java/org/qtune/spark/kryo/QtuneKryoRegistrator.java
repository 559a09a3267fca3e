package org.qtune.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.qtune.circuit.Gate;
import org.qtune.sim.AdjointTape;
import org.qtune.sim.BoundGate;
import org.qtune.spark.data.TextBlock;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.statevector.AdjointPair;
import org.qtune.spark.statevector.Chunk;
import org.qtune.spark.statevector.GateList;
import org.qtune.spark.statevector.Piece;

/**
 * Registers every qtune class that Spark moves between JVMs, each with a serializer that writes its
 * primitive arrays in bulk (no per-element objects, no compression: amplitudes do not compress).
 * Use with {@code spark.kryo.registrator=org.qtune.spark.kryo.QtuneKryoRegistrator} and
 * {@code spark.kryo.registrationRequired=true}.
 */
public final class QtuneKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(double[].class);
        kryo.register(int[].class);
        kryo.register(double[][].class);
        kryo.register(long[].class);
        kryo.register(Chunk.class, new ChunkSerializer());
        kryo.register(Piece.class, new PieceSerializer());
        kryo.register(GateList.class, new GateListSerializer());
        kryo.register(AdjointPair.class, new AdjointPairSerializer());
        kryo.register(AdjointTape.class, new AdjointTapeSerializer());
        kryo.register(org.qtune.spark.exec.CircuitSpec.class, new org.qtune.spark.exec.CircuitSpec.KryoSerializer());
        kryo.register(org.qtune.spark.batch.BatchEvaluator.Row.class, new RowSerializer());
        kryo.register(org.qtune.spark.data.Example.class, new ExampleSerializer());
        kryo.register(TextBlock.class, new TextBlockSerializer());
        kryo.register(TokenBlock.class, new TokenBlockSerializer());
        // the blocks of a data-parallel run, broadcast once (DataParallelSteps.spread)
        kryo.register(TextBlock[].class);
        kryo.register(TokenBlock[].class);
        kryo.register(org.qtune.spark.train.BlockResult.class, new BlockResultSerializer());
    }

    /** BlockResult: the header's doubles, then the gradient's floats (or -1 for none). */
    static final class BlockResultSerializer extends Serializer<org.qtune.spark.train.BlockResult> {
        @Override
        public void write(Kryo kryo, Output out, org.qtune.spark.train.BlockResult r) {
            writeArray(out, r.header());
            float[] g = r.gradient();
            out.writeInt(g == null ? -1 : g.length);
            if (g != null) {
                out.writeFloats(g);
            }
        }

        @Override
        public org.qtune.spark.train.BlockResult read(Kryo kryo, Input in, Class<org.qtune.spark.train.BlockResult> t) {
            double[] header = readArray(in);
            int n = in.readInt();
            return new org.qtune.spark.train.BlockResult(header, n < 0 ? null : in.readFloats(n));
        }
    }

    /** Strings with null kept (a classifier's block has no answers). */
    static void writeStrings(Output out, String[] a) {
        out.writeInt(a.length, true);
        for (String s : a) {
            out.writeString(s);
        }
    }

    static String[] readStrings(Input in) {
        String[] a = new String[in.readInt(true)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readString();
        }
        return a;
    }

    static void writeInts(Output out, int[] a) {
        out.writeInt(a.length, true);
        out.writeInts(a, false);
    }

    static int[] readInts(Input in) {
        int n = in.readInt(true);
        return in.readInts(n, false);
    }

    /** TextBlock: index, then ids, texts or prompts, answers, labels. */
    static final class TextBlockSerializer extends Serializer<TextBlock> {
        @Override
        public void write(Kryo kryo, Output out, TextBlock b) {
            out.writeInt(b.index());
            writeStrings(out, b.ids());
            writeStrings(out, b.first());
            writeStrings(out, b.second());
            writeInts(out, b.labels());
        }

        @Override
        public TextBlock read(Kryo kryo, Input in, Class<TextBlock> type) {
            return new TextBlock(in.readInt(), readStrings(in), readStrings(in), readStrings(in), readInts(in));
        }
    }

    /** TokenBlock: index, error (or null), then per example its ids, and the labels, answer starts, answers. */
    static final class TokenBlockSerializer extends Serializer<TokenBlock> {
        @Override
        public void write(Kryo kryo, Output out, TokenBlock b) {
            out.writeInt(b.index());
            out.writeString(b.error());
            out.writeInt(b.ids().length, true);
            for (int[] ids : b.ids()) {
                writeInts(out, ids);
            }
            writeInts(out, b.labels());
            writeInts(out, b.answerStarts());
            writeStrings(out, b.answers());
        }

        @Override
        public TokenBlock read(Kryo kryo, Input in, Class<TokenBlock> type) {
            int index = in.readInt();
            String error = in.readString();
            int[][] ids = new int[in.readInt(true)][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = readInts(in);
            }
            return new TokenBlock(index, ids, readInts(in), readInts(in), readStrings(in), error);
        }
    }

    static void writeArray(Output out, double[] a) {
        out.writeInt(a.length, true);
        out.writeDoubles(a);
    }

    static double[] readArray(Input in) {
        int n = in.readInt(true);
        return in.readDoubles(n);
    }

    /** Chunk: two double arrays. */
    static final class ChunkSerializer extends Serializer<Chunk> {
        @Override
        public void write(Kryo kryo, Output out, Chunk c) {
            writeArray(out, c.re());
            writeArray(out, c.im());
        }

        @Override
        public Chunk read(Kryo kryo, Input in, Class<Chunk> type) {
            return new Chunk(readArray(in), readArray(in));
        }
    }

    /** Piece: source chunk, offset, two double arrays. */
    static final class PieceSerializer extends Serializer<Piece> {
        @Override
        public void write(Kryo kryo, Output out, Piece p) {
            out.writeInt(p.sourceChunk(), true);
            out.writeInt(p.offset(), true);
            writeArray(out, p.re());
            writeArray(out, p.im());
        }

        @Override
        public Piece read(Kryo kryo, Input in, Class<Piece> type) {
            int src = in.readInt(true), off = in.readInt(true);
            return new Piece(src, off, readArray(in), readArray(in));
        }
    }

    /** GateList: per gate its enum ordinal (-1 for a bare matrix), qubits and matrix. */
    static final class GateListSerializer extends Serializer<GateList> {
        @Override
        public void write(Kryo kryo, Output out, GateList list) {
            out.writeInt(list.gates().size(), true);
            for (BoundGate g : list.gates()) {
                out.writeInt(g.gate() == null ? -1 : g.gate().ordinal());
                int[] q = g.qubits();
                out.writeInt(q.length, true);
                out.writeInts(q);
                writeArray(out, g.matrix());
            }
        }

        @Override
        public GateList read(Kryo kryo, Input in, Class<GateList> type) {
            int n = in.readInt(true);
            List<BoundGate> gates = new ArrayList<>(n);
            Gate[] all = Gate.values();
            for (int i = 0; i < n; i++) {
                int ord = in.readInt();
                int[] q = in.readInts(in.readInt(true));
                gates.add(new BoundGate(ord < 0 ? null : all[ord], q, readArray(in)));
            }
            return new GateList(gates);
        }
    }

    /**
     * AdjointTape: the parameter count, then per entry the inverse (enum ordinal or -1, qubits, matrix)
     * and its terms (parameter, coefficient, derivative matrix on the inverse's qubits).
     */
    static final class AdjointTapeSerializer extends Serializer<AdjointTape> {
        @Override
        public void write(Kryo kryo, Output out, AdjointTape tape) {
            out.writeInt(tape.numParameters(), true);
            out.writeInt(tape.size(), true);
            for (AdjointTape.Entry e : tape.entries()) {
                BoundGate g = e.inverse();
                out.writeInt(g.gate() == null ? -1 : g.gate().ordinal());
                int[] q = g.qubits();
                out.writeInt(q.length, true);
                out.writeInts(q);
                writeArray(out, g.matrix());
                out.writeInt(e.terms().size(), true);
                for (AdjointTape.Term t : e.terms()) {
                    out.writeInt(t.parameter(), true);
                    out.writeDouble(t.coefficient());
                    writeArray(out, t.derivative().matrix());
                }
            }
        }

        @Override
        public AdjointTape read(Kryo kryo, Input in, Class<AdjointTape> type) {
            int params = in.readInt(true), size = in.readInt(true);
            Gate[] all = Gate.values();
            List<AdjointTape.Entry> entries = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                int ord = in.readInt();
                int[] q = in.readInts(in.readInt(true));
                BoundGate inverse = new BoundGate(ord < 0 ? null : all[ord], q, readArray(in));
                int terms = in.readInt(true);
                List<AdjointTape.Term> ts = new ArrayList<>(terms);
                for (int t = 0; t < terms; t++) {
                    int p = in.readInt(true);
                    double c = in.readDouble();
                    ts.add(new AdjointTape.Term(p, c, new BoundGate(null, q, readArray(in))));
                }
                entries.add(new AdjointTape.Entry(inverse, ts));
            }
            return new AdjointTape(params, entries);
        }
    }

    /** AdjointPair: two chunks and the partial gradient. */
    static final class AdjointPairSerializer extends Serializer<AdjointPair> {
        private final ChunkSerializer chunks = new ChunkSerializer();

        @Override
        public void write(Kryo kryo, Output out, AdjointPair a) {
            chunks.write(kryo, out, a.psi());
            chunks.write(kryo, out, a.lambda());
            writeArray(out, a.partial());
        }

        @Override
        public AdjointPair read(Kryo kryo, Input in, Class<AdjointPair> type) {
            Chunk psi = chunks.read(kryo, in, Chunk.class), lambda = chunks.read(kryo, in, Chunk.class);
            return new AdjointPair(psi, lambda, readArray(in));
        }
    }

    /** Row: index, parameter vector and shot seed. */
    static final class RowSerializer extends Serializer<org.qtune.spark.batch.BatchEvaluator.Row> {
        @Override
        public void write(Kryo kryo, Output out, org.qtune.spark.batch.BatchEvaluator.Row r) {
            out.writeInt(r.index(), true);
            writeArray(out, r.theta());
            out.writeLong(r.seed());
        }

        @Override
        public org.qtune.spark.batch.BatchEvaluator.Row read(Kryo kryo, Input in,
                                                              Class<org.qtune.spark.batch.BatchEvaluator.Row> type) {
            int index = in.readInt(true);
            double[] theta = readArray(in);
            return new org.qtune.spark.batch.BatchEvaluator.Row(index, theta, in.readLong());
        }
    }

    /** Example: features and target. */
    static final class ExampleSerializer extends Serializer<org.qtune.spark.data.Example> {
        @Override
        public void write(Kryo kryo, Output out, org.qtune.spark.data.Example e) {
            writeArray(out, e.featuresView());
            out.writeDouble(e.target());
        }

        @Override
        public org.qtune.spark.data.Example read(Kryo kryo, Input in, Class<org.qtune.spark.data.Example> type) {
            double[] x = readArray(in);
            return new org.qtune.spark.data.Example(x, in.readDouble());
        }
    }
}
