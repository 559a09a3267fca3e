package org.qtune.model;

import java.util.Map;
import java.util.stream.IntStream;
import org.qtune.tensor.Attention;
import org.qtune.tensor.Attention.Operand;
import org.qtune.tensor.RowBlocks;
import org.qtune.tensor.kernel.Activations;
import org.qtune.tensor.kernel.Norms;

/**
 * One forward and backward computation through a {@link Bert} encoder with adapters on some of its
 * linear layers, and the workspace it runs in: activation arrays sized for the largest batch seen,
 * reused from step to step (nothing activation-sized is allocated while shapes do not grow).
 * {@link #forward} keeps what {@link #backward} needs when {@code training}; inference keeps one
 * layer's worth. Not thread-safe: one pass per task; the frozen {@link Bert} is shared.
 */
public final class EncoderPass {
    private final Bert bert;
    private final Map<String, LinearAdapter> adapters;
    private final int hidden, inner, heads, headDim, layers;
    private int rowsCap, probsCap;
    private float[] embedded, embMean, embRstd;
    private float[][] xs;
    private LayerActivations[] acts;
    private Gradients grads;
    private TokenBatch batch;
    private boolean trainedForward;

    /** Bytes of the workspace now allocated (activations kept for the backward and its scratch). */
    public long workspaceBytes() {
        return Workspace.bytes(this);
    }

    /** Activations one layer keeps for its backward. */
    private static final class LayerActivations {
        final float[] q, k, v, ctx, r1, mean1, rstd1, h1, inter, act, r2, mean2, rstd2, probs;

        LayerActivations(int rows, int hidden, int inner, int probs) {
            q = new float[rows * hidden];
            k = new float[rows * hidden];
            v = new float[rows * hidden];
            ctx = new float[rows * hidden];
            r1 = new float[rows * hidden];
            h1 = new float[rows * hidden];
            r2 = new float[rows * hidden];
            inter = new float[rows * inner];
            act = new float[rows * inner];
            mean1 = new float[rows];
            rstd1 = new float[rows];
            mean2 = new float[rows];
            rstd2 = new float[rows];
            this.probs = new float[probs];
        }
    }

    /** Scratch of the backward. */
    private static final class Gradients {
        final float[] g, dR, dH1, dCtx, dQ, dK, dV, dX, dAct, dInter, attn;

        Gradients(int rows, int hidden, int inner, int attnScratch) {
            g = new float[rows * hidden];
            dR = new float[rows * hidden];
            dH1 = new float[rows * hidden];
            dCtx = new float[rows * hidden];
            dQ = new float[rows * hidden];
            dK = new float[rows * hidden];
            dV = new float[rows * hidden];
            dX = new float[rows * hidden];
            dAct = new float[rows * inner];
            dInter = new float[rows * inner];
            attn = new float[attnScratch];
        }
    }

    /** A pass over {@code bert} with {@code adapters} by module path (empty: the plain encoder). */
    public EncoderPass(Bert bert, Map<String, LinearAdapter> adapters) {
        this.bert = bert;
        this.adapters = Map.copyOf(adapters);
        Bert.Config c = bert.config();
        this.hidden = c.hidden();
        this.inner = c.intermediate();
        this.heads = c.heads();
        this.headDim = c.hidden() / c.heads();
        this.layers = c.layers();
        for (String path : adapters.keySet()) {
            if (bert.linears().stream().noneMatch(l -> l.path().equals(path))) {
                throw new IllegalArgumentException("no linear layer " + path + " in this encoder");
            }
        }
    }

    public Bert model() {
        return bert;
    }

    private void ensure(TokenBatch b, boolean training) {
        int rows = b.rows(), probs = b.size() * heads * b.length() * b.length();
        if (rows > rowsCap || probs > probsCap) {
            rowsCap = Math.max(rows, rowsCap);
            probsCap = Math.max(probs, probsCap);
            embedded = new float[rowsCap * hidden];
            embMean = new float[rowsCap];
            embRstd = new float[rowsCap];
            xs = new float[layers + 1][];
            acts = new LayerActivations[layers];
            grads = null;
        }
        int needed = training ? layers : 1;
        for (int l = 0; l < needed; l++) {
            if (acts[l] == null) {
                acts[l] = new LayerActivations(rowsCap, hidden, inner, probsCap);
            }
        }
        for (int l = 0; l <= (training ? layers : 1); l++) {
            if (xs[l] == null) {
                xs[l] = new float[rowsCap * hidden];
            }
        }
        if (training && grads == null) {
            grads = new Gradients(rowsCap, hidden, inner, probsCap / heads);
        }
    }

