package org.qtune.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.qtune.tensor.Attention;
import org.qtune.tensor.Attention.Operand;
import org.qtune.tensor.Gemm;
import org.qtune.tensor.RowBlocks;
import org.qtune.tensor.kernel.Activations;
import org.qtune.tensor.kernel.CrossEntropy;
import org.qtune.tensor.kernel.Norms;
import org.qtune.tensor.kernel.Rotary;

/**
 * One forward and backward computation through a {@link Qwen2} decoder with adapters on some of its
 * linear layers, and its workspace (activation arrays sized for the largest batch seen, reused from
 * step to step); also KV-cached greedy generation. The causal-LM loss is Hugging Face's: the logits
 * at position t predict the label at t + 1; labels of {@link CrossEntropy#IGNORE} (prompt, padding)
 * count nothing. Only the positions that count go through the LM head during training, so the
 * [tokens x vocab] logits of a large vocabulary are never all held. Not thread-safe: one pass per
 * task; the frozen {@link Qwen2} is shared.
 */
public final class DecoderPass {
    private final Qwen2 model;
    private final Qwen2.Config c;
    private final Map<String, LinearAdapter> adapters;
    private final int H, I, Q, KV, heads, kvHeads, d, layers, vocab;
    private int rowsCap, probsCap, selectedCap;
    private float[][] xs;
    private LayerActivations[] acts;
    private Gradients grads;
    private float[] normed, rstdFinal, selectedHidden, selectedLogits, allLogits = new float[0];
    private int[] selectedRows = new int[0], selectedTargets = new int[0];
    private int selected;
    private TokenBatch batch;
    private boolean trainedForward;
    /** Where a full-parameter backward adds the base weights' gradients (null: adapters only). */
    private DecoderGradients full;

    /** Bytes of the workspace now allocated (activations kept for the backward and its scratch). */
    public long workspaceBytes() {
        return Workspace.bytes(this);
    }

    private static final class LayerActivations {
        final float[] rstd1, h1, q, k, v, ctx, x2, rstd2, h2, gate, up, sg, act, probs;

        LayerActivations(int rows, Qwen2.Config c, int probs) {
            int H = c.hidden(), I = c.intermediate();
            rstd1 = new float[rows];
            rstd2 = new float[rows];
            h1 = new float[rows * H];
            x2 = new float[rows * H];
            h2 = new float[rows * H];
            q = new float[rows * c.queryWidth()];
            ctx = new float[rows * c.queryWidth()];
            k = new float[rows * c.kvWidth()];
            v = new float[rows * c.kvWidth()];
            gate = new float[rows * I];
            up = new float[rows * I];
            sg = new float[rows * I];
            act = new float[rows * I];
            this.probs = new float[probs];
        }
    }

    private static final class Gradients {
        final float[] g, dH, dX, dQ, dK, dV, dCtx, dAct, dGate, dUp, attn;

        Gradients(int rows, Qwen2.Config c, int attnScratch) {
            int H = c.hidden(), I = c.intermediate();
            g = new float[rows * H];
            dH = new float[rows * H];
            dX = new float[rows * H];
            dQ = new float[rows * c.queryWidth()];
            dCtx = new float[rows * c.queryWidth()];
            dK = new float[rows * c.kvWidth()];
            dV = new float[rows * c.kvWidth()];
            dAct = new float[rows * I];
            dGate = new float[rows * I];
            dUp = new float[rows * I];
            attn = new float[attnScratch];
        }
    }

    /** A key/value cache of one sequence: per layer [positions, kvHeads x headDim]. */
    private record Cache(float[][] k, float[][] v) {
    }

    /** A pass over {@code model} with {@code adapters} by module path (empty: the plain decoder). */
    public DecoderPass(Qwen2 model, Map<String, LinearAdapter> adapters) {
        this.model = model;
        this.c = model.config();
        this.adapters = Map.copyOf(adapters);
        this.H = c.hidden();
        this.I = c.intermediate();
        this.Q = c.queryWidth();
        this.KV = c.kvWidth();
        this.heads = c.heads();
        this.kvHeads = c.kvHeads();
        this.d = c.headDim();
        this.layers = c.layers();
        this.vocab = c.vocab();
        for (String path : adapters.keySet()) {
            if (model.linears().stream().noneMatch(l -> l.path().equals(path))) {
                throw new IllegalArgumentException("no linear layer " + path + " in this decoder");
            }
        }
    }

