package org.qtune.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qtune.model.ClassificationHead;
import org.qtune.model.DecoderGradients;
import org.qtune.model.DecoderPass;
import org.qtune.model.EncoderPass;
import org.qtune.model.LinearAdapter;
import org.qtune.model.TokenBatch;
import org.qtune.model.AdapterSet;
import org.qtune.tensor.kernel.CrossEntropy;

/**
 * Computes micro-batches for one {@link FineTuneModel}: the loss sum and its gradient with respect
 * to the trainable parameters ({@link #train}), or an evaluation ({@link #evaluate}). A worker owns
 * its pass's workspaces, adapters and head, so it serves one thread at a time; it is reused from
 * micro-batch to micro-batch (the workspaces grow to the longest batch and stay). The result of a
 * micro-batch depends only on the parameters, the micro-batch and the dropout seed, not on the
 * worker or the thread.
 */
public final class Worker {
    private final FineTuneModel model;
    private final AdapterSet adapterSet;
    private final ClassificationHead head;
    private final EncoderPass encoder;
    private final DecoderPass decoder;
    private final double[] adapterGradient;
    /** A full-parameter worker's own decoder (its arrays take each step's parameters) and its gradients. */
    private final org.qtune.model.Qwen2 own;
    private final DecoderGradients fullGradient;

    Worker(FineTuneModel model) {
        this.model = model;
        this.adapterSet = model.spec().method().adapts() ? model.newAdapters() : null;
        Map<String, LinearAdapter> adapters = adapterSet == null ? Map.of() : adapterSet.asAdapters();
        boolean full = model.spec().method() == Method.FULL;
        this.own = full ? model.decoder().copy() : null;
        this.fullGradient = full ? new DecoderGradients(own) : null;
        this.adapterGradient = new double[full ? 0 : model.innerParameters()];
        if (model.generates()) {
            this.decoder = new DecoderPass(full ? own : model.decoder(), adapters);
            this.encoder = null;
            this.head = null;
        } else {
            this.encoder = new EncoderPass(model.encoder(), adapters);
            this.decoder = null;
            this.head = model.newHead();
        }
    }

    /** The summed loss of a micro-batch and the gradient of that sum, at parameters {@code theta}. */
    public Sums train(double[] theta, List<TokenizedExample> block, long dropoutSeed) {
        if (model.spec().method() == Method.NONE) {
            throw new IllegalStateException("--method none trains nothing");
        }
        set(theta);
        TokenBatch b = batch(block);
        double[] g = new double[theta.length];
        if (adapterSet != null) {
            adapterSet.zeroGradients();
            adapterSet.seedDropout(dropoutSeed);
        }
        double loss;
        long count;
        if (fullGradient != null) {
            fullGradient.zero();
            loss = decoder.lossSum(b, labels(block, b), true);
            count = decoder.countedTokens();
            decoder.backward(1f, fullGradient);
            fullGradient.into(g);
        } else if (decoder != null) {
            loss = decoder.lossSum(b, labels(block, b), true);
            count = decoder.countedTokens();
            decoder.backward(1f);
        } else {
            head.zeroGradients();
            boolean throughEncoder = adapterSet != null;
            float[] hidden = encoder.forward(b, throughEncoder);
            loss = head.lossSum(hidden, b, classLabels(block));
            count = block.size();
            float[] dHidden = head.backward(1f);
            if (throughEncoder) {
                encoder.backward(dHidden);
            }
            int at = model.innerParameters();
            for (float v : head.gradWeight()) {
                g[at++] = v;
            }
            for (float v : head.gradBias()) {
                g[at++] = v;
            }
        }
        if (adapterSet != null) {
            adapterSet.gradients(adapterGradient);
            System.arraycopy(adapterGradient, 0, g, 0, adapterGradient.length);
        }
        return new Sums(loss, count, g, 0, 0, 0, 0, 0, tokens(block));
    }

    /**
     * The loss sum of a micro-batch and its tallies at {@code theta}: a classifier's predictions (the
     * largest logit) against the labels; a generator's greedy answers (at most the reference answer's
     * tokens + {@code slack} new tokens, ending at an end-of-sequence token) against the reference
     * answers, compared as their first lines without surrounding spaces.
     */
    public Sums evaluate(double[] theta, List<TokenizedExample> block, int slack) {
        return evaluate(theta, block, slack, 0);
    }

