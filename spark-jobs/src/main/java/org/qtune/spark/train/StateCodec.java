package org.qtune.spark.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.qtune.optim.Adam;
import org.qtune.optim.CmaEs;
import org.qtune.optim.Lbfgs;
import org.qtune.optim.MomentumSgd;
import org.qtune.optim.OptimizerState;
import org.qtune.optim.Spsa;

/**
 * Optimizer states as bytes, in an explicit format of our own (a tag, then the fields as
 * big-endian primitives): checkpoints never use Java serialization, so reading one cannot run code.
 * Doubles are written bit for bit, so a resumed run continues exactly.
 */
final class StateCodec {
    private StateCodec() {
    }

    static byte[] encode(OptimizerState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (s instanceof Adam.State a) {
                out.writeUTF("adam");
                arrays(out, a.x(), a.m(), a.v());
                out.writeInt(a.iteration());
                out.writeInt(a.evaluations());
                out.writeDouble(a.value());
                out.writeDouble(a.gradientNorm());
            } else if (s instanceof MomentumSgd.State m) {
                out.writeUTF("sgd");
                arrays(out, m.x(), m.velocity());
                out.writeInt(m.iteration());
                out.writeInt(m.evaluations());
                out.writeDouble(m.value());
                out.writeDouble(m.gradientNorm());
            } else if (s instanceof Spsa.State p) {
                out.writeUTF("spsa");
                arrays(out, p.x());
                out.writeDouble(p.gainA());
                out.writeInt(p.iteration());
                out.writeInt(p.evaluations());
                out.writeDouble(p.value());
                out.writeDouble(p.gradientNorm());
            } else if (s instanceof Lbfgs.State l) {
                out.writeUTF("lbfgs");
                arrays(out, l.x(), l.g() == null ? new double[0] : l.g(),
                        l.direction() == null ? new double[0] : l.direction());
                out.writeBoolean(l.g() != null);
                out.writeDouble(l.value());
                out.writeInt(l.s().size());
                for (int i = 0; i < l.s().size(); i++) {
                    arrays(out, l.s().get(i), l.y().get(i));
                }
                out.writeDouble(l.step());
                out.writeInt(l.iteration());
                out.writeInt(l.evaluations());
                out.writeDouble(l.gradientNorm());
                out.writeBoolean(l.stalled());
            } else if (s instanceof CmaEs.State c) {
                out.writeUTF("cmaes");
                arrays(out, c.mean(), c.sigmaPath(), c.covariancePath(), c.scales(), c.best());
                matrix(out, c.covariance());
                matrix(out, c.axes());
                out.writeDouble(c.sigma());
                out.writeInt(c.decomposedAt());
                out.writeInt(c.iteration());
                out.writeInt(c.evaluations());
                out.writeDouble(c.value());
                out.writeBoolean(c.stalled());
            } else {
                throw new IllegalArgumentException("no checkpoint format for " + s.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static OptimizerState decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            String tag = in.readUTF();
            switch (tag) {
                case "adam": {
                    double[] x = array(in), m = array(in), v = array(in);
                    return new Adam.State(x, m, v, in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
                }
                case "sgd": {
                    double[] x = array(in), vel = array(in);
                    return new MomentumSgd.State(x, vel, in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
                }
                case "spsa": {
                    double[] x = array(in);
                    return new Spsa.State(x, in.readDouble(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble());
                }
                case "lbfgs": {
                    double[] x = array(in), g = array(in), d = array(in);
                    boolean init = in.readBoolean();
                    double value = in.readDouble();
                    int h = in.readInt();
                    List<double[]> s = new ArrayList<>(), y = new ArrayList<>();
                    for (int i = 0; i < h; i++) {
                        s.add(array(in));
                        y.add(array(in));
                    }
                    double step = in.readDouble();
                    return new Lbfgs.State(x, value, init ? g : null, s, y, init ? d : null, step, in.readInt(),
                            in.readInt(), in.readDouble(), in.readBoolean());
                }
                case "cmaes": {
                    double[] mean = array(in), pSigma = array(in), pC = array(in), scales = array(in), best = array(in);
                    double[][] c = matrix(in), axes = matrix(in);
                    try {
                        return new CmaEs.State(mean, in.readDouble(), c, pSigma, pC, axes, scales, in.readInt(),
                                in.readInt(), in.readInt(), best, in.readDouble(), in.readBoolean());
                    } catch (IllegalArgumentException e) {
                        throw new IOException("bad CMA-ES state: " + e.getMessage());
                    }
                }
                default:
                    throw new IOException("unknown optimizer state '" + tag + "'");
            }
        }
    }

    private static void arrays(DataOutputStream out, double[]... as) throws IOException {
        for (double[] a : as) {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }
    }

    /** A square matrix: its row count, then each row as an array. */
    private static void matrix(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        arrays(out, m);
    }

    private static double[][] matrix(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 13) {
            throw new IOException("bad matrix size " + n);
        }
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = array(in);
        }
        return m;
    }

    private static double[] array(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 26) {
            throw new IOException("bad array length " + n);
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }
}
