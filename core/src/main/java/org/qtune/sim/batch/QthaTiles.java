package org.qtune.sim.batch;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;
import org.qtune.sim.KernelSupport;
import org.qtune.sim.kernel.TileKernels;
import org.qtune.sim.kernel.TileVectorKernels;

/**
 * QTHA's data re-uploading circuit ({@code DataReuploading.qtha}: per layer RY(x_q) on every qubit, a
 * CRZ ring, RY(theta), the ring reversed, RY(phi); Z read on every qubit) for a batch of inputs with
 * shared weights, run and differentiated on a path made for its gate set rather than through the
 * general {@link BatchProgram} and {@link BatchAdjoint}. Same circuit, same numbers (to rounding),
 * fewer and cheaper passes:
 * <ul>
 * <li>the batch is cut into tiles of a few members whose state (and adjoint state) stays in the
 *     core's own caches from the first gate to the readout and back, where the general path sweeps
 *     member blocks of megabytes once per gate (measured: its per-row cost at 8 qubits falls by a
 *     third when the batch is cut to 256 members, and it stays on L3 even then);</li>
 * <li>the first layer's encoding on |0...0&gt; is written as the product state it makes;</li>
 * <li>the closing RY(phi) of a layer and the next layer's RY(x) act on the same qubits with nothing
 *     between them, so they run as one RY(phi + x) per member (its half-angle sine and cosine from
 *     those of phi and x, no trigonometry per member beyond x's own);</li>
 * <li>each CRZ ring is one shared phase table; its angles' terms come from one table of
 *     sum_j Im(conj(lambda_x) psi_x) per tile, read against each gate's signs at the end;</li>
 * <li>an RY is real, so it never mixes real and imaginary parts: each layer of rotations runs on
 *     the real parts and then on the imaginary ones (which stay zero without the rings), two qubits
 *     per pass, and the backward takes each rotation's term and un-applies it from psi and lambda in
 *     the same pass;</li>
 * <li>the Z readouts and the adjoint state sum_q u_q Z_q psi are one pass each.</li>
 * </ul>
 * Shared weights' terms are summed within a tile in lane order and then over tiles in tile order,
 * so the result does not depend on the thread count. The forward keeps each tile's final state for
 * the backward, which works on copies.
 */
public final class QthaTiles implements AutoCloseable {
    /** Most qubits: beyond, a tile of 8 states no longer fits the caches and the general path is as good. */
    public static final int MAX_QUBITS = 12;

    private final int n;
    private final int layers;
    private final boolean entangle;
    private final int lanes;
    /** Whether the SIMD kernels run (the Vector API is present and its width divides the lanes). */
    private final boolean vector;
    private final int numWeights;
    /** Weight indices per [layer][qubit]; ring and back are null without entanglement. */
    private final int[][] ring;
    private final int[][] back;
    private final int[][] theta;
    private final int[][] phi;
    /** Per gate q of each ring: its sign s(x) in the phase exponent, 0 where its control is 0. */
    private final double[][] ringSign;
    private final double[][] backSign;
    private final int threads;
    private final ForkJoinPool pool;

    // set by setWeights
    private final double[][] ringRe;
    private final double[][] ringIm;
    private final double[][] backRe;
    private final double[][] backIm;
    private final double[][] thetaC;
    private final double[][] thetaS;
    private final double[][] phiC;
    private final double[][] phiS;
    /** The shared angles' half-angle cosines and sines once per lane ([layer][q * lanes + j]), for the backward. */
    private final double[][] thetaCL;
    private final double[][] thetaSL;
    private final double[][] phiCL;
    private final double[][] phiSL;

    // the last forward
    private int batch;
    private int tiles;
    private double[][] psiRe;
    private double[][] psiIm;
    /** Per tile: each input's half-angle cosine and sine at [q * lanes + j]. */
    private double[][] inCos;
    private double[][] inSin;
    private boolean haveForward;

    /** Gradients of one backward call: per row for the inputs, summed over the batch for the weights. */
    public record Gradients(double[][] inputs, double[] weights) {
    }

