package org.qtune.select;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.qtune.io.AtomicFiles;

/**
 * Sentence embeddings kept on disk between selections of the same candidates: one file per (encoder,
 * token limit, texts), named by the SHA-256 of all three, holding a header ("QTEMB1", n, dimension)
 * and the n x dimension doubles, big-endian. Written atomically; a file whose size does not match its
 * header, or whose header does not match what is asked, is ignored and made again (never
 * deserialized as objects).
 */
public final class EmbeddingCache {
    private static final byte[] MAGIC = "QTEMB1".getBytes(StandardCharsets.US_ASCII);
    private final Path dir;

    public EmbeddingCache(Path dir) {
        this.dir = dir;
    }

    /** The file for these texts embedded by {@code model} with at most {@code maxTokens} tokens. */
    public Path file(String model, int maxTokens, List<String> texts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((model + "\n" + maxTokens + "\n" + texts.size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (String t : texts) {
                byte[] b = t.getBytes(StandardCharsets.UTF_8);
                d.update(ByteBuffer.allocate(4).putInt(b.length).array());
                d.update(b);
            }
            return dir.resolve(HexFormat.of().formatHex(d.digest()) + ".emb");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embeddings stored for these texts, or null when there are none (or the file is not whole). */
    public double[][] read(String model, int maxTokens, List<String> texts) throws IOException {
        Path f = file(model, maxTokens, texts);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        if (b.remaining() < MAGIC.length + 8) {
            return null;
        }
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        int n = b.getInt(), dim = b.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || n != texts.size() || dim < 1
                || b.remaining() != (long) n * dim * Double.BYTES) {
            return null;
        }
        double[][] out = new double[n][dim];
        for (double[] row : out) {
            b.asDoubleBuffer().get(row);
            b.position(b.position() + dim * Double.BYTES);
        }
        return out;
    }

    /** Stores the embeddings of these texts (atomically; the folder is made if missing). */
    public void write(String model, int maxTokens, List<String> texts, double[][] embeddings) throws IOException {
        int n = embeddings.length, dim = n == 0 ? 0 : embeddings[0].length;
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + n * dim * Double.BYTES);
        b.put(MAGIC).putInt(n).putInt(dim);
        for (double[] row : embeddings) {
            for (double v : row) {
                b.putDouble(v);
            }
        }
        Files.createDirectories(dir);
        AtomicFiles.write(file(model, maxTokens, texts), b.array());
    }
}
