package org.qtune.adapter;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.qtune.model.LinearAdapter;
import org.qtune.qnn.QuantumLayer;
import org.qtune.tensor.Gemm;

/**
 * One QTHA-family adapter on a frozen linear layer (the forward of the QTHA authors' public code;
 * see {@link QthaArchitecture}). For ABC, with x' = dropout(x):
 * <pre>
 *   u = MPO_A(x')          in -> bottleneck        (tensor-train matrix)
 *   h = u MLP_A^T          bottleneck -> r
 *   q = VQC(h)             one circuit per row (token) on r qubits, the raw h as RY angles, &lt;Z_i&gt; out
 *   z = q QW^T + h CW^T    the "linear fusion" of two r x r linears
 *   b = z MLP_B^T          r -> bottleneck
 *   y += s MPO_B(b)        bottleneck -> out, s = alpha / r
 * </pre>
 * All rows of a call go through the circuit as one batch of the batched simulator, forward and the
 * batched adjoint (input and weight gradients in one sweep). The MPOs run as the dense matrices they
 * define, made once per parameter set: a micro-batch has far more rows (tokens) than an MPO has
 * inputs, so one GEMM beats d small GEMMs and block transposes per row (about 3x on MiniLM's
 * 384 -> 64); their core gradients come from dL/dW through {@link Mpo#backwardFromDense}. The
 * backward keeps u, h, q, z (and the SiLU's pre-activation) from the forward. Parameters, as one flat vector: MPO_A's cores, MLP_A [r, k], the circuit's weights, QW
 * [r, r], NW1 and NW2 [r, r] (ABD), CW [r, r], MLP_B [k, r], MPO_B's cores; a part the architecture
 * lacks takes no room. Not thread-safe: one adapter per pass.
 */
public final class QthaLinear implements LinearAdapter {
    private final String path;
    private final QthaConfig config;
    private final QthaArchitecture arch;
    private final int in, out, r, k;
    private final float scaling;
    private final Mpo mpoA, mpoB;
    private final QuantumLayer circuit;
    private final double[] circuitWeights, circuitGradient;
    /** Dense parts, each with its gradient; null when the architecture lacks it. */
    private final float[] mlpA, mlpB, cw, qw, nw1, nw2;
    private final float[] gMlpA, gMlpB, gCw, gQw, gNw1, gNw2;
    private float[] dropped = new float[0], keep = new float[0];
    private float[] u = new float[0], h = new float[0], q = new float[0], z = new float[0], b = new float[0];
    private float[] pre = new float[0], act = new float[0];
    private float[] ds = new float[0], db = new float[0], dz = new float[0], dh = new float[0], dq = new float[0];
    private float[] du = new float[0], dx2 = new float[0], dp = new float[0];
    /** The MPOs as dense matrices, MPO_A [bottleneck, in] and MPO_B [out, bottleneck], made once per parameters. */
    private final float[] wA, wB;
    private float[] dWA = new float[0], dWB = new float[0];
    private boolean denseStale = true;
    private SplittableRandom random = new SplittableRandom(0);
    private SplittableRandom sampling = new SplittableRandom(0);
    private boolean droppedLast;
    private int forwardRows = -1;
    /** Time inside this adapter's passes, and within it inside the circuit (conversions included). */
    private long adapterNanos, circuitNanos;

    /** A zero adapter of this shape (parameters set with {@link #setParameters} or {@link #initialize}). */
    QthaLinear(String path, int in, int out, QthaConfig config) {
        this.path = path;
        this.config = config;
        this.arch = config.architecture();
        this.in = in;
        this.out = out;
        this.r = config.qubits();
        this.k = arch.mpo() ? config.bottleneck() : in;
        this.scaling = (float) config.scaling();
        if (arch.mpo()) {
            int d = config.mpoModes();
            int[] bond = new int[d - 1];
            Arrays.fill(bond, config.mpoBond());
            mpoA = new Mpo(MpoModes.of(in, d), MpoModes.of(config.bottleneck(), d), bond);
            mpoB = new Mpo(MpoModes.of(config.bottleneck(), d), MpoModes.of(out, d), bond);
            wA = new float[config.bottleneck() * in];
            wB = new float[out * config.bottleneck()];
        } else {
            mpoA = null;
            mpoB = null;
            wA = null;
            wB = null;
        }
        boolean lin = arch.linears();
        int outK = arch.mpo() ? config.bottleneck() : out;
        mlpA = lin ? new float[r * k] : null;
        mlpB = lin ? new float[outK * r] : null;
        cw = lin ? new float[r * r] : null;
        boolean quantum = arch.mixer().isCircuit();
        qw = quantum ? new float[r * r] : null;
        boolean silu = arch.mixer() == QthaArchitecture.Mixer.SILU;
        nw1 = silu ? new float[r * r] : null;
        nw2 = silu ? new float[r * r] : null;
        gMlpA = grad(mlpA);
        gMlpB = grad(mlpB);
        gCw = grad(cw);
        gQw = grad(qw);
        gNw1 = grad(nw1);
        gNw2 = grad(nw2);
        if (quantum) {
            circuit = arch.mixer() == QthaArchitecture.Mixer.CIRCUIT
                    ? QuantumLayer.qtha(r, config.circuitLayers(), 1)
                    : QuantumLayer.qthaWithoutEntanglement(r, config.circuitLayers(), 1);
            circuitWeights = new double[circuit.weightNames().size()];
            circuitGradient = new double[circuitWeights.length];
        } else {
            circuit = null;
            circuitWeights = new double[0];
            circuitGradient = new double[0];
        }
    }