    /**
     * The circuit on n qubits with the given layers, with or without its CRZ rings; {@code weightNames}
     * is the order of the weight vector (names as {@code DataReuploading.qtha} gives them:
     * {@code ring<l>_<q>}, {@code theta<l>_<q>}, {@code back<l>_<q>}, {@code phi<l>_<q>}).
     */
    public QthaTiles(int n, int layers, boolean entangle, List<String> weightNames, int threads) {
        if (n < 1 || n > MAX_QUBITS || layers < 1) {
            throw new IllegalArgumentException("the tiled QTHA circuit takes 1.." + MAX_QUBITS + " qubits and >= 1 layer, got " + n
                    + " qubits, " + layers + " layers");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.n = n;
        this.layers = layers;
        this.entangle = entangle && n > 1;
        // up to 64 lanes and 2^14 amplitudes per tile array (psi and lambda in L2): measured at 8 qubits
        // (fwd + bwd per row) 12.9 / 10.7 / 9.6 / 9.1 / 9.3 us at 8 / 16 / 32 / 64 / 128 lanes, the
        // per-pass costs amortized over more lanes outweighing L1 residency
        this.lanes = Math.max(8, Math.min(64, 1 << Math.max(0, 14 - n)));
        this.vector = KernelSupport.VECTOR_AVAILABLE && lanes % TileVectorKernels.lanes() == 0;
        this.numWeights = weightNames.size();
        this.theta = indices(weightNames, "theta");
        this.phi = indices(weightNames, "phi");
        this.ring = this.entangle ? indices(weightNames, "ring") : null;
        this.back = this.entangle ? indices(weightNames, "back") : null;
        int expected = layers * n * (this.entangle ? 4 : 2);
        if (numWeights != expected) {
            throw new IllegalArgumentException("the circuit has " + expected + " weights, " + numWeights + " names given");
        }
        int dim = 1 << n;
        this.ringSign = new double[n][dim];
        this.backSign = new double[n][dim];
        for (int q = 0; q < n; q++) {
            int next = (q + 1) % n;
            for (int x = 0; x < dim; x++) {
                ringSign[q][x] = sign(x, q, next);
                backSign[q][x] = sign(x, next, q);
            }
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
        this.ringRe = new double[layers][dim];
        this.ringIm = new double[layers][dim];
        this.backRe = new double[layers][dim];
        this.backIm = new double[layers][dim];
        this.thetaC = new double[layers][n];
        this.thetaS = new double[layers][n];
        this.phiC = new double[layers][n];
        this.phiS = new double[layers][n];
        this.thetaCL = new double[layers][n * lanes];
        this.thetaSL = new double[layers][n * lanes];
        this.phiCL = new double[layers][n * lanes];
        this.phiSL = new double[layers][n * lanes];
        setWeights(new double[numWeights]);
    }

    /** CRZ(control, target): the sign of theta/2 in the phase exponent -i theta/2 s(x). */
    private static double sign(int x, int control, int target) {
        if (((x >>> control) & 1) == 0) {
            return 0;
        }
        return ((x >>> target) & 1) == 0 ? 1 : -1;
    }

    private int[][] indices(List<String> names, String kind) {
        int[][] idx = new int[layers][n];
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                int i = names.indexOf(kind + l + "_" + q);
                if (i < 0) {
                    throw new IllegalArgumentException("no weight " + kind + l + "_" + q + " among " + names);
                }
                idx[l][q] = i;
            }
        }
        return idx;
    }

    public int lanes() {
        return lanes;
    }