    public Qwen2 model() {
        return model;
    }

    private void ensure(int sequences, int length, boolean training) {
        int rows = sequences * length, probs = sequences * heads * length * length;
        if (rows > rowsCap || probs > probsCap) {
            rowsCap = Math.max(rows, rowsCap);
            probsCap = Math.max(probs, probsCap);
            xs = new float[layers + 1][];
            acts = new LayerActivations[layers];
            grads = null;
            normed = new float[rowsCap * H];
            rstdFinal = new float[rowsCap];
        }
        for (int l = 0; l < (training ? layers : 1); l++) {
            if (acts[l] == null) {
                acts[l] = new LayerActivations(rowsCap, c, probsCap);
            }
        }
        for (int l = 0; l <= (training ? layers : 1); l++) {
            if (xs[l] == null) {
                xs[l] = new float[rowsCap * H];
            }
        }
        if (training && grads == null) {
            grads = new Gradients(rowsCap, c, probsCap / heads);
        }
    }

    private void checkBatch(TokenBatch b) {
        if (b.length() > c.maxPositions()) {
            throw new IllegalArgumentException(b.length() + " tokens, more than the model's " + c.maxPositions() + " positions");
        }
        for (int id : b.ids()) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + vocab);
            }
        }
    }

    /** Runs the layers and the final norm; leaves the normalized last hidden states in {@code normed}. */
    private void run(TokenBatch b, boolean training, Cache cache, int position0) {
        ensure(b.size(), b.length(), training);
        this.batch = b;
        int rows = b.rows();
        float[] emb = model.embeddings();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(emb, b.ids()[r] * H, xs[0], r * H, H);
        }
        for (int l = 0; l < layers; l++) {
            float[] in = training ? xs[l] : xs[l % 2], out = training ? xs[l + 1] : xs[(l + 1) % 2];
            layerForward(l, training ? acts[l] : acts[0], in, out, training, cache, position0);
        }
        float[] last = training ? xs[layers] : xs[layers % 2];
        RowBlocks.run(rows, (f, z) -> Norms.rmsNorm(last, model.finalNorm(), normed, rstdFinal, f, z, H, c.rmsNormEps()));
    }


    private void layerForward(int l, LayerActivations a, float[] in, float[] out, boolean training, Cache cache,
                              int position0) {
        Qwen2.Layer layer = model.layer(l);
        TokenBatch b = batch;
        int rows = b.rows(), T = b.length();
        RowBlocks.run(rows, (f, z) -> Norms.rmsNorm(in, layer.inputNorm(), a.h1, a.rstd1, f, z, H, c.rmsNormEps()));
        Adapted.forward(adapters, layer.q(), a.h1, rows, a.q, training);
        Adapted.forward(adapters, layer.k(), a.h1, rows, a.k, training);
        Adapted.forward(adapters, layer.v(), a.h1, rows, a.v, training);
        float[] cos = model.ropeCos(), sin = model.ropeSin();
        for (int s = 0; s < b.size(); s++) {
            Rotary.apply(a.q, s * T * Q, T, heads, d, position0, cos, sin, false);
            Rotary.apply(a.k, s * T * KV, T, kvHeads, d, position0, cos, sin, false);
        }
        if (cache == null) {
            IntStream.range(0, b.size()).parallel().forEach(s -> Attention.forward(new Operand(a.q, s * T * Q, Q),
                    new Operand(a.k, s * T * KV, KV), new Operand(a.v, s * T * KV, KV), T, T, heads, kvHeads, d, b.mask(),
                    s * T, 0, a.probs, s * heads * T * T, new Operand(a.ctx, s * T * Q, Q)));
        } else {
            System.arraycopy(a.k, 0, cache.k()[l], position0 * KV, T * KV);
            System.arraycopy(a.v, 0, cache.v()[l], position0 * KV, T * KV);
            int keys = position0 + T;
            Attention.forward(new Operand(a.q, 0, Q), new Operand(cache.k()[l], 0, KV), new Operand(cache.v()[l], 0, KV),
                    T, keys, heads, kvHeads, d, null, 0, position0, cacheProbs(T, keys), 0, new Operand(a.ctx, 0, Q));
        }
        Adapted.forward(adapters, layer.o(), a.ctx, rows, a.x2, training);
        Adapted.add(a.x2, in, rows * H);
        RowBlocks.run(rows, (f, z) -> Norms.rmsNorm(a.x2, layer.postAttentionNorm(), a.h2, a.rstd2, f, z, H,
                c.rmsNormEps()));
        Adapted.forward(adapters, layer.gate(), a.h2, rows, a.gate, training);
        Adapted.forward(adapters, layer.up(), a.h2, rows, a.up, training);
        Activations.silu(a.gate, a.sg, rows * I);
        for (int i = 0; i < rows * I; i++) {
            a.act[i] = a.sg[i] * a.up[i];
        }
        Adapted.forward(adapters, layer.down(), a.act, rows, out, training);
        Adapted.add(out, a.x2, rows * H);
    }

    private float[] generationProbs = new float[0];

    private float[] cacheProbs(int tokens, int keys) {
        if (generationProbs.length < heads * tokens * keys) {
            generationProbs = new float[heads * tokens * keys];
        }
        return generationProbs;
    }

    /**
     * The summed cross-entropy of a batch's labelled next tokens (labels [size x length], aligned
     * with the ids: the logits at t predict labels[t + 1]); {@link #countedTokens} says how many
     * counted. With {@code training}, keeps what {@link #backward} needs.
     */
    public double lossSum(TokenBatch b, int[] labels, boolean training) {
        checkBatch(b);
        if (labels.length != b.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + b.rows() + " tokens");
        }
        run(b, training, null, 0);
        trainedForward = training;
        int T = b.length();
        selected = 0;
        if (selectedRows.length < b.rows()) {
            selectedRows = new int[b.rows()];
            selectedTargets = new int[b.rows()];
        }
        for (int r = 0; r < b.rows(); r++) {
            if (r % T < T - 1 && labels[r + 1] != CrossEntropy.IGNORE) {
                if (labels[r + 1] < 0 || labels[r + 1] >= vocab) {
                    throw new IllegalArgumentException("label " + labels[r + 1] + " outside the vocabulary of " + vocab);
                }
                selectedRows[selected] = r;
                selectedTargets[selected++] = labels[r + 1];
            }
        }
        if (selected > selectedCap) {
            selectedCap = selected;
            selectedHidden = new float[selected * H];
            selectedLogits = new float[selected * vocab];
        }
        for (int i = 0; i < selected; i++) {
            System.arraycopy(normed, selectedRows[i] * H, selectedHidden, i * H, H);
        }
        Gemm.multiply(false, true, selected, vocab, H, 1f, selectedHidden, 0, model.lmHead(), 0, 0f, selectedLogits, 0);
        return CrossEntropy.rows(selectedLogits, 0, selected, vocab, selectedTargets, 0, training ? selectedLogits : null,
                1f);
    }

    /** How many tokens the last {@link #lossSum} counted. */
    public int countedTokens() {
        return selected;
    }

    /**
     * Back-propagates {@code scale} x the last training loss sum (scale = 1 / counted tokens gives
     * the mean Hugging Face reports), accumulating every adapter's parameter gradients.
     */
    public void backward(float scale) {
        backward(scale, null);
    }

    /**
     * As {@link #backward(float)}, and with {@code into} not null also the gradient of every base
     * parameter (embeddings, norms, every linear layer's weight and bias, the head) added into it:
     * full-parameter training. Sums over rows run in row order, so the result does not depend on
     * threads.
     */
    public void backward(float scale, DecoderGradients into) {
        full = into;
        if (!trainedForward) {
            throw new IllegalStateException("backward needs a lossSum with training = true first");
        }
        Gradients g = grads;
        int rows = batch.rows();
        Arrays.fill(g.dH, 0, rows * H, 0f);
        Gemm.multiply(false, false, selected, H, vocab, scale, selectedLogits, 0, model.lmHead(), 0, 0f, g.dX, 0);
        for (int i = 0; i < selected; i++) {
            System.arraycopy(g.dX, i * H, g.dH, selectedRows[i] * H, H);
        }
        if (full != null) {
            float[] head = full.of(c.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
            Gemm.multiply(true, false, vocab, H, selected, scale, selectedLogits, 0, selectedHidden, 0, 1f, head, 0);
        }
        float[] last = xs[layers];
        RowBlocks.run(rows, (f, z) -> Norms.rmsNormBackward(last, model.finalNorm(), rstdFinal, g.dH, g.g, null, f, z, H));
        if (full != null) {
            Norms.rmsNormGammaGradient(last, rstdFinal, g.dH, full.of("model.norm.weight"), rows, H);
        }
        for (int l = layers - 1; l >= 0; l--) {
            layerBackward(l, acts[l], xs[l], l > 0 || full != null);
        }
        if (full != null) {
            float[] dEmb = full.of("model.embed_tokens.weight");
            int[] ids = batch.ids();
            for (int r = 0; r < rows; r++) {
                int o = ids[r] * H;
                for (int h = 0; h < H; h++) {
                    dEmb[o + h] += g.g[r * H + h];
                }
            }
        }
        trainedForward = false;
        full = null;
    }

    /** dW += dy^T x and db += the columns' sums of dy, for a full-parameter backward. */
    private void weightGradient(Linear lin, float[] x, float[] dy, int rows) {
        if (full == null) {
            return;
        }
        Gemm.multiply(true, false, lin.out(), lin.in(), rows, 1f, dy, 0, x, 0, 1f, full.of(lin.path() + ".weight"), 0);
        if (lin.bias() != null) {
            float[] db = full.of(lin.path() + ".bias");
            int out = lin.out();
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    db[o] += dy[r * out + o];
                }
            }
        }
    }

    private void gammaGradient(String name, float[] x, float[] rstd, float[] dy, int rows) {
        if (full != null) {
            Norms.rmsNormGammaGradient(x, rstd, dy, full.of(name), rows, H);
        }
    }


    /** grads.g holds d out; leaves d in there. */
    private void layerBackward(int l, LayerActivations a, float[] in, boolean inputGrad) {
        Qwen2.Layer layer = model.layer(l);
        Gradients g = grads;
        TokenBatch b = batch;
        int rows = b.rows(), T = b.length();
        String p = "model.layers." + l + ".";
        Adapted.backward(adapters, layer.down(), a.act, g.g, rows, g.dAct, false, true);
        weightGradient(layer.down(), a.act, g.g, rows);
        for (int i = 0; i < rows * I; i++) {
            g.dUp[i] = g.dAct[i] * a.sg[i];
            g.dAct[i] *= a.up[i];
        }
        Activations.siluBackward(a.gate, g.dAct, g.dGate, rows * I);
        Adapted.backward(adapters, layer.gate(), a.h2, g.dGate, rows, g.dH, false, true);
        Adapted.backward(adapters, layer.up(), a.h2, g.dUp, rows, g.dH, true, true);
        weightGradient(layer.gate(), a.h2, g.dGate, rows);
        weightGradient(layer.up(), a.h2, g.dUp, rows);
        RowBlocks.run(rows, (f, z) -> Norms.rmsNormBackward(a.x2, layer.postAttentionNorm(), a.rstd2, g.dH, g.dX, null,
                f, z, H));
        gammaGradient(p + "post_attention_layernorm.weight", a.x2, a.rstd2, g.dH, rows);
        Adapted.add(g.g, g.dX, rows * H);
        Adapted.backward(adapters, layer.o(), a.ctx, g.g, rows, g.dCtx, false, true);
        weightGradient(layer.o(), a.ctx, g.g, rows);
        Arrays.fill(g.dK, 0, rows * KV, 0f);
        Arrays.fill(g.dV, 0, rows * KV, 0f);
        IntStream.range(0, b.size()).parallel().forEach(s -> Attention.backward(new Operand(a.q, s * T * Q, Q),
                new Operand(a.k, s * T * KV, KV), new Operand(a.v, s * T * KV, KV), T, T, heads, kvHeads, d, a.probs,
                s * heads * T * T, new Operand(g.dCtx, s * T * Q, Q), new Operand(g.dQ, s * T * Q, Q),
                new Operand(g.dK, s * T * KV, KV), new Operand(g.dV, s * T * KV, KV), g.attn, s * T * T));
        float[] cos = model.ropeCos(), sin = model.ropeSin();
        for (int s = 0; s < b.size(); s++) {
            Rotary.apply(g.dQ, s * T * Q, T, heads, d, 0, cos, sin, true);
            Rotary.apply(g.dK, s * T * KV, T, kvHeads, d, 0, cos, sin, true);
        }
        Adapted.backward(adapters, layer.q(), a.h1, g.dQ, rows, g.dH, false, inputGrad);
        Adapted.backward(adapters, layer.k(), a.h1, g.dK, rows, g.dH, true, inputGrad);
        Adapted.backward(adapters, layer.v(), a.h1, g.dV, rows, g.dH, true, inputGrad);
        weightGradient(layer.q(), a.h1, g.dQ, rows);
        weightGradient(layer.k(), a.h1, g.dK, rows);
        weightGradient(layer.v(), a.h1, g.dV, rows);
        if (inputGrad) {
            RowBlocks.run(rows, (f, z) -> Norms.rmsNormBackward(in, layer.inputNorm(), a.rstd1, g.dH, g.dX, null, f, z, H));
            gammaGradient(p + "input_layernorm.weight", in, a.rstd1, g.dH, rows);
            Adapted.add(g.g, g.dX, rows * H);
        }
    }

    /**
     * The logits [size x length x vocab] of every position (inference; padding rows included).
     * The array is the pass's own, valid until the next call.
     */
    public float[] logits(TokenBatch b) {
        checkBatch(b);
        run(b, false, null, 0);
        trainedForward = false;
        int rows = b.rows();
        if (allLogits.length < rows * vocab) {
            allLogits = new float[rows * vocab];
        }
        Gemm.multiply(false, true, rows, vocab, H, 1f, normed, 0, model.lmHead(), 0, 0f, allLogits, 0);
        return allLogits;
    }

    /**
     * Greedy generation with a key/value cache: the prompt runs once, then one token per step,
     * each the first index of the largest logit, until {@code maxNew} tokens or a token
     * {@code stop} accepts (which is kept). Returns the new tokens.
     */
    public int[] generate(int[] prompt, int maxNew, IntPredicate stop) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generation needs a prompt of at least one token");
        }
        if (maxNew < 0) {
            throw new IllegalArgumentException("max new tokens must be non-negative, not " + maxNew);
        }
        int total = prompt.length + maxNew;
        if (total > c.maxPositions()) {
            throw new IllegalArgumentException(prompt.length + " prompt tokens + " + maxNew + " new ones exceed the model's "
                    + c.maxPositions() + " positions");
        }
        checkBatch(new TokenBatch(1, prompt.length, prompt, ones(prompt.length)));
        Cache cache = new Cache(new float[layers][total * KV], new float[layers][total * KV]);
        int[] out = new int[maxNew];
        int produced = 0, position = 0;
        int[] chunk = prompt;
        float[] row = new float[vocab];
        while (produced < maxNew) {
            TokenBatch b = new TokenBatch(1, chunk.length, chunk, ones(chunk.length));
            run(b, false, cache, position);
            position += chunk.length;
            Gemm.multiply(false, true, 1, vocab, H, 1f, normed, (chunk.length - 1) * H, model.lmHead(), 0, 0f, row, 0);
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (row[i] > row[best]) {
                    best = i;
                }
            }
            out[produced++] = best;
            if (stop.test(best)) {
                break;
            }
            chunk = new int[] {best};
        }
        trainedForward = false;
        return Arrays.copyOf(out, produced);
    }

    private static int[] ones(int n) {
        int[] m = new int[n];
        Arrays.fill(m, 1);
        return m;
    }

}
