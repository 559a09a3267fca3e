package org.qtune.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.qtune.data.ArithmeticProblems;
import org.qtune.data.LabeledText;
import org.qtune.data.MicroBatches;
import org.qtune.data.TaskExample;
import org.qtune.optim.AdamW;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.LearningRateSchedule;
import org.qtune.optim.OptimizationResult;
import org.qtune.train.TrainingLoop;

/**
 * The fine-tuning worker on the tiny Hugging Face models of the fixtures (a BERT classifier, a Qwen2
 * generator): micro-batch sums against one pass over the whole batch, the gradient against the
 * loss's own directional difference, evaluation against training, and a short run that learns.
 */
class FineTuneWorkerTest {
    static Path fixture(String name) throws Exception {
        return Path.of(FineTuneWorkerTest.class.getResource("/fixtures/transformers/" + name).toURI());
    }

    static FineTuneModel classifier(Method method) throws Exception {
        return new FineTuneModel.Spec(fixture("bert-tiny").toString(), method, 4, 8, 0, List.of("query", "value"), 2, 32,
                5).load();
    }

    /** A QTHA-family classifier at test size: 3 qubits, 1 circuit layer, bottleneck 8, bond 2. */
    static FineTuneModel qthaClassifier(Method method) throws Exception {
        return new FineTuneModel.Spec(fixture("bert-tiny").toString(), method, 4, 6, 0, List.of("query", "value"), 2, 32,
                5, new FineTuneModel.QthaShape(3, 1, 8, 2)).load();
    }

    static FineTuneModel qthaGenerator(Method method) throws Exception {
        return new FineTuneModel.Spec(fixture("qwen2-tiny").toString(), method, 4, 6, 0, List.of("q", "v"), 0, 64, 5,
                new FineTuneModel.QthaShape(3, 2, 8, 2)).load();
    }

    static FineTuneModel generator() throws Exception {
        return new FineTuneModel.Spec(fixture("qwen2-tiny").toString(), Method.LORA, 4, 8, 0, List.of("q", "v"), 0, 64, 5)
                .load();
    }

