package org.qtune.model.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors against files the reference implementation wrote (fixtures/safetensors, made by
 * make_fixtures.py beside them, with the values numpy converts them to), round trips, and every kind
 * of malformed header refused with the file and tensor named.
 */
class SafetensorsTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/safetensors");

    @TempDir
    Path dir;

    @Test
    void readsTheReferenceImplementationsFileWithNumpysValuesForF32F16AndBf16() throws IOException {
        JsonNode expected = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(FIXTURES.resolve("reference.json").toFile());
        try (Safetensors.File f = Safetensors.open(FIXTURES.resolve("reference.safetensors"))) {
            assertEquals(Map.of("format", "pt", "made_by", "make_fixtures.py"), f.metadata());
            assertEquals(6, f.tensors().size());
            for (String name : new String[] {"model.layers.0.self_attn.q_proj.weight", "half", "bf16", "scalar", "empty"}) {
                JsonNode e = expected.get(name);
                Safetensors.TensorInfo info = f.info(name);
                long[] shape = new long[e.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.get("shape").get(i).asLong();
                }
                assertArrayEquals(shape, info.shape(), name);
                float[] values = f.floats(name);
                assertEquals(e.get("values").size(), values.length, name);
                for (int i = 0; i < values.length; i++) {
                    float want = (float) e.get("values").get(i).asDouble();
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(values[i]), name + "[" + i + "]: " + want
                            + " vs " + values[i]);
                }
            }
            assertEquals(DType.I64, f.info("ids").dtype());
            ByteBuffer ids = ByteBuffer.wrap(f.bytes("ids")).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1, ids.getLong());
            assertEquals(-2, ids.getLong());
            var e = assertThrows(IllegalArgumentException.class, () -> f.floats("ids"));
            assertTrue(e.getMessage().contains("'ids' is I64, not a float tensor"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> f.floats("nope"));
            assertTrue(e.getMessage().endsWith("reference.safetensors: no tensor 'nope'"), e.getMessage());
        }
    }

    @Test
    void writtenTensorsReadBackAsF32BitForBitAndAsBf16RoundedToNearestEven() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        Map<String, Safetensors.FloatTensor> t = new LinkedHashMap<>();
        float[] a = new float[6 * 5];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        t.put("lora_B.weight", new Safetensors.FloatTensor(new long[] {6, 5}, a));
        t.put("lora_A.weight", new Safetensors.FloatTensor(new long[] {5}, new float[] {1, -0f, Float.MIN_VALUE, 3e38f, 1.00390625f}));
        Path p = dir.resolve("a.safetensors");
        Safetensors.write(p, t, Map.of("peft", "lora"), DType.F32);
        assertEquals(0, (Files.size(p) - 8 - t.values().stream().mapToLong(x -> 4L * x.data().length).sum()) % 8,
                "the header is padded to 8 bytes");
        try (Safetensors.File f = Safetensors.open(p)) {
            assertArrayEquals(a, f.floats("lora_B.weight"));
            assertEquals(Map.of("peft", "lora"), f.metadata());
        }
        Path q = dir.resolve("b.safetensors");
        Safetensors.write(q, t, Map.of(), DType.BF16);
        try (Safetensors.File f = Safetensors.open(q)) {
            float[] back = f.floats("lora_A.weight");
            assertEquals(1f, back[0]);
            assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(back[1]));
            // 1 + 2^-8 lies halfway between two bfloat16 values: ties go to the even one, 1.0
            assertEquals(1f, back[4]);
            float[] b = f.floats("lora_B.weight");
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], Math.abs(a[i]) * 0x1p-8f, "bf16 keeps 8 bits");
            }
        }
    }

    @Test
    void halfAndBfloat16ConversionsMatchTheirDefinitionOnEveryBitPattern() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int e = (bits >>> 10) & 0x1f, m = bits & 0x3ff;
            double want = e == 0 ? m * Math.pow(2, -24) : e == 31 ? (m == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : (1 + m / 1024.0) * Math.pow(2, e - 15);
            want = (bits & 0x8000) != 0 ? -want : want;
            float got = DType.halfToFloat((short) bits);
            if (Double.isNaN(want)) {
                assertTrue(Float.isNaN(got));
            } else {
                assertEquals((float) want, got, 0f, "half bits " + Integer.toHexString(bits));
                assertEquals(Math.copySign(1.0, want), Math.copySign(1.0, got));
            }
            float bf = DType.bfloat16ToFloat((short) bits);
            assertEquals(bits, Float.isNaN(bf) ? bits : DType.floatToBfloat16(bf) & 0xffff, "bf16 round trip");
        }
    }

    @Test
    void malformedFilesAreRefusedNamingTheFileAndTheTensor() throws IOException {
        String ok = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        Object[][] cases = {
            {bytes(3), "less than the 8-byte header length"},
            {file(1L << 40, "{}", 0), "header length 1099511627776 is outside"},
            {file(500, ok, 8), "runs past the end"},
            {file(-1, "{\"w\":", 8), "not valid JSON"},
            {file(-1, "[1,2]", 0), "not a JSON object"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[2],"
                    + "\"data_offsets\":[8,16]}}", 16), "not valid JSON: Duplicate field 'w'"},
            {file(-1, "{\"w\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "tensor 'w': dtype \"F33\""},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "tensor 'w': dimension 0"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8), "tensor 'w': dimension 0"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,8]}}", 8),
                "more elements than a long counts"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "hold 8 bytes but F32 [3] needs 12"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "are not 0 <= begin <= end"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "data_offsets is not a list of two"},
            {file(-1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "unknown field 'x'"},
            {file(-1, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],"
                    + "\"data_offsets\":[4,12]}}", 12), "tensor 'b' starts at byte 4 of the data, not at 8 (it overlaps"},
            {file(-1, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "a gap before it"},
            {file(-1, ok, 4), "(it is truncated)"},
            {file(-1, ok, 12), "(bytes no tensor owns)"},
            {file(-1, "{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value of 'k' is not a string"},
        };
        for (Object[] c : cases) {
            Path p = dir.resolve("bad.safetensors");
            Files.write(p, (byte[]) c[0]);
            IOException e = assertThrows(IOException.class, () -> Safetensors.open(p).close(), (String) c[1]);
            assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
            assertTrue(e.getMessage().contains((String) c[1]), c[1] + " -> " + e.getMessage());
            assertEquals(1, e.getMessage().split("\n").length);
        }
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, utf8Broken());
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(p).close());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    private static byte[] bytes(int n) {
        return new byte[n];
    }

    /** An 8-byte length (the header's own when {@code length} < 0), the header, then {@code data} bytes. */
    private static byte[] file(long length, String header, int data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(length < 0 ? h.length : length).put(h);
        return b.array();
    }

    private static byte[] utf8Broken() {
        byte[] h = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};
        ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }
}
