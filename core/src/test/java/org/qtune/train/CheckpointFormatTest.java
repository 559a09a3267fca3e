package org.qtune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CheckpointFormatTest {
    static final RunFingerprint RUN = RunFingerprint.of("vqe h2.txt adam seed 3", Map.of("seed", 3));
    static final Checkpoint CHECKPOINT = new Checkpoint(3, RUN, new double[] {-0.5, Double.NaN, -1.125},
            new byte[] {1, 2, 3, 4, 5});

    @Test
    void aCheckpointReadsBackAsWritten() throws IOException {
        Checkpoint back = CheckpointFormat.decode(CheckpointFormat.encode(CHECKPOINT));
        assertEquals(CHECKPOINT, back);
        assertEquals(RUN.label(), back.run().label());
        assertArrayEquals(CHECKPOINT.history(), back.history(), 0.0);
        assertEquals(new Checkpoint(0, RUN, new double[0], new byte[0]),
                CheckpointFormat.decode(CheckpointFormat.encode(new Checkpoint(0, RUN, new double[0], new byte[0]))));
    }

    @Test
    void everyTruncationAndEveryFlippedBitIsDetected() {
        byte[] file = CheckpointFormat.encode(CHECKPOINT);
        for (int n = 0; n < file.length; n++) {
            byte[] cut = Arrays.copyOf(file, n);
            assertThrows(IOException.class, () -> CheckpointFormat.decode(cut), n + " bytes");
        }
        for (int bit = 0; bit < 8 * file.length; bit++) {
            byte[] flipped = file.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(IOException.class, () -> CheckpointFormat.decode(flipped), "bit " + bit);
        }
    }

    /** Replaces the version field and fixes the CRC, as a file of another format would be. */
    static byte[] withVersion(byte[] file, int version) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out, 4, 4).putInt(version);
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 8);
        ByteBuffer.wrap(out, out.length - 8, 8).putLong(crc.getValue());
        return out;
    }

    @Test
    void aFormatFromTheFutureOrNotACheckpointIsAnIoErrorThatSaysSo() {
        IOException e = assertThrows(IOException.class,
                () -> CheckpointFormat.decode(withVersion(CheckpointFormat.encode(CHECKPOINT), 3)));
        assertEquals("checkpoint format version 3; this qtune reads 1 and 2", e.getMessage());
        byte[] notOurs = CheckpointFormat.encode(CHECKPOINT);
        ByteBuffer.wrap(notOurs, 0, 4).putInt(0x12345678);
        CRC32 crc = new CRC32();
        crc.update(notOurs, 0, notOurs.length - 8);
        ByteBuffer.wrap(notOurs, notOurs.length - 8, 8).putLong(crc.getValue());
        assertEquals("not a qtune checkpoint", assertThrows(IOException.class,
                () -> CheckpointFormat.decode(notOurs)).getMessage());
    }

    @Test
    void aFormatOneCheckpointReadsAsAnUnrecordedRun() throws Exception {
        Checkpoint old = CheckpointFormat.decode(TrainingLoopTest.formatOneCheckpoint(40, new byte[] {9, 8}));
        assertEquals(40, old.step());
        assertEquals(RunFingerprint.UNRECORDED, old.run());
        assertArrayEquals(new byte[] {9, 8}, old.state());
        assertEquals(0, old.history().length);
        assertTrue(RUN.refusal("d", old.run()).startsWith("checkpoint dir d holds a checkpoint from an older qtune"));
    }
}