    /** Sets the shared weights (in the order of the constructor's names) and builds the phase tables. */
    public void setWeights(double[] w) {
        if (w.length != numWeights) {
            throw new IllegalArgumentException("the circuit has " + numWeights + " weights, got " + w.length);
        }
        int dim = 1 << n;
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                thetaC[l][q] = Math.cos(w[theta[l][q]] / 2);
                thetaS[l][q] = Math.sin(w[theta[l][q]] / 2);
                phiC[l][q] = Math.cos(w[phi[l][q]] / 2);
                phiS[l][q] = Math.sin(w[phi[l][q]] / 2);
                Arrays.fill(thetaCL[l], q * lanes, (q + 1) * lanes, thetaC[l][q]);
                Arrays.fill(thetaSL[l], q * lanes, (q + 1) * lanes, thetaS[l][q]);
                Arrays.fill(phiCL[l], q * lanes, (q + 1) * lanes, phiC[l][q]);
                Arrays.fill(phiSL[l], q * lanes, (q + 1) * lanes, phiS[l][q]);
            }
            if (entangle) {
                for (int x = 0; x < dim; x++) {
                    double a = 0, b = 0;
                    for (int q = 0; q < n; q++) {
                        a += w[ring[l][q]] / 2 * ringSign[q][x];
                        b += w[back[l][q]] / 2 * backSign[q][x];
                    }
                    // e^{-i a}
                    ringRe[l][x] = Math.cos(a);
                    ringIm[l][x] = -Math.sin(a);
                    backRe[l][x] = Math.cos(b);
                    backIm[l][x] = -Math.sin(b);
                }
            }
        }
        haveForward = false;
    }

    /** Each row's &lt;Z_q&gt; for every qubit, inputs[b] the row's n angles. */
    public double[][] forward(double[][] inputs) {
        int b = inputs.length;
        if (b == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        for (int r = 0; r < b; r++) {
            if (inputs[r].length != n) {
                throw new IllegalArgumentException("row " + r + " has " + inputs[r].length + " inputs, the circuit takes "
                        + n);
            }
        }
        int t = (b + lanes - 1) / lanes, size = lanes << n;
        if (psiRe == null || psiRe.length != t) {
            psiRe = new double[t][size];
            psiIm = new double[t][size];
            inCos = new double[t][n * lanes];
            inSin = new double[t][n * lanes];
        }
        batch = b;
        tiles = t;
        double[][] out = new double[b][n];
        forTiles((t0, t1) -> {
            double[] z = new double[n * lanes], p = new double[lanes], mc = new double[n * lanes],
                    ms = new double[n * lanes];
            for (int k = t0; k < t1; k++) {
                forwardTile(k, inputs, out, z, p, mc, ms);
            }
        });
        haveForward = true;
        return out;
    }

    private void forwardTile(int k, double[][] inputs, double[][] out, double[] z, double[] p, double[] mc,
                             double[] ms) {
        double[] re = psiRe[k], im = psiIm[k], c = inCos[k], s = inSin[k];
        int first = k * lanes;
        for (int q = 0; q < n; q++) {
            for (int j = 0; j < lanes; j++) {
                int row = first + j;
                double x = row < batch ? inputs[row][q] : 0;
                c[q * lanes + j] = Math.cos(x / 2);
                s[q * lanes + j] = Math.sin(x / 2);
            }
        }
        TileKernels.productState(re, im, n, lanes, c, s);
        for (int l = 0; l < layers; l++) {
            if (entangle) {
                phase(re, im, n, lanes, ringRe[l], ringIm[l]);
            }
            rotations(re, im, thetaCL[l], thetaSL[l]);
            if (entangle) {
                phase(re, im, n, lanes, backRe[l], backIm[l]);
            }
            if (l + 1 < layers) {
                merged(l, c, s, mc, ms);
                rotations(re, im, mc, ms);
            } else {
                rotations(re, im, phiCL[l], phiSL[l]);
            }
        }
        zExpectations(re, im, z, p);
        for (int j = 0; j < lanes && first + j < batch; j++) {
            for (int q = 0; q < n; q++) {
                out[first + j][q] = z[q * lanes + j];
            }
        }
    }

    /** The half-angle cosine and sine of phi_l + x (layer l's closing RY with the next layer's encoding). */
    private void merged(int l, double[] c, double[] s, double[] mc, double[] ms) {
        for (int q = 0; q < n; q++) {
            double pc = phiC[l][q], ps = phiS[l][q];
            for (int j = q * lanes, e = j + lanes; j < e; j++) {
                mc[j] = pc * c[j] - ps * s[j];
                ms[j] = ps * c[j] + pc * s[j];
            }
        }
    }

    /**
     * Gradients of sum_b sum_q upstream[b][q] &lt;Z_q&gt;_b at the last forward's inputs and the
     * current weights.
     */
    public Gradients backward(double[][] upstream) {
        if (!haveForward) {
            throw new IllegalStateException("backward needs a forward with the current weights first");
        }
        if (upstream.length != batch) {
            throw new IllegalArgumentException("upstream has " + upstream.length + " rows for a batch of " + batch);
        }
        for (int r = 0; r < batch; r++) {
            if (upstream[r].length != n) {
                throw new IllegalArgumentException("upstream row " + r + " has " + upstream[r].length + " values, the "
                        + "circuit " + n + " outputs");
            }
        }
        double[][] din = new double[batch][n];
        double[][] perTile = new double[tiles][numWeights];
        forTiles((t0, t1) -> {
            int size = lanes << n;
            double[] pr = new double[size], pi = new double[size], lr = new double[size], li = new double[size];
            double[] u = new double[n * lanes], w = new double[lanes], table = new double[1 << n];
            double[] dx = new double[n * lanes], t = new double[n * lanes], mc = new double[n * lanes],
                    ms = new double[n * lanes];
            for (int k = t0; k < t1; k++) {
                backwardTile(k, upstream, din, perTile[k], pr, pi, lr, li, u, w, table, dx, t, mc, ms);
            }
        });
        double[] dw = new double[numWeights];
        for (double[] g : perTile) {
            for (int i = 0; i < numWeights; i++) {
                dw[i] += g[i];
            }
        }
        return new Gradients(din, dw);
    }

    private void backwardTile(int k, double[][] upstream, double[][] din, double[] dw, double[] pr, double[] pi,
                              double[] lr, double[] li, double[] u, double[] w, double[] table, double[] dx,
                              double[] t, double[] mc, double[] ms) {
        int first = k * lanes, size = lanes << n;
        System.arraycopy(psiRe[k], 0, pr, 0, size);
        System.arraycopy(psiIm[k], 0, pi, 0, size);
        double[] c = inCos[k], s = inSin[k];
        for (int q = 0; q < n; q++) {
            for (int j = 0; j < lanes; j++) {
                int row = first + j;
                u[q * lanes + j] = row < batch ? upstream[row][q] : 0;
            }
        }
        zWeighted(pr, pi, lr, li, u, w);
        Arrays.fill(dx, 0);
        for (int l = layers - 1; l >= 0; l--) {
            boolean mergedLayer = l + 1 < layers;
            if (mergedLayer) {
                merged(l, c, s, mc, ms);
            }
            rotationsBack(pr, pi, lr, li, mergedLayer ? mc : phiCL[l], mergedLayer ? ms : phiSL[l], t);
            for (int q = 0; q < n; q++) {
                dw[phi[l][q]] += laneSum(t, q);
                if (mergedLayer) {
                    for (int j = q * lanes, e = j + lanes; j < e; j++) {
                        dx[j] += t[j];
                    }
                }
            }
            if (entangle) {
                Arrays.fill(table, 0);
                phaseAdjoint(pr, pi, lr, li, n, lanes, backRe[l], backIm[l], table);
                ringTerms(table, backSign, back[l], dw);
            }
            rotationsBack(pr, pi, lr, li, thetaCL[l], thetaSL[l], t);
            for (int q = 0; q < n; q++) {
                dw[theta[l][q]] += laneSum(t, q);
            }
            if (entangle) {
                Arrays.fill(table, 0);
                phaseAdjoint(pr, pi, lr, li, n, lanes, ringRe[l], ringIm[l], table);
                ringTerms(table, ringSign, ring[l], dw);
            }
        }
        // the first layer's encoding: the gates commute, so each term is read at the product state
        for (int q = 0; q < n; q++) {
            ryTerm(pr, pi, lr, li, n, lanes, q, dx, q * lanes);
        }
        for (int j = 0; j < lanes && first + j < batch; j++) {
            for (int q = 0; q < n; q++) {
                din[first + j][q] = dx[q * lanes + j];
            }
        }
    }

    /** Qubit q's terms summed over the lanes, in lane order. */
    private double laneSum(double[] t, int q) {
        double sum = 0;
        for (int j = q * lanes, e = j + lanes; j < e; j++) {
            sum += t[j];
        }
        return sum;
    }

    /**
     * RY on every qubit (lane j's angle on qubit q at c[q * lanes + j]): on the real parts, then the
     * imaginary ones, which stay zero without the rings.
     */
    private void rotations(double[] re, double[] im, double[] c, double[] s) {
        ryAll(re, c, s);
        if (entangle) {
            ryAll(im, c, s);
        }
    }

    /** The adjoint sweep back through {@link #rotations}: each gate's term into t[q * lanes + j] (overwritten). */
    private void rotationsBack(double[] pr, double[] pi, double[] lr, double[] li, double[] c, double[] s, double[] t) {
        Arrays.fill(t, 0);
        ryAllAdjoint(pr, lr, c, s, t);
        if (entangle) {
            ryAllAdjoint(pi, li, c, s, t);
        }
    }

    /** Each ring gate's term: sum_x s(x) table[x] (dD/dtheta D^dag = -i s/2, see the class comment). */
    private void ringTerms(double[] table, double[][] signs, int[] index, double[] dw) {
        for (int q = 0; q < n; q++) {
            double sum = 0;
            double[] sg = signs[q];
            for (int x = 0; x < table.length; x++) {
                sum += sg[x] * table[x];
            }
            dw[index[q]] += sum;
        }
    }

    // which kernel runs: the SIMD one where it can, else the scalar loop

    private void zExpectations(double[] re, double[] im, double[] out, double[] scratch) {
        if (vector) {
            TileVectorKernels.zExpectations(re, im, n, lanes, out);
        } else {
            TileKernels.zExpectations(re, im, n, lanes, out, scratch);
        }
    }

    private void zWeighted(double[] pr, double[] pi, double[] lr, double[] li, double[] u, double[] scratch) {
        if (vector) {
            TileVectorKernels.zWeighted(pr, pi, lr, li, n, lanes, u);
        } else {
            TileKernels.zWeighted(pr, pi, lr, li, n, lanes, u, scratch);
        }
    }

    private void ryAll(double[] a, double[] c, double[] s) {
        if (vector) {
            TileVectorKernels.ryAll(a, n, lanes, c, s);
        } else {
            TileKernels.ryAll(a, n, lanes, c, s);
        }
    }

    private void phase(double[] re, double[] im, int n, int T, double[] pr, double[] pi) {
        if (vector) {
            TileVectorKernels.phase(re, im, n, T, pr, pi);
        } else {
            TileKernels.phase(re, im, n, T, pr, pi);
        }
    }

    private void ryAllAdjoint(double[] p, double[] l, double[] c, double[] s, double[] t) {
        if (vector) {
            TileVectorKernels.ryAllAdjoint(p, l, n, lanes, c, s, t);
        } else {
            TileKernels.ryAllAdjoint(p, l, n, lanes, c, s, t);
        }
    }

    private void ryTerm(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, int q, double[] t, int off) {
        if (vector) {
            TileVectorKernels.ryTerm(pr, pi, lr, li, n, T, q, t, off);
        } else {
            TileKernels.ryTerm(pr, pi, lr, li, n, T, q, t, off);
        }
    }

    private void phaseAdjoint(double[] pr, double[] pi, double[] lr, double[] li, int n, int T, double[] dr,
                              double[] di, double[] w) {
        if (vector) {
            TileVectorKernels.phaseAdjoint(pr, pi, lr, li, n, T, dr, di, w);
        } else {
            TileKernels.phaseAdjoint(pr, pi, lr, li, n, T, dr, di, w);
        }
    }

    private interface TileRange {
        void run(int t0, int t1);
    }

    /** Runs body over contiguous tile ranges, one per thread (per-tile results make it order-free). */
    private void forTiles(TileRange body) {
        int parts = Math.min(threads, tiles);
        if (parts <= 1) {
            body.run(0, tiles);
            return;
        }
        ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, parts).parallel().forEach(p ->
                body.run((int) ((long) tiles * p / parts), (int) ((long) tiles * (p + 1) / parts))));
        task.join();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