    /** {@link #evaluate}, the adapters' random draws (a QTHA circuit's shots) seeded by {@code seed}. */
    public Sums evaluate(double[] theta, List<TokenizedExample> block, int slack, long seed) {
        set(theta);
        if (adapterSet != null) {
            adapterSet.seedDropout(seed);
        }
        TokenBatch b = batch(block);
        if (decoder != null) {
            double loss = decoder.lossSum(b, labels(block, b), false);
            long count = decoder.countedTokens();
            int[] ends = model.endIds();
            long correct = 0;
            for (TokenizedExample e : block) {
                if (e.answer() == null) {
                    continue;  // a window of running text: its loss counts, there is no answer to generate
                }
                int answerTokens = e.idsView().length - e.answerStart();
                int[] out = decoder.generate(e.promptIds(), answerTokens + slack, id -> contains(ends, id));
                int n = out.length;
                while (n > 0 && contains(ends, out[n - 1])) {
                    n--;
                }
                String text = model.tokenizer().decode(Arrays.copyOf(out, n));
                if (firstLine(text).equals(firstLine(e.answer()))) {
                    correct++;
                }
            }
            return new Sums(loss, count, null, block.size(), correct, 0, 0, 0, tokens(block));
        }
        float[] hidden = encoder.forward(b, false);
        int classes = head.classes(), n = block.size();
        float[] logits = Arrays.copyOf(head.logits(hidden, b), n * classes);
        int[] labels = classLabels(block);
        double loss = CrossEntropy.rows(logits, 0, n, classes, labels, 0, null, 1f);
        long correct = 0, tp = 0, fp = 0, fn = 0;
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[s * classes + c] > logits[s * classes + best]) {
                    best = c;
                }
            }
            correct += best == labels[s] ? 1 : 0;
            tp += best == 1 && labels[s] == 1 ? 1 : 0;
            fp += best == 1 && labels[s] != 1 ? 1 : 0;
            fn += best != 1 && labels[s] == 1 ? 1 : 0;
        }
        return new Sums(loss, n, null, n, correct, tp, fp, fn, tokens(block));
    }

    /**
     * The mean loss of each example at {@code theta} (a generator's per counted token, a
     * classifier's per example), each in a forward pass of its own: how hard the example is for the
     * model, as a curriculum orders them. Nothing is generated.
     */
    public double[] lossPerExample(double[] theta, List<TokenizedExample> examples) {
        set(theta);
        double[] out = new double[examples.size()];
        for (int i = 0; i < out.length; i++) {
            List<TokenizedExample> one = List.of(examples.get(i));
            TokenBatch b = batch(one);
            if (decoder != null) {
                double loss = decoder.lossSum(b, labels(one, b), false);
                out[i] = loss / Math.max(1, decoder.countedTokens());
            } else {
                float[] hidden = encoder.forward(b, false);
                float[] logits = Arrays.copyOf(head.logits(hidden, b), head.classes());
                out[i] = CrossEntropy.rows(logits, 0, 1, head.classes(), classLabels(one), 0, null, 1f);
            }
        }
        return out;
    }

    private void set(double[] theta) {
        if (theta.length != model.trainableParameters()) {
            throw new IllegalArgumentException(theta.length + " parameters for a model with "
                    + model.trainableParameters() + " trainable ones");
        }
        if (own != null) {
            DecoderGradients.setParameters(own, theta);
        } else if (adapterSet != null) {
            adapterSet.setParameters(theta);
        }
        if (head != null && model.spec().method() != Method.NONE) {
            float[] w = head.weight(), bias = head.bias();
            int at = model.innerParameters();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) theta[at++];
            }
            for (int i = 0; i < bias.length; i++) {
                bias[i] = (float) theta[at++];
            }
        }
    }

    private TokenBatch batch(List<TokenizedExample> block) {
        if (block.isEmpty()) {
            throw new IllegalArgumentException("an empty micro-batch");
        }
        List<int[]> ids = new ArrayList<>(block.size());
        for (TokenizedExample e : block) {
            ids.add(e.idsView());
        }
        return TokenBatch.pad(ids, model.padId());
    }

    /** Next-token labels: the answer's tokens; the prompt and the padding count nothing. */
    private static int[] labels(List<TokenizedExample> block, TokenBatch b) {
        int T = b.length();
        int[] labels = new int[b.rows()];
        Arrays.fill(labels, CrossEntropy.IGNORE);
        for (int s = 0; s < block.size(); s++) {
            TokenizedExample e = block.get(s);
            if (!e.isGeneration()) {
                throw new IllegalArgumentException("a labelled text in a generator's micro-batch");
            }
            int[] ids = e.idsView();
            for (int t = e.answerStart(); t < ids.length; t++) {
                labels[s * T + t] = ids[t];
            }
        }
        return labels;
    }

    private static int[] classLabels(List<TokenizedExample> block) {
        int[] labels = new int[block.size()];
        for (int s = 0; s < labels.length; s++) {
            if (block.get(s).isGeneration()) {
                throw new IllegalArgumentException("a prompt with an answer in a classifier's micro-batch");
            }
            labels[s] = block.get(s).label();
        }
        return labels;
    }

    private static long tokens(List<TokenizedExample> block) {
        long n = 0;
        for (TokenizedExample e : block) {
            n += e.idsView().length;
        }
        return n;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