    private static float[] grad(float[] p) {
        return p == null ? null : new float[p.length];
    }

    /** The trainable parameters of an adapter of this config on an in -> out layer (without building one). */
    public static long parameterCount(QthaConfig config, int in, int out) {
        return new QthaLinear("", in, out, config).parameterCount();
    }

    /**
     * Initial values as the public code sets them: MLP_A, MLP_B, CW, QW (and NW1, NW2) Kaiming-uniform
     * with a = sqrt(5) (uniform in +-1/sqrt(fan in)); MPO_A with entries of about 1/sqrt(in); MPO_B's
     * last core zero, or MLP_B zero without the MPO, so the adapted layer starts as the base layer;
     * the circuit's angles uniform in +-pi (torchquantum's default for trainable gates).
     */
    void initialize(SplittableRandom random) {
        denseStale = true;
        if (mpoA != null) {
            mpoA.initialize(random, 1, false);
            mpoB.initialize(random, 1, true);
        }
        kaiming(mlpA, k, random);
        kaiming(cw, r, random);
        kaiming(qw, r, random);
        kaiming(nw1, r, random);
        kaiming(nw2, r, random);
        if (mpoB != null) {
            kaiming(mlpB, r, random);
        }
        for (int i = 0; i < circuitWeights.length; i++) {
            circuitWeights[i] = (2 * random.nextDouble() - 1) * Math.PI;
        }
    }

    private static void kaiming(float[] w, int fanIn, SplittableRandom random) {
        if (w == null) {
            return;
        }
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
    }

    public String path() {
        return path;
    }

