package org.qtune.model.format;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of an exported transformer in an ONNX file, under their Hugging Face names. Reads the
 * protobuf wire format with protobuf-java's {@link CodedInputStream} and only the fields needed, so
 * no copy of onnx.proto is compiled in: ModelProto.graph (7) -> GraphProto.node (1) and
 * .initializer (5); NodeProto.input (1), .name (3), .op_type (4); TensorProto.dims (1),
 * .data_type (2), .float_data (4), .name (8), .raw_data (9). Float initializers keep their names,
 * except the matrices the exporter left anonymous ({@code onnx::MatMul_787}): those are named after
 * the MatMul node that consumes them ({@code /encoder/layer.0/attention/self/query/MatMul} ->
 * {@code encoder.layer.0.attention.self.query.weight}) and, like every ONNX MatMul weight, are
 * stored [in, out], the transpose of PyTorch's Linear weight.
 */
public final class OnnxInitializers {
    /** ONNX TensorProto.DataType FLOAT. */
    private static final int FLOAT = 1;

    private OnnxInitializers() {
    }

    /** One float initializer: its shape as stored and its elements in row-major order. */
    public record Tensor(long[] shape, float[] data) {
    }

    private record Raw(String name, long[] dims, int dataType, byte[] raw, float[] floats) {
    }

    private record Node(String name, String opType, List<String> inputs) {
    }

    /** Every float initializer by (Hugging Face) name; malformed input is an IOException naming {@code source}. */
    public static Map<String, Tensor> read(InputStream in, String source) throws IOException {
        CodedInputStream model = CodedInputStream.newInstance(in);
        model.setSizeLimit(Integer.MAX_VALUE);
        List<Raw> inits = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        try {
            while (true) {
                int tag = model.readTag();
                if (tag == 0) {
                    break;
                }
                if (WireFormat.getTagFieldNumber(tag) == 7 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = model.pushLimit(model.readRawVarint32());
                    graph(model, inits, nodes);
                    model.popLimit(limit);
                } else {
                    model.skipField(tag);
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(source + ": not a valid ONNX (protobuf) file: " + e.getMessage());
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.opType().equals("MatMul") && n.inputs().size() == 2 && n.inputs().get(1).startsWith("onnx::")
                    && n.name().endsWith("/MatMul")) {
                String path = n.name().substring(1, n.name().length() - "/MatMul".length()).replace('/', '.');
                renamed.put(n.inputs().get(1), path + ".weight");
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Raw r : inits) {
            if (r.dataType() != FLOAT) {
                continue;
            }
            long elements = 1;
            for (long d : r.dims()) {
                elements = Math.multiplyExact(elements, d);
            }
            float[] data;
            if (r.raw() != null) {
                if (r.raw().length != elements * 4) {
                    throw new IOException(source + ": initializer '" + r.name() + "' holds " + r.raw().length
                            + " bytes for " + elements + " floats");
                }
                data = new float[(int) elements];
                ByteBuffer.wrap(r.raw()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            } else {
                data = r.floats() == null ? new float[0] : r.floats();
                if (data.length != elements) {
                    throw new IOException(source + ": initializer '" + r.name() + "' holds " + data.length
                            + " floats for shape " + java.util.Arrays.toString(r.dims()));
                }
            }
            out.put(renamed.getOrDefault(r.name(), r.name()), new Tensor(r.dims(), data));
        }
        return out;
    }

    private static void graph(CodedInputStream in, List<Raw> inits, List<Node> nodes) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if ((field == 1 || field == 5) && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                if (field == 1) {
                    nodes.add(node(in));
                } else {
                    inits.add(tensor(in));
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
    }

    private static Node node(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        String name = "", op = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> op = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, op, inputs);
    }

    private static Raw tensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floats = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag), wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(limit);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case 2 -> dataType = in.readInt32();
                case 4 -> {
                    floats = floats == null ? new ArrayList<>() : floats;
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            floats.add(in.readFloat());
                        }
                        in.popLimit(limit);
                    } else {
                        floats.add(in.readFloat());
                    }
                }
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readByteArray();
                default -> in.skipField(tag);
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        float[] f = null;
        if (floats != null) {
            f = new float[floats.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = floats.get(i);
            }
        }
        return new Raw(name, d, dataType, raw, f);
    }
}
