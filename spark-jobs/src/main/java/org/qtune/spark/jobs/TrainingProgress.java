package org.qtune.spark.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.qtune.finetune.Sums;
import org.qtune.io.Checks;
import org.qtune.optim.LearningRateSchedule;
import org.qtune.optim.OptimizerState;
import org.qtune.spark.data.TokenBlock;
import org.qtune.spark.train.DataParallelSteps;
import org.qtune.train.MetricsLog;
import org.qtune.train.StepListener;
import org.qtune.train.StepMetrics;

/**
 * The training jobs' hook: a progress line per step (loss, learning rate, gradient norm, tokens per
 * second, Spark's share, ETA), a validation every K steps and at the last step written into the
 * metrics, and the throughput for the report (the first step of a run, with the JIT's warm-up, left
 * out).
 */
final class TrainingProgress implements StepListener {
    /**
     * Spark settings the training jobs ask for when the user has not set them: no locality wait.
     * A step's tasks are short and their cached micro-batches cheap to rebuild, so waiting up to
     * Spark's default 3 s for the executor that holds them cost more than recomputing them elsewhere
     * (docs/BENCHMARKS.md section 7: two executors stopped sharing a step).
     */
    static final Map<String, String> SPARK_DEFAULTS = Map.of("spark.locality.wait", "0");

    private final int totalSteps;
    private final int evalEvery;
    private final double learningRate;
    private final LearningRateSchedule schedule;
    private final DataParallelSteps steps;
    private final PrintStream out;
    private final String metricName;
    private final JavaRDD<TokenBlock> validation;
    private final int slack;
    MetricsLog metrics;
    private double seconds;
    private double overhead;
    private long tokens;
    private int done;
    private int from;

    /** The options both training jobs share, checked the same way (one-line errors naming the option). */
    static void checkSchedule(int steps, int batch, int microBatch, double learningRate, double weightDecay,
                              int warmupSteps, double clipNorm, int evalEvery, int checkpointEvery) {
        Checks.atLeast("--steps", steps, 1);
        Checks.atLeast("--batch", batch, 1);
        Checks.atLeast("--micro-batch", microBatch, 1);
        if (batch % microBatch != 0) {
            throw new IllegalArgumentException("--batch " + batch + " must be a multiple of --micro-batch " + microBatch);
        }
        Checks.finitePositive("--learning-rate", learningRate);
        Checks.inRange("--weight-decay", weightDecay, 0, 1);
        Checks.inRange("--warmup-steps", warmupSteps, 0, steps);
        if (!Double.isFinite(clipNorm) || !(clipNorm >= 0)) {
            throw new IllegalArgumentException("--clip-norm must be a finite number >= 0 (0: no clipping), got " + clipNorm);
        }
        Checks.atLeast("--eval-every", evalEvery, 1);
        Checks.atLeast("--checkpoint-every", checkpointEvery, 1);
    }

    /** {@code metricName} null: validation records only the loss (pre-training). */
    /** The model's parameters at the optimizer's point (Quantum-Train's generated weights; else the point itself). */
    java.util.function.UnaryOperator<double[]> toModel = x -> x;

    TrainingProgress(int totalSteps, int evalEvery, double learningRate, LearningRateSchedule schedule,
                     DataParallelSteps steps, PrintStream out, String metricName, JavaRDD<TokenBlock> validation,
                     int slack) {
        this.totalSteps = totalSteps;
        this.evalEvery = evalEvery;
        this.learningRate = learningRate;
        this.schedule = schedule;
        this.steps = steps;
        this.out = out;
        this.metricName = metricName;
        this.validation = validation;
        this.slack = slack;
    }

    @Override
    public void started(int fromStep) {
        from = fromStep;
        if (fromStep > 0) {
            out.printf("resuming from step %d%n", fromStep);
        }
    }

    @Override
    public void stepCompleted(StepMetrics m) {
    }

    @Override
    public void stepCompleted(StepMetrics m, OptimizerState state) throws IOException {
        long t = steps.lastSums().tokens();
        done++;
        if (done > 1 || totalSteps - from == 1) {
            seconds += m.seconds();
            tokens += t;
            overhead += m.overheadSeconds();
        }
        double eta = m.seconds() * (totalSteps - m.step());
        LiveProgress.step(m.step(), totalSteps, m.value(), eta);
        out.printf(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  |g| %.3g  %.0f tok/s  spark %.1f %%  ETA %s%n",
                m.step(), totalSteps, m.value(), learningRate * schedule.factor(m.step()), m.gradientNorm(),
                t / m.seconds(), 100 * m.overheadShare(), duration(eta));
        if (m.step() % evalEvery == 0 || m.step() == totalSteps) {
            Sums v = steps.evaluateSet(validation, toModel.apply(state.x()), slack, "validation at step " + m.step());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("validation_loss", v.meanLoss());
            if (metricName != null) {
                values.put("validation_" + metricName, FinetuneJob.metric(v, metricName));
            }
            if (metrics != null) {
                metrics.record(m.step(), "evaluation", values);
            }
            out.printf(Locale.ROOT, "validation at step %d: loss %.4f%s%n", m.step(), v.meanLoss(), metricName == null ? ""
                    : String.format(Locale.ROOT, ", %s %.4f", metricName, FinetuneJob.metric(v, metricName)));
        }
    }

    double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : Double.NaN;
    }

    double overheadShare() {
        return seconds > 0 ? overhead / seconds : Double.NaN;
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t % 3600 / 60) : String.format("%dm%02ds", t / 60, t % 60);
    }
}