    /**
     * The last hidden states [size x length x hidden] of a batch (padding rows hold values too; they
     * are never attended to). The array is the pass's own, valid until the next forward.
     */
    public float[] forward(TokenBatch b, boolean training) {
        Bert.Config c = bert.config();
        if (b.length() > c.maxPositions()) {
            throw new IllegalArgumentException(b.length() + " tokens, more than the model's " + c.maxPositions() + " positions");
        }
        ensure(b, training);
        this.batch = b;
        this.trainedForward = training;
        int rows = b.rows(), T = b.length(), H = hidden;
        float[] word = bert.wordEmbeddings(), pos = bert.positionEmbeddings(), type = bert.typeEmbeddings();
        for (int r = 0; r < rows; r++) {
            int id = b.ids()[r], t = r % T;
            if (id < 0 || id >= c.vocab()) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + c.vocab());
            }
            for (int h = 0; h < H; h++) {
                embedded[r * H + h] = word[id * H + h] + pos[t * H + h] + type[h];
            }
        }
        float[] x0 = xs[0];
        RowBlocks.run(rows, (a, z) -> Norms.layerNorm(embedded, bert.embeddingNorm().gamma(), bert.embeddingNorm().beta(),
                x0, embMean, embRstd, a, z, H, c.layerNormEps()));
        for (int l = 0; l < layers; l++) {
            float[] in = training ? xs[l] : xs[l % 2], out = training ? xs[l + 1] : xs[(l + 1) % 2];
            layerForward(bert.layer(l), training ? acts[l] : acts[0], in, out, training);
        }
        return training ? xs[layers] : xs[layers % 2];
    }


    private void layerForward(Bert.Layer layer, LayerActivations a, float[] in, float[] out, boolean training) {
        TokenBatch b = batch;
        int rows = b.rows(), T = b.length(), H = hidden;
        double eps = bert.config().layerNormEps();
        Adapted.forward(adapters, layer.query(), in, rows, a.q, training);
        Adapted.forward(adapters, layer.key(), in, rows, a.k, training);
        Adapted.forward(adapters, layer.value(), in, rows, a.v, training);
        IntStream.range(0, b.size()).parallel().forEach(s -> {
            int o = s * T * H;
            Attention.forward(new Operand(a.q, o, H), new Operand(a.k, o, H), new Operand(a.v, o, H), T, T, heads, heads,
                    headDim, b.mask(), s * T, -1, a.probs, s * heads * T * T, new Operand(a.ctx, o, H));
        });
        Adapted.forward(adapters, layer.attentionOutput(), a.ctx, rows, a.r1, training);
        Adapted.add(a.r1, in, rows * H);
        RowBlocks.run(rows, (f, z) -> Norms.layerNorm(a.r1, layer.attentionNorm().gamma(), layer.attentionNorm().beta(),
                a.h1, a.mean1, a.rstd1, f, z, H, eps));
        Adapted.forward(adapters, layer.intermediate(), a.h1, rows, a.inter, training);
        Activations.gelu(a.inter, a.act, rows * inner);
        Adapted.forward(adapters, layer.output(), a.act, rows, a.r2, training);
        Adapted.add(a.r2, a.h1, rows * H);
        RowBlocks.run(rows, (f, z) -> Norms.layerNorm(a.r2, layer.outputNorm().gamma(), layer.outputNorm().beta(), out,
                a.mean2, a.rstd2, f, z, H, eps));
    }

    /**
     * Back-propagates d loss / d (last hidden states) [size x length x hidden] through the encoder
     * of the last training forward, accumulating every adapter's parameter gradients. dHidden not
     * modified.
     */
    public void backward(float[] dHidden) {
        if (!trainedForward) {
            throw new IllegalStateException("backward needs a forward with training = true first");
        }
        int rows = batch.rows();
        System.arraycopy(dHidden, 0, grads.g, 0, rows * hidden);
        for (int l = layers - 1; l >= 0; l--) {
            layerBackward(bert.layer(l), acts[l], xs[l], l > 0);
            System.arraycopy(grads.dX, 0, grads.g, 0, rows * hidden);
        }
        trainedForward = false;
    }


    /** grads.g holds d out; leaves d in in grads.dX. */
    private void layerBackward(Bert.Layer layer, LayerActivations a, float[] in, boolean inputGrad) {
        Gradients d = grads;
        TokenBatch b = batch;
        int rows = b.rows(), T = b.length(), H = hidden;
        RowBlocks.run(rows, (f, z) -> Norms.layerNormBackward(a.r2, layer.outputNorm().gamma(), a.mean2, a.rstd2, d.g,
                d.dR, null, null, f, z, H));
        Adapted.backward(adapters, layer.output(), a.act, d.dR, rows, d.dAct, false, true);
        Activations.geluBackward(a.inter, d.dAct, d.dInter, rows * inner);
        System.arraycopy(d.dR, 0, d.dH1, 0, rows * H);
        Adapted.backward(adapters, layer.intermediate(), a.h1, d.dInter, rows, d.dH1, true, true);
        RowBlocks.run(rows, (f, z) -> Norms.layerNormBackward(a.r1, layer.attentionNorm().gamma(), a.mean1, a.rstd1,
                d.dH1, d.dR, null, null, f, z, H));
        Adapted.backward(adapters, layer.attentionOutput(), a.ctx, d.dR, rows, d.dCtx, false, true);
        java.util.Arrays.fill(d.dK, 0, rows * H, 0f);
        java.util.Arrays.fill(d.dV, 0, rows * H, 0f);
        IntStream.range(0, b.size()).parallel().forEach(s -> {
            int o = s * T * H;
            Attention.backward(new Operand(a.q, o, H), new Operand(a.k, o, H), new Operand(a.v, o, H), T, T, heads, heads,
                    headDim, a.probs, s * heads * T * T, new Operand(d.dCtx, o, H), new Operand(d.dQ, o, H),
                    new Operand(d.dK, o, H), new Operand(d.dV, o, H), d.attn, s * T * T);
        });
        System.arraycopy(d.dR, 0, d.dX, 0, rows * H);
        Adapted.backward(adapters, layer.query(), in, d.dQ, rows, d.dX, true, inputGrad);
        Adapted.backward(adapters, layer.key(), in, d.dK, rows, d.dX, true, inputGrad);
        Adapted.backward(adapters, layer.value(), in, d.dV, rows, d.dX, true, inputGrad);
    }

}