    /** Texts whose class is whether they mention a good thing: a rule a small model can learn. */
    static List<TaskExample> texts(int n, long seed) {
        String[] good = {"good", "great", "nice"}, other = {"the", "a", "cat", "dog", "runs", "sat", "on", "mat", "red"};
        SplittableRandom r = new SplittableRandom(seed);
        List<TaskExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            StringBuilder s = new StringBuilder();
            int words = 3 + r.nextInt(6);
            for (int w = 0; w < words; w++) {
                s.append(other[r.nextInt(other.length)]).append(' ');
            }
            if (label == 1) {
                s.append(good[r.nextInt(good.length)]);
            }
            out.add(new LabeledText("t" + i, s.toString().trim(), label));
        }
        return out;
    }

    private static double relative(double[] a, double[] b) {
        double d = 0, n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    private static double[] perturbed(double[] x, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += scale * (2 * r.nextDouble() - 1);
        }
        return y;
    }

    /**
     * The step's sum over micro-batches against one forward and backward over all its examples. The
     * two add float32 products in different orders (a weight's gradient sums over the tokens of one
     * micro-batch in float, then over micro-batches in double), so they agree to float rounding, not
     * bit for bit: the bound, 1e-6 relative (L2 over the whole gradient), is met with about 3e-7
     * (classifier) and 8e-7 (generator) measured with OpenBLAS; the loss to 1e-7. That the sums do
     * not depend on where each micro-batch runs is tested bit for bit elsewhere (the same step twice
     * here; 1, 2 and 4 partitions in spark-jobs).
     */
    private static void microBatchSumsEqualOnePassOverTheWholeBatch(FineTuneModel model, List<TaskExample> data,
                                                                     double tolerance) {
        List<TokenizedExample> examples = model.tokenizeAll(data);
        MicroBatches batches = new MicroBatches(examples.size(), 3, 4, 9);
        LocalSteps steps = new LocalSteps(model, examples, batches, 9);
        double[] theta = perturbed(model.initialParameters(), 1, 0.05);
        Sums summed = steps.step(theta, 1);
        List<TokenizedExample> whole = new ArrayList<>();
        for (int b : batches.ofStep(1)) {
            whole.addAll(LocalSteps.members(examples, batches, b));
        }
        Sums once = model.newWorker().train(theta, whole, 0);
        assertEquals(once.count(), summed.count());
        assertEquals(once.lossSum(), summed.lossSum(), 1e-7 * Math.abs(once.lossSum()));
        double rel = relative(summed.gradientView(), once.gradientView());
        assertTrue(rel < tolerance, "relative difference " + rel);
        assertArrayEquals(summed.gradientView(), steps.step(theta, 1).gradientView(), "the same step twice, bit for bit");
    }

    @Test
    void aClassifiersMicroBatchSumsEqualOnePass() throws Exception {
        microBatchSumsEqualOnePassOverTheWholeBatch(classifier(Method.LORA), texts(30, 1), 1e-6);
    }

    @Test
    void aGeneratorsMicroBatchSumsEqualOnePass() throws Exception {
        microBatchSumsEqualOnePassOverTheWholeBatch(generator(), new ArrayList<>(ArithmeticProblems.generate(30, 2, 3, "a")),
                1e-6);
    }

    /**
     * d/de L(theta + e d) at 0 by central differences, against g . d, in float32 (so loosely; the
     * double-precision finite-difference check of every LoRA gradient is LoraGradientTest's). The
     * step e trades the curvature's error against float rounding for each model.
     */
    private static void gradientMatchesTheDirectionalDifference(FineTuneModel model, List<TaskExample> data, double eps) {
        List<TokenizedExample> block = model.tokenizeAll(data);
        Worker w = model.newWorker();
        double[] theta = perturbed(model.initialParameters(), 2, 0.1);
        double[] g = w.train(theta, block, 0).gradient();
        directionalDifferencesMatch(theta, g, p -> w.evaluate(p, block, 0).lossSum(), eps, 10);
    }

    /** Three random directions d from firstSeed: g . d against the central difference of loss along d. */
    private static void directionalDifferencesMatch(double[] theta, double[] g,
            java.util.function.ToDoubleFunction<double[]> loss, double eps, long firstSeed) {
        for (long seed = firstSeed; seed < firstSeed + 3; seed++) {
            double[] d = perturbed(new double[theta.length], seed, 1);
            double dot = 0;
            for (int i = 0; i < d.length; i++) {
                dot += g[i] * d[i];
            }
            double[] plus = theta.clone(), minus = theta.clone();
            for (int i = 0; i < d.length; i++) {
                plus[i] += eps * d[i];
                minus[i] -= eps * d[i];
            }
            double fd = (loss.applyAsDouble(plus) - loss.applyAsDouble(minus)) / (2 * eps);
            assertEquals(dot, fd, 2e-3 * Math.abs(dot) + 1e-4, "direction " + seed);
        }
    }

    @Test
    void aClassifiersGradientCoversLoraAndTheHead() throws Exception {
        gradientMatchesTheDirectionalDifference(classifier(Method.LORA), texts(6, 2), 1e-2);
        gradientMatchesTheDirectionalDifference(classifier(Method.HEAD_ONLY), texts(6, 3), 1e-2);
    }

    @Test
    void aGeneratorsGradientMatches() throws Exception {
        gradientMatchesTheDirectionalDifference(generator(), new ArrayList<>(ArithmeticProblems.generate(4, 1, 4, "g")), 1e-3);
    }

    @Test
    void qthaGradientsThroughTheWholeModelMatch() throws Exception {
        for (Method m : new Method[] {Method.QTHA, Method.QTHA_ABD, Method.QTHA_BC}) {
            gradientMatchesTheDirectionalDifference(qthaClassifier(m), texts(6, 2), 1e-2);
        }
        gradientMatchesTheDirectionalDifference(qthaGenerator(Method.QTHA), new ArrayList<>(ArithmeticProblems.generate(4, 1,
                4, "g")), 1e-3);
    }

    @Test
    void qthaMicroBatchSumsEqualOnePass() throws Exception {
        microBatchSumsEqualOnePassOverTheWholeBatch(qthaClassifier(Method.QTHA), texts(30, 1), 1e-6);
    }

    /** Every QTHA member starts as the base model: the same loss, bit for bit, as the head alone on it. */
    @Test
    void qthaStartsAsTheBaseModel() throws Exception {
        List<TokenizedExample> block = classifier(Method.HEAD_ONLY).tokenizeAll(texts(6, 7));
        FineTuneModel head = classifier(Method.HEAD_ONLY);
        double base = head.newWorker().evaluate(head.initialParameters(), block, 0).lossSum();
        for (Method m : Method.values()) {
            if (m.qtha() != null) {
                FineTuneModel q = qthaClassifier(m);
                assertEquals(base, q.newWorker().evaluate(q.initialParameters(), block, 0).lossSum(), 0.0, m.id());
                assertTrue(q.trainableParameters() > head.trainableParameters(), m.id());
            }
        }
    }

    @Test
    void aShortQthaRunLearnsTheRule() throws Exception {
        FineTuneModel model = qthaClassifier(Method.QTHA);
        List<TokenizedExample> examples = model.tokenizeAll(texts(32, 5));
        MicroBatches batches = new MicroBatches(examples.size(), 4, 2, 1);
        AdamW adamw = new AdamW(0.02, 0, 1, LearningRateSchedule.cosine(5, 60));
        OptimizationResult r = new TrainingLoop(adamw, new LocalSteps(model, examples, batches, 1),
                ConvergenceCheck.iterations(60)).run(model.initialParameters());
        Sums before = LocalSteps.evaluate(model.newWorker(), model.initialParameters(), examples, 8, 0);
        Sums after = LocalSteps.evaluate(model.newWorker(), r.x(), examples, 8, 0);
        assertTrue(after.meanLoss() < 0.5 * before.meanLoss(), before.meanLoss() + " -> " + after.meanLoss());
        assertTrue(after.accuracy() >= 0.9, "accuracy " + after.accuracy());
    }

    /**
     * Quantum-Train through the whole model: circuit -> probabilities -> mapping -> LoRA A and B ->
     * the classifier's loss, its gradient (workers' dL/dW carried back through the generator) against
     * central differences along random directions; the start is the base model.
     */
    @Test
    void quantumTrainsChainThroughTheModelMatchesFiniteDifferences() throws Exception {
        FineTuneModel lora = classifier(Method.LORA);
        GeneratedLora qt = new GeneratedLora(lora, 16, 2, 6, org.qtune.adapter.QuantumWeightGenerator.local());
        List<TokenizedExample> block = lora.tokenizeAll(texts(6, 2));
        Worker w = lora.newWorker();
        double[] theta = qt.initialParameters();
        FineTuneModel head = classifier(Method.HEAD_ONLY);
        assertEquals(head.newWorker().evaluate(head.initialParameters(), block, 0).lossSum(),
                w.evaluate(qt.toModel(theta), block, 0).lossSum(), 0.0, "starts as the base model");
        theta = perturbed(theta, 3, 0.05);
        double[] g = qt.toParameters(theta, w.train(qt.toModel(theta), block, 0).gradient());
        directionalDifferencesMatch(theta, g, p -> w.evaluate(qt.toModel(p), block, 0).lossSum(), 1e-3, 20);
        assertTrue(qt.parameterCount() < lora.trainableParameters());
    }

    @Test
    void evaluationTalliesTheClassifiersPredictions() throws Exception {
        FineTuneModel model = classifier(Method.HEAD_ONLY);
        List<TokenizedExample> block = model.tokenizeAll(texts(10, 4));
        double[] theta = perturbed(model.initialParameters(), 3, 0.3);
        Sums e = model.newWorker().evaluate(theta, block, 0);
        assertEquals(10, e.examples());
        assertEquals(model.newWorker().train(theta, block, 0).lossSum(), e.lossSum(), 1e-5 * e.lossSum());
        long positives = block.stream().filter(x -> x.label() == 1).count();
        assertEquals(positives, e.truePositives() + e.falseNegatives());
        assertTrue(e.correct() >= e.truePositives());
    }

    @Test
    void aGeneratorsEvaluationLossIsItsTrainingLossAndAnswersAreCounted() throws Exception {
        FineTuneModel model = generator();
        List<TokenizedExample> block = model.tokenizeAll(new ArrayList<>(ArithmeticProblems.generate(5, 1, 8, "e")));
        double[] theta = perturbed(model.initialParameters(), 4, 0.05);
        Sums e = model.newWorker().evaluate(theta, block, 2), t = model.newWorker().train(theta, block, 0);
        assertEquals(t.lossSum(), e.lossSum(), 1e-5 * t.lossSum());
        assertEquals(t.count(), e.count());
        assertEquals(5, e.examples());
        TokenizedExample first = block.get(0);
        assertEquals(first.idsView()[first.idsView().length - 1], 0, "the answer ends with the end-of-sequence token");
    }

    @Test
    void aShortRunLearnsTheRule() throws Exception {
        FineTuneModel model = classifier(Method.LORA);
        List<TokenizedExample> examples = model.tokenizeAll(texts(32, 5));
        MicroBatches batches = new MicroBatches(examples.size(), 4, 2, 1);
        AdamW adamw = new AdamW(0.02, 0, 1, LearningRateSchedule.cosine(5, 60));
        OptimizationResult r = new TrainingLoop(adamw, new LocalSteps(model, examples, batches, 1),
                ConvergenceCheck.iterations(60)).run(model.initialParameters());
        Sums before = LocalSteps.evaluate(model.newWorker(), model.initialParameters(), examples, 8, 0);
        Sums after = LocalSteps.evaluate(model.newWorker(), r.x(), examples, 8, 0);
        assertTrue(after.meanLoss() < 0.5 * before.meanLoss(), before.meanLoss() + " -> " + after.meanLoss());
        assertTrue(after.accuracy() >= 0.9, "accuracy " + after.accuracy());
    }

    @Test
    void wrongInputsAreRefusedClearly() throws Exception {
        FineTuneModel c = classifier(Method.LORA);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.tokenize(new LabeledText("x", "a", 2)))
                .getMessage().contains("label 2 is not one of the 2 classes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> c.tokenize(ArithmeticProblems.generate(1, 1, 1, "p").get(0))).getMessage().contains("needs a decoder"));
        FineTuneModel g = generator();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.tokenize(new LabeledText("x", "a", 0)))
                .getMessage().contains("needs an encoder"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FineTuneModel.Spec(
                fixture("qwen2-tiny").toString(), Method.HEAD_ONLY, 4, 8, 0, List.of("q"), 0, 64, 5).load())
                .getMessage().contains("head-only"));
        assertThrows(IllegalArgumentException.class, () -> c.newWorker().train(new double[3], c.tokenizeAll(texts(2, 1)), 0));
    }
}
