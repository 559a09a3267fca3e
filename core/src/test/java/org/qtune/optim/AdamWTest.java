package org.qtune.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static OptimizerState step(Optimizer o, OptimizerState s, double value, double... g) {
        return o.tell(s, List.of(new Evaluation(value, g)));
    }

    @Test
    void withoutDecayClippingOrScheduleItIsAdamBitForBit() {
        Adam adam = new Adam(0.05);
        AdamW adamw = new AdamW(0.05, 0, 0, LearningRateSchedule.constant());
        OptimizerState a = adam.start(new double[] {1, -2, 0.5}), w = adamw.start(new double[] {1, -2, 0.5});
        for (int t = 0; t < 20; t++) {
            double[] x = a.x();
            double[] g = {2 * x[0] + Math.sin(t), 4 * x[1], x[2] * x[2] - 0.3};
            a = step(adam, a, t, g);
            w = step(adamw, w, t, g);
            assertArrayEquals(a.x(), w.x());
        }
    }

    @Test
    void oneStepByHandWithDecayClippingAndWarmUp() {
        // lr 0.1, warm-up 4 steps: step 1 uses 0.025; |g| = 5 clipped to 1: g -> g / (5 + 1e-6)
        AdamW o = new AdamW(0.1, 0.9, 0.999, 1e-8, 0.01, 1.0, LearningRateSchedule.cosine(4, 100));
        OptimizerState s = step(o, o.start(new double[] {2, -1}), 7, 3, 4);
        double lr = 0.025, c = 1 / (5 + 1e-6);
        double[] expect = new double[2];
        double[] x = {2, -1}, g = {3 * c, 4 * c};
        for (int i = 0; i < 2; i++) {
            double xi = x[i] - lr * 0.01 * x[i];
            double m = 0.1 * g[i], v = 0.001 * g[i] * g[i];
            expect[i] = xi - lr * (m / 0.1) / (Math.sqrt(v / 0.001) + 1e-8);
        }
        assertArrayEquals(expect, s.x(), 1e-15);
        assertEquals(5, s.gradientNorm(), 1e-15, "the norm before clipping");
        assertEquals(lr, ((AdamW.State) s).lastLearningRate(), 1e-15);
        assertEquals(7, s.value());
    }

    @Test
    void theScheduleWarmsUpLinearlyThenDecaysAsACosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(10, 110);
        assertEquals(0.1, s.factor(1), 1e-15);
        assertEquals(1.0, s.factor(10), 1e-15);
        assertEquals(0.5, s.factor(60), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-15);
        assertEquals(0.0, s.factor(500), 1e-15);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), s.factor(35), 1e-12);
        LearningRateSchedule floor = new LearningRateSchedule(0, 100, 0.1);
        assertEquals(0.1, floor.factor(100), 1e-15);
        assertEquals(1, LearningRateSchedule.constant().factor(1000));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(10, 5));
        assertThrows(IllegalArgumentException.class, () -> s.factor(0));
    }

    @Test
    void aNonFiniteGradientIsRefusedWithAClearMessage() {
        AdamW o = new AdamW(0.1, 0, 1, LearningRateSchedule.constant());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step(o, o.start(new double[] {1}), 1, Double.NaN));
        assertTrue(e.getMessage().contains("gradient of step 1 is not finite"), e.getMessage());
    }

    @Test
    void itsStateSurvivesTheCodec() throws IOException {
        AdamW o = new AdamW(0.1, 0.01, 1, LearningRateSchedule.cosine(2, 10));
        OptimizerState s = o.start(new double[] {1, 2, 3});
        s = step(o, s, 1, 0.1, -0.2, 0.3);
        s = step(o, s, 0.5, 0.2, 0.1, -0.3);
        AdamW.State back = o.codec().decode(o.codec().encode(s));
        AdamW.State was = (AdamW.State) s;
        assertArrayEquals(was.x(), back.x());
        assertArrayEquals(was.m(), back.m());
        assertArrayEquals(was.v(), back.v());
        assertEquals(was.iteration(), back.iteration());
        assertEquals(was.lastLearningRate(), back.lastLearningRate());
        OptimizerState next1 = step(o, s, 0, 1, 1, 1), next2 = step(o, back, 0, 1, 1, 1);
        assertArrayEquals(next1.x(), next2.x());
    }
}
