package org.qtune.optim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;

/**
 * One optimizer's states as bytes, in an explicit format of our own, so that a checkpoint never
 * uses Java serialization and reading one cannot run code. Each optimizer has its own codec
 * ({@link Optimizer#codec()}), defined beside its state. Layout: the optimizer's name (modified
 * UTF-8, as {@link DataOutputStream#writeUTF}), the codec's format version (int), then the state's
 * fields as big-endian primitives; arrays as a length and their doubles. Doubles are written bit
 * for bit, so a decoded state continues a run exactly.
 *
 * <p>Decoding checks the name, the version, every length and that nothing is left over; bad bytes,
 * another optimizer's state or a truncated one give an {@link IOException} that says which, never a
 * {@link ClassCastException} later.
 *
 * @param <S> the state class this codec reads and writes
 */
public abstract class StateCodec<S extends OptimizerState> {
    /** Longest array a state may hold (2^26 doubles, 512 MiB). */
    private static final int MAX_ARRAY = 1 << 26;
    /** Largest square matrix (CMA-ES covariance) a state may hold. */
    private static final int MAX_MATRIX = 1 << 13;

    private final String optimizer;
    private final int version;
    private final Class<S> type;

    protected StateCodec(String optimizer, int version, Class<S> type) {
        this.optimizer = optimizer;
        this.version = version;
        this.type = type;
    }

    /** The name written first, the optimizer's {@link Optimizer#name()}. */
    public final String optimizer() {
        return optimizer;
    }

    /** The format version this codec writes (and the only one it reads). */
    public final int version() {
        return version;
    }

    /** The bytes of {@code state}, which must be this optimizer's. */
    public final byte[] encode(OptimizerState state) {
        if (!type.isInstance(state)) {
            throw new IllegalArgumentException(optimizer + " states are " + type.getName() + ", not "
                    + (state == null ? "null" : state.getClass().getName()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(optimizer);
            out.writeInt(version);
            write(type.cast(state), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The state in {@code bytes}; an {@link IOException} saying what is wrong when it is not one of ours. */
    public final S decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String tag;
            try {
                tag = in.readUTF();
            } catch (UTFDataFormatException | EOFException e) {
                throw new IOException("not an optimizer state (no optimizer name at its start)");
            }
            if (!tag.equals(optimizer)) {
                throw new IOException("a state of optimizer '" + printable(tag) + "', not of " + optimizer);
            }
            int v = in.readInt();
            if (v != version) {
                throw new IOException(optimizer + " state format version " + v + "; this qtune reads version "
                        + version);
            }
            S s = read(in);
            if (in.available() > 0) {
                throw new IOException(optimizer + " state has " + in.available() + " bytes after its end");
            }
            return s;
        } catch (EOFException e) {
            throw new IOException(optimizer + " state is truncated (" + bytes.length + " bytes)", e);
        } catch (RuntimeException e) {
            // a record's own checks (inconsistent dimensions): the bytes are not a state it accepts
            throw new IOException("bad " + optimizer + " state: " + e.getMessage(), e);
        }
    }

    /** Writes the fields of {@code state} after the header. */
    protected abstract void write(S state, DataOutputStream out) throws IOException;

    /** Reads the fields {@link #write} wrote, in the same order. */
    protected abstract S read(DataInputStream in) throws IOException;

    protected static void writeArrays(DataOutputStream out, double[]... arrays) throws IOException {
        for (double[] a : arrays) {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    protected static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ARRAY) {
            throw new IOException("bad array length " + n);
        }
        if ((long) n * Double.BYTES > in.available()) {
            throw new EOFException();
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }

    /** A matrix: its row count, then each row as an array. */
    protected static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        writeArrays(out, m);
    }

    protected static double[][] readMatrix(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_MATRIX) {
            throw new IOException("bad matrix size " + n);
        }
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = readArray(in);
        }
        return m;
    }

    private static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