    public QthaConfig config() {
        return config;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public int parameterCount() {
        return (mpoA == null ? 0 : mpoA.parameterCount() + mpoB.parameterCount()) + len(mlpA) + len(mlpB) + len(cw)
                + len(qw) + len(nw1) + len(nw2) + circuitWeights.length;
    }

    /** The circuit's angles among the parameters. */
    public int circuitParameterCount() {
        return circuitWeights.length;
    }

    /** The MPO cores among the parameters. */
    public int mpoParameterCount() {
        return mpoA == null ? 0 : mpoA.parameterCount() + mpoB.parameterCount();
    }

    private static int len(float[] a) {
        return a == null ? 0 : a.length;
    }

    /** Copies the parameters into {@code into} from {@code at}; returns the index after them. */
    int parameters(double[] into, int at) {
        at = copy(mpoA == null ? null : mpoA.cores(), into, at);
        at = copy(mlpA, into, at);
        System.arraycopy(circuitWeights, 0, into, at, circuitWeights.length);
        at += circuitWeights.length;
        at = copy(qw, into, at);
        at = copy(nw1, into, at);
        at = copy(nw2, into, at);
        at = copy(cw, into, at);
        at = copy(mlpB, into, at);
        return copy(mpoB == null ? null : mpoB.cores(), into, at);
    }

    /** Copies the gradients (laid out as the parameters, each a float32 value) into {@code into} from {@code at}. */
    int gradients(double[] into, int at) {
        at = copy(mpoA == null ? null : mpoA.gradients(), into, at);
        at = copy(gMlpA, into, at);
        // rounded to float32 like every other gradient: a worker's gradient travels as float32 values
        for (double g : circuitGradient) {
            into[at++] = (float) g;
        }
        at = copy(gQw, into, at);
        at = copy(gNw1, into, at);
        at = copy(gNw2, into, at);
        at = copy(gCw, into, at);
        at = copy(gMlpB, into, at);
        return copy(mpoB == null ? null : mpoB.gradients(), into, at);
    }

    /** Sets the parameters from {@code from} at {@code at}; returns the index after them. */
    int setParameters(double[] from, int at) {
        at = paste(from, at, mpoA == null ? null : mpoA.cores());
        at = paste(from, at, mlpA);
        System.arraycopy(from, at, circuitWeights, 0, circuitWeights.length);
        at += circuitWeights.length;
        if (circuit != null) {
            circuit.setWeights(circuitWeights);
        }
        at = paste(from, at, qw);
        at = paste(from, at, nw1);
        at = paste(from, at, nw2);
        at = paste(from, at, cw);
        at = paste(from, at, mlpB);
        at = paste(from, at, mpoB == null ? null : mpoB.cores());
        forwardRows = -1;
        denseStale = true;
        return at;
    }

    void zeroGradients() {
        if (mpoA != null) {
            mpoA.zeroGradients();
            mpoB.zeroGradients();
        }
        for (float[] g : new float[][] {gMlpA, gMlpB, gCw, gQw, gNw1, gNw2}) {
            if (g != null) {
                Arrays.fill(g, 0f);
            }
        }
        Arrays.fill(circuitGradient, 0);
    }

    void seedDropout(long seed) {
        random = new SplittableRandom(seed);
        // the shots draw from their own stream, so the dropout masks do not depend on the circuit mode
        sampling = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
    }

    private static int copy(float[] src, double[] dst, int at) {
        if (src == null) {
            return at;
        }
        for (float v : src) {
            dst[at++] = v;
        }
        return at;
    }

    private static int paste(double[] src, int at, float[] dst) {
        if (dst == null) {
            return at;
        }
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) src[at++];
        }
        return at;
    }

    private static float[] grow(float[] buf, int n) {
        return buf.length >= n ? buf : new float[n];
    }

    /** Nanoseconds spent in this adapter's forward and backward calls so far. */
    public long adapterNanos() {
        return adapterNanos;
    }

    /** Nanoseconds of those spent simulating the circuit (forward and adjoint, with the copies in and out). */
    public long circuitNanos() {
        return circuitNanos;
    }

    @Override
    public void forward(float[] x, int rows, float[] y, boolean training) {
        long t0 = System.nanoTime();
        forwardPass(x, rows, y, training);
        adapterNanos += System.nanoTime() - t0;
    }

    @Override
    public void backward(float[] x, float[] dy, int rows, float[] dx) {
        long t0 = System.nanoTime();
        backwardPass(x, dy, rows, dx);
        adapterNanos += System.nanoTime() - t0;
    }

    private void forwardPass(float[] x, int rows, float[] y, boolean training) {
        float[] input = x;
        droppedLast = training && config.dropout() > 0;
        if (droppedLast) {
            dropped = grow(dropped, rows * in);
            keep = grow(keep, rows * in);
            float scale = (float) (1 / (1 - config.dropout()));
            for (int i = 0; i < rows * in; i++) {
                keep[i] = random.nextDouble() < config.dropout() ? 0f : scale;
                dropped[i] = x[i] * keep[i];
            }
            input = dropped;
        }
        forwardRows = rows;
        refreshDense();
        if (arch.mpoOnly()) {
            int bn = config.bottleneck();
            u = grow(u, rows * bn);
            Gemm.multiply(false, true, rows, bn, in, 1f, input, 0, wA, 0, 0f, u, 0);
            Gemm.multiply(false, true, rows, out, bn, scaling, u, 0, wB, 0, 1f, y, 0);
            return;
        }
        float[] src = input;
        if (mpoA != null) {
            u = grow(u, rows * k);
            Gemm.multiply(false, true, rows, k, in, 1f, input, 0, wA, 0, 0f, u, 0);
            src = u;
        }
        h = grow(h, rows * r);
        Gemm.multiply(false, true, rows, r, k, 1f, src, 0, mlpA, 0, 0f, h, 0);
        z = grow(z, rows * r);
        Gemm.multiply(false, true, rows, r, r, 1f, h, 0, cw, 0, 0f, z, 0);
        if (circuit != null) {
            q = grow(q, rows * r);
            runCircuit(rows);
            Gemm.multiply(false, true, rows, r, r, 1f, q, 0, qw, 0, 1f, z, 0);
        } else if (nw1 != null) {
            pre = grow(pre, rows * r);
            act = grow(act, rows * r);
            Gemm.multiply(false, true, rows, r, r, 1f, h, 0, nw1, 0, 0f, pre, 0);
            for (int i = 0; i < rows * r; i++) {
                float p = pre[i];
                act[i] = p / (1f + (float) Math.exp(-p));
            }
            Gemm.multiply(false, true, rows, r, r, 1f, act, 0, nw2, 0, 1f, z, 0);
        }
        if (mpoB != null) {
            int bn = config.bottleneck();
            b = grow(b, rows * bn);
            Gemm.multiply(false, true, rows, bn, r, 1f, z, 0, mlpB, 0, 0f, b, 0);
            Gemm.multiply(false, true, rows, out, bn, scaling, b, 0, wB, 0, 1f, y, 0);
        } else {
            Gemm.multiply(false, true, rows, out, r, scaling, z, 0, mlpB, 0, 1f, y, 0);
        }
    }

    private void refreshDense() {
        if (mpoA != null && denseStale) {
            // a micro-batch's rows far outnumber the MPO's inputs: multiplying by W beats d GEMMs per row
            mpoA.dense(wA);
            mpoB.dense(wB);
            denseStale = false;
        }
    }

    /**
     * Whether the update is one fixed matrix, as for A and AB (every step linear, no circuit or SiLU):
     * then a LoRA pair carries it exactly ({@link #asLora}). With a circuit it depends on each token
     * non-linearly and has no such form.
     */
    public boolean isLinear() {
        return arch.mpo() && arch.mixer() == QthaArchitecture.Mixer.NONE;
    }

    /** The rank of {@link #asLora}'s pair: the bottleneck for A, r for AB. */
    public int loraRank() {
        return arch.mpoOnly() ? config.bottleneck() : r;
    }

    /**
     * The update as a LoRA pair of scale 1: {A [rank, in], B [out, rank]} with delta W = B A. For A,
     * A = W_A and B = s W_B (the MPOs as matrices); for AB, A = CW MLP_A W_A and B = s W_B MLP_B.
     */
    public float[][] asLora() {
        if (!isLinear()) {
            throw new IllegalStateException(path + ": " + arch + "'s update is not a fixed matrix, so no LoRA pair");
        }
        refreshDense();
        int bn = config.bottleneck(), rank = loraRank();
        float[] a = new float[rank * in], bm = new float[out * rank];
        if (arch.mpoOnly()) {
            System.arraycopy(wA, 0, a, 0, a.length);
            for (int i = 0; i < bm.length; i++) {
                bm[i] = scaling * wB[i];
            }
        } else {
            float[] t = new float[r * in];
            Gemm.multiply(false, false, r, in, bn, 1f, mlpA, 0, wA, 0, 0f, t, 0);
            Gemm.multiply(false, false, r, in, r, 1f, cw, 0, t, 0, 0f, a, 0);
            Gemm.multiply(false, false, out, r, bn, scaling, wB, 0, mlpB, 0, 0f, bm, 0);
        }
        return new float[][] {a, bm};
    }

    /**
     * The backward of v' = v W^T for an MPO W held densely: dW = g^T v into the cores' gradients, and
     * dv = g W into {@code dv} (overwritten).
     */
    private float[] mpoBackward(Mpo mpo, float[] w, float[] v, float[] g, int rows, float[] dv, boolean aSide) {
        int o = mpo.outSize(), i = mpo.inSize();
        float[] dW = aSide ? (dWA = grow(dWA, o * i)) : (dWB = grow(dWB, o * i));
        Gemm.multiply(true, false, o, i, rows, 1f, g, 0, v, 0, 0f, dW, 0);
        mpo.backwardFromDense(dW);
        Gemm.multiply(false, false, rows, i, o, 1f, g, 0, w, 0, 0f, dv, 0);
        return dv;
    }

    /** q = VQC(h) for every row, as one batch of the batched simulator. */
    private void runCircuit(int rows) {
        long t0 = System.nanoTime();
        double[][] angles = new double[rows][r];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < r; i++) {
                angles[row][i] = h[row * r + i];
            }
        }
        CircuitMode mode = config.circuitMode();
        double[][] e = mode.shots() == 0 ? circuit.forward(angles) : circuit.forward(angles, mode.shots(),
                sampling.nextLong());
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < r; i++) {
                q[row * r + i] = (float) e[row][i];
            }
        }
        circuitNanos += System.nanoTime() - t0;
    }

    private void backwardPass(float[] x, float[] dy, int rows, float[] dx) {
        if (rows != forwardRows) {
            throw new IllegalStateException(path + ": backward of " + rows + " rows after a forward of " + forwardRows);
        }
        float[] input = droppedLast ? dropped : x;
        ds = grow(ds, rows * out);
        for (int i = 0; i < rows * out; i++) {
            ds[i] = scaling * dy[i];
        }
        // the gradient with respect to the adapter's (dropped-out) input, added into dx at the end
        dx2 = grow(dx2, rows * in);
        if (arch.mpoOnly()) {
            int bn = config.bottleneck();
            du = grow(du, rows * bn);
            mpoBackward(mpoB, wB, u, ds, rows, du, false);
            mpoBackward(mpoA, wA, input, du, rows, dx2, true);
            addInput(dx, rows);
            return;
        }
        float[] dOut;
        if (mpoB != null) {
            int bn = config.bottleneck();
            db = grow(db, rows * bn);
            dOut = mpoBackward(mpoB, wB, b, ds, rows, db, false);
        } else {
            dOut = ds;
        }
        int kb = mpoB != null ? config.bottleneck() : out;
        // b = z MLP_B^T: dMLP_B += dOut^T z, dz = dOut MLP_B
        Gemm.multiply(true, false, kb, r, rows, 1f, dOut, 0, z, 0, 1f, gMlpB, 0);
        dz = grow(dz, rows * r);
        Gemm.multiply(false, false, rows, r, kb, 1f, dOut, 0, mlpB, 0, 0f, dz, 0);
        // z = h CW^T + ...: dCW += dz^T h, dh = dz CW
        Gemm.multiply(true, false, r, r, rows, 1f, dz, 0, h, 0, 1f, gCw, 0);
        dh = grow(dh, rows * r);
        Gemm.multiply(false, false, rows, r, r, 1f, dz, 0, cw, 0, 0f, dh, 0);
        if (circuit != null) {
            Gemm.multiply(true, false, r, r, rows, 1f, dz, 0, q, 0, 1f, gQw, 0);
            dq = grow(dq, rows * r);
            Gemm.multiply(false, false, rows, r, r, 1f, dz, 0, qw, 0, 0f, dq, 0);
            long t0 = System.nanoTime();
            double[][] up = new double[rows][r];
            for (int row = 0; row < rows; row++) {
                for (int i = 0; i < r; i++) {
                    up[row][i] = dq[row * r + i];
                }
            }
            CircuitMode mode = config.circuitMode();
            if (mode.shots() > 0 && !mode.parameterShift()) {
                throw new IllegalStateException("training with shots needs the parameter-shift rule: the adjoint needs"
                        + " the state");
            }
            QuantumLayer.Gradients g = mode.parameterShift()
                    ? circuit.parameterShiftBackward(up, mode.shots(), sampling.nextLong()) : circuit.backward(up);
            for (int row = 0; row < rows; row++) {
                for (int i = 0; i < r; i++) {
                    dh[row * r + i] += (float) g.inputs()[row][i];
                }
            }
            for (int j = 0; j < circuitGradient.length; j++) {
                circuitGradient[j] += g.weights()[j];
            }
            circuitNanos += System.nanoTime() - t0;
        } else if (nw1 != null) {
            Gemm.multiply(true, false, r, r, rows, 1f, dz, 0, act, 0, 1f, gNw2, 0);
            dp = grow(dp, rows * r);
            Gemm.multiply(false, false, rows, r, r, 1f, dz, 0, nw2, 0, 0f, dp, 0);
            for (int i = 0; i < rows * r; i++) {
                float p = pre[i];
                float sig = 1f / (1f + (float) Math.exp(-p));
                dp[i] *= sig * (1f + p * (1f - sig));
            }
            Gemm.multiply(true, false, r, r, rows, 1f, dp, 0, h, 0, 1f, gNw1, 0);
            Gemm.multiply(false, false, rows, r, r, 1f, dp, 0, nw1, 0, 1f, dh, 0);
        }
        // h = src MLP_A^T: dMLP_A += dh^T src, dsrc = dh MLP_A
        float[] src = mpoA != null ? u : input;
        Gemm.multiply(true, false, r, k, rows, 1f, dh, 0, src, 0, 1f, gMlpA, 0);
        if (mpoA != null) {
            du = grow(du, rows * k);
            Gemm.multiply(false, false, rows, k, r, 1f, dh, 0, mlpA, 0, 0f, du, 0);
            mpoBackward(mpoA, wA, input, du, rows, dx2, true);
        } else {
            Gemm.multiply(false, false, rows, in, r, 1f, dh, 0, mlpA, 0, 0f, dx2, 0);
        }
        addInput(dx, rows);
    }

    /** dx += dx2, through the dropout mask when there was one. */
    private void addInput(float[] dx, int rows) {
        if (droppedLast) {
            for (int i = 0; i < rows * in; i++) {
                dx[i] += dx2[i] * keep[i];
            }
        } else {
            for (int i = 0; i < rows * in; i++) {
                dx[i] += dx2[i];
            }
        }
    }
}
