package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.data.ArithmeticProblems;
import org.qtune.data.LabeledText;
import org.qtune.data.MicroBatches;
import org.qtune.data.TaskExample;
import org.qtune.finetune.FineTuneModel;
import org.qtune.finetune.LocalSteps;
import org.qtune.finetune.Method;
import org.qtune.finetune.Sums;
import org.qtune.optim.AdamW;
import org.qtune.optim.ConvergenceCheck;
import org.qtune.optim.LearningRateSchedule;
import org.qtune.optim.OptimizationResult;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.testing.SparkTestContext;
import org.qtune.spark.testing.TinyHfDirs;
import org.qtune.train.TrainingLoop;

/**
 * Data-parallel steps on local Spark against the same steps in this process ({@link LocalSteps}),
 * bit for bit, with 1, 2 and 4 partitions, for a generator and a classifier.
 */
class DataParallelStepsTest {
    static final JavaSparkContext SC = SparkTestContext.get();
    @TempDir
    static Path tmp;
    static FineTuneModel.Spec generator;
    static FineTuneModel.Spec classifier;

    @BeforeAll
    static void models() throws Exception {
        generator = new FineTuneModel.Spec(TinyHfDirs.decoderDir(tmp.resolve("qwen")).toString(), Method.LORA, 4, 8, 0.1,
                List.of("q", "v"), 0, 48, 3);
        classifier = new FineTuneModel.Spec(TinyHfDirs.encoderDir(tmp.resolve("bert")).toString(), Method.LORA, 2, 4, 0,
                List.of("query", "value"), 2, 16, 3);
    }

    static List<TaskExample> problems(int n) {
        return new ArrayList<>(ArithmeticProblems.generate(n, 1, 5, "p"));
    }

    static List<TaskExample> texts(int n) {
        String[] words = {"the", "cat", "sat", "on", "mat", "hello", "world", "quantum"};
        List<TaskExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < 2 + i % 5; w++) {
                s.append(words[(i * 7 + w * 3) % words.length]).append(' ');
            }
            out.add(new LabeledText("t" + i, s.toString().trim(), i % 2));
        }
        return out;
    }

    private static void stepsAreThoseOfOneProcess(FineTuneModel.Spec spec, List<TaskExample> data) throws Exception {
        FineTuneModel model = spec.load();
        MicroBatches batches = new MicroBatches(data.size(), 3, 3, 7);
        LocalSteps local = new LocalSteps(model, model.tokenizeAll(data), batches, 7);
        double[] theta = model.initialParameters();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.01 * Math.sin(3 * i);
        }
        for (int partitions : new int[] {1, 2, 4}) {
            try (DataParallelSteps spark = new DataParallelSteps(SC, spec, data, batches, 7, partitions, "test")) {
                // the weights inside the tasks (small ones) at 1 and 4 partitions, as a broadcast (large ones) at 2
                spark.closureWeightsBytes = partitions == 2 ? 0 : DataParallelSteps.CLOSURE_WEIGHTS_BYTES;
                for (int step = 1; step <= 3; step++) {
                    Sums want = local.step(theta, step), got = spark.step(theta, step);
                    assertEquals(want.lossSum(), got.lossSum(), partitions + " partitions, step " + step);
                    assertEquals(want.count(), got.count());
                    assertArrayEquals(want.gradientView(), got.gradientView(), partitions + " partitions, step " + step);
                }
                JavaRDD<TokenBlock> set = spark.evaluationSet(data, 4, "an evaluation set");
                Sums want = LocalSteps.evaluate(model.newWorker(), theta, model.tokenizeAll(data), 4, 2);
                Sums got = spark.evaluateSet(set, theta, 2, "evaluate");
                assertEquals(want.lossSum(), got.lossSum());
                assertEquals(want.correct(), got.correct());
                assertEquals(want.examples(), got.examples());
                assertTrue(spark.lastJob().wallSeconds() > 0);
            }
        }
    }

    @Test
    void aGeneratorsStepsAreBitForBitThoseOfOneProcessOnOneTwoAndFourPartitions() throws Exception {
        stepsAreThoseOfOneProcess(generator, problems(20));
    }

    @Test
    void aClassifiersStepsAreBitForBitThoseOfOneProcessOnOneTwoAndFourPartitions() throws Exception {
        stepsAreThoseOfOneProcess(classifier, texts(20));
    }

    @Test
    void aTrainingRunHasTheSameCurveOnOneAndThreePartitions() throws Exception {
        List<TaskExample> data = texts(24);
        MicroBatches batches = new MicroBatches(data.size(), 4, 2, 1);
        double[] x0 = classifier.load().initialParameters();
        List<double[]> finals = new ArrayList<>();
        List<List<Double>> curves = new ArrayList<>();
        for (int partitions : new int[] {1, 3}) {
            try (DataParallelSteps spark = new DataParallelSteps(SC, classifier, data, batches, 1, partitions, "run")) {
                OptimizationResult r = new TrainingLoop(new AdamW(0.05, 0.01, 1, LearningRateSchedule.cosine(2, 6)), spark,
                        ConvergenceCheck.iterations(6)).run(x0);
                finals.add(r.x());
                curves.add(r.history());
            }
        }
        assertEquals(curves.get(0), curves.get(1));
        assertArrayEquals(finals.get(0), finals.get(1));
        assertTrue(curves.get(0).get(5) < curves.get(0).get(0), "the loss falls: " + curves.get(0));
    }

    @Test
    void anExampleThatCannotBeTokenizedIsNamedInOneLine() {
        List<TaskExample> data = texts(8);
        data.set(5, new LabeledText("mail-17", "the cat", 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataParallelSteps(SC, classifier, data, new MicroBatches(8, 2, 2, 1), 1, 2, "bad"));
        assertEquals("mail-17: label 4 is not one of the 2 classes", e.getMessage());
    }

    @Test
    void theTaskFunctionIsSmall() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new DataParallelSteps.TrainBlocks(new DataParallelSteps.Base(generator,
                    new org.qtune.spark.data.ModelFiles.Source(generator.model(), null)), null, new int[] {1, 2, 3}, 1, 1));
        }
        assertTrue(bytes.size() < 2048, "serialized task function: " + bytes.size() + " bytes");
    }
}
