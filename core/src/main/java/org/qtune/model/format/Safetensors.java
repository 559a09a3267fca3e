package org.qtune.model.format;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qtune.io.AtomicFiles;

/**
 * Hugging Face's safetensors format: an unsigned 64-bit little-endian header length N, N bytes of
 * UTF-8 JSON ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...,
 * "__metadata__": {"k": "v"}}}), then the tensors' little-endian bytes. {@link #open} checks the
 * whole header before any data is read: the length (at most {@link #MAX_HEADER_BYTES}, inside the
 * file), the JSON (an object; no duplicate names; each entry exactly those three fields; a known
 * dtype; whole non-negative dimensions whose product does not overflow; offsets that hold exactly
 * shape x dtype bytes) and that the tensors tile the data section from its first byte to the file's
 * end with no gap and no overlap. Any failure is one IOException naming the file and the tensor.
 * Data is read per tensor through positional reads, so files above 2 GiB work.
 */
public final class Safetensors {
    /** The largest header read (the format's reference implementation refuses larger ones too). */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Safetensors() {
    }

    /** One tensor's entry: dtype, shape and its byte range within the data section. */
    public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
        /** Number of elements (the product of the shape; 1 for a scalar). */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                    && begin == t.begin && end == t.end;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + " " + dtype + Arrays.toString(shape);
        }
    }

    /** A float32 tensor to write: its shape and its elements in row-major order. */
    public record FloatTensor(long[] shape, float[] data) {
        public FloatTensor {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                }
                n = Math.multiplyExact(n, d);
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, not "
                        + data.length);
            }
        }
    }

    /** An open safetensors file whose header has been checked. Close it to release the file. */
    public static final class File implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final long dataStart;
        private final Map<String, TensorInfo> tensors;
        private final Map<String, String> metadata;

        private File(Path path, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                     Map<String, String> metadata) {
            this.path = path;
            this.channel = channel;
            this.dataStart = dataStart;
            this.tensors = tensors;
            this.metadata = metadata;
        }

        /** Every tensor, in the header's order. */
        public Map<String, TensorInfo> tensors() {
            return tensors;
        }

        /** The header's {@code __metadata__} (empty when absent). */
        public Map<String, String> metadata() {
            return metadata;
        }

        /** The entry of {@code name}; a missing name is an IllegalArgumentException naming the file. */
        public TensorInfo info(String name) {
            TensorInfo t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException(path + ": no tensor '" + name + "'");
            }
            return t;
        }

        /** The raw little-endian bytes of a tensor. */
        public byte[] bytes(String name) throws IOException {
            TensorInfo t = info(name);
            long length = t.end() - t.begin();
            if (length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(path + ": tensor '" + name + "' has " + length
                        + " bytes, more than one Java array holds");
            }
            ByteBuffer b = ByteBuffer.allocate((int) length);
            long at = dataStart + t.begin();
            while (b.hasRemaining()) {
                int r = channel.read(b, at + b.position());
                if (r < 0) {
                    throw new IOException(path + ": tensor '" + name + "': the file ended early (was it changed?)");
                }
            }
            return b.array();
        }

        /** A float tensor (F32, F16 or BF16) as float32, row-major. */
        public float[] floats(String name) throws IOException {
            TensorInfo t = info(name);
            if (t.dtype() != DType.F32 && t.dtype() != DType.F16 && t.dtype() != DType.BF16) {
                throw new IllegalArgumentException(path + ": tensor '" + name + "' is " + t.dtype()
                        + ", not a float tensor (F32, F16, BF16)");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[(int) t.elements()];
            switch (t.dtype()) {
                case F32 -> b.asFloatBuffer().get(out);
                case F16 -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = DType.halfToFloat(b.getShort());
                    }
                }
                default -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = DType.bfloat16ToFloat(b.getShort());
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Opens a file and checks its header (see the class comment). */
    public static File open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(path + ": not a safetensors file: " + size + " bytes, less than the 8-byte header length");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, path);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER_BYTES) {
                throw new IOException(path + ": not a safetensors file: header length " + Long.toUnsignedString(n)
                        + " is outside 2.." + MAX_HEADER_BYTES);
            }
            if (8 + n > size) {
                throw new IOException(path + ": header length " + n + " runs past the end of the " + size + "-byte file");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8, path);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(header.flip()).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(path + ": the header is not valid UTF-8");
            }
            File f = parse(path, ch, text, 8 + n, size - 8 - n);
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static File parse(Path path, FileChannel ch, String text, long dataStart, long dataLength) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonParseException e) {
            throw new IOException(path + ": the header is not valid JSON: " + e.getOriginalMessage().replace('\n', ' '));
        }
        if (root == null || !root.isObject()) {
            throw new IOException(path + ": the header is not a JSON object");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals(METADATA)) {
                if (!e.getValue().isObject()) {
                    throw new IOException(path + ": __metadata__ is not an object");
                }
                for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) {
                        throw new IOException(path + ": __metadata__ value of '" + kv.getKey() + "' is not a string");
                    }
                    metadata.put(kv.getKey(), kv.getValue().asText());
                }
                continue;
            }
            tensors.put(name, entry(path, name, e.getValue()));
        }
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        for (TensorInfo t : byOffset) {
            if (t.begin() != expected) {
                throw new IOException(path + ": tensor '" + t.name() + "' starts at byte " + t.begin() + " of the data, not at "
                        + expected + (t.begin() < expected ? " (it overlaps the tensor before it)" : " (a gap before it)"));
            }
            expected = t.end();
        }
        if (expected != dataLength) {
            throw new IOException(path + ": the tensors cover " + expected + " bytes of data but the file holds " + dataLength
                    + (expected > dataLength ? " (it is truncated)" : " (bytes no tensor owns)"));
        }
        return new File(path, ch, dataStart, Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo entry(Path path, String name, JsonNode v) throws IOException {
        String where = path + ": tensor '" + name + "'";
        if (!v.isObject()) {
            throw new IOException(where + ": its entry is not an object");
        }
        for (Iterator<String> f = v.fieldNames(); f.hasNext(); ) {
            String field = f.next();
            if (!field.equals("dtype") && !field.equals("shape") && !field.equals("data_offsets")) {
                throw new IOException(where + ": unknown field '" + field + "'");
            }
        }
        JsonNode d = v.get("dtype"), s = v.get("shape"), o = v.get("data_offsets");
        if (d == null || !d.isTextual() || DType.of(d.asText()) == null) {
            throw new IOException(where + ": dtype " + d + " is not one of " + Arrays.toString(DType.values()));
        }
        DType dtype = DType.of(d.asText());
        if (s == null || !s.isArray()) {
            throw new IOException(where + ": shape is missing or not a list");
        }
        long[] shape = new long[s.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode x = s.get(i);
            if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
                throw new IOException(where + ": dimension " + i + " (" + x + ") is not a whole number >= 0");
            }
            shape[i] = x.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw new IOException(where + ": shape " + s + " has more elements than a long counts");
            }
        }
        if (o == null || !o.isArray() || o.size() != 2 || !o.get(0).isIntegralNumber() || !o.get(1).isIntegralNumber()
                || !o.get(0).canConvertToLong() || !o.get(1).canConvertToLong()) {
            throw new IOException(where + ": data_offsets is not a list of two whole numbers");
        }
        long begin = o.get(0).asLong(), end = o.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end + "] are not 0 <= begin <= end");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(elements, dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IOException(where + ": shape " + s + " holds more bytes than a long counts");
        }
        if (end - begin != bytes) {
            throw new IOException(where + ": data_offsets [" + begin + ", " + end + "] hold " + (end - begin) + " bytes but "
                    + dtype + " " + s + " needs " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at, Path path) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException(path + ": the file ended early");
            }
        }
    }

    /**
     * Writes tensors as F32 or BF16 (rounded to nearest even), names in sorted order, the header padded
     * with spaces to a multiple of 8 bytes as the reference implementation does; atomically (the file
     * appears whole or not at all). Builds the file in memory: meant for adapters and small models.
     */
    public static void write(Path path, Map<String, FloatTensor> tensors, Map<String, String> metadata, DType storeAs)
            throws IOException {
        if (storeAs != DType.F32 && storeAs != DType.BF16) {
            throw new IllegalArgumentException("tensors are written as F32 or BF16, not " + storeAs);
        }
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject(METADATA);
            new TreeMap<>(metadata).forEach(m::put);
        }
        long offset = 0;
        Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
        for (Map.Entry<String, FloatTensor> e : sorted.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA);
            }
            long bytes = (long) e.getValue().data().length * storeAs.bytes();
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", storeAs.name());
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the tensors need " + total + " bytes, more than this writer holds in memory");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (FloatTensor t : sorted.values()) {
            for (float v : t.data()) {
                if (storeAs == DType.F32) {
                    out.putFloat(v);
                } else {
                    out.putShort(DType.floatToBfloat16(v));
                }
            }
        }
        AtomicFiles.write(path, out.array());
    }
}
