package org.qtune.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateCodecTest {
    static final StateCodec<CmaEs.State> CMAES = new CmaEs(0.4, 6).codec();

    /** A CMA-ES state some generations into a run on an ellipsoid, so every field is non-trivial. */
    static CmaEs.State cmaesState(int generations) {
        CmaEs opt = new CmaEs(0.4, 6);
        OptimizerState s = opt.start(new double[] {0.5, -0.25, 1, 0.125, -2});
        for (int g = 0; g < generations; g++) {
            List<Evaluation> told = new ArrayList<>();
            for (EvaluationRequest r : opt.ask(s)) {
                double[] x = r.point();
                double f = 0;
                for (int i = 0; i < x.length; i++) {
                    f += Math.pow(10, i) * x[i] * x[i] + (i > 0 ? x[i] * x[i - 1] : 0);
                }
                told.add(Evaluation.of(f));
            }
            s = opt.tell(s, told);
        }
        return (CmaEs.State) s;
    }

    @Test
    void cmaesStatesSurviveEncodeAndDecodeBitForBit() throws IOException {
        for (int generations : new int[] {0, 1, 7, 40}) {
            CmaEs.State s = cmaesState(generations);
            OptimizerState back = CMAES.decode(CMAES.encode(s));
            assertNotSame(s, back);
            assertEquals(s, back, generations + " generations");
            assertEquals(s.hashCode(), back.hashCode());
            assertEquals(generations, back.iteration());
        }
        // the flags and NaNs too: a stalled state, and the start state's NaN value
        CmaEs.State s = cmaesState(3);
        CmaEs.State stalled = new CmaEs.State(s.mean(), s.sigma(), s.covariance(), s.sigmaPath(), s.covariancePath(),
                s.axes(), s.scales(), s.decomposedAt(), s.iteration(), s.evaluations(), s.best(), s.value(), true);
        assertEquals(stalled, CMAES.decode(CMAES.encode(stalled)));
        assertTrue(Double.isNaN(CMAES.decode(CMAES.encode(cmaesState(0))).value()));
    }

    @Test
    void aTruncatedOrInconsistentCmaesStateIsAnIoError() {
        byte[] bytes = CMAES.encode(cmaesState(5));
        assertThrows(IOException.class, () -> CMAES.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        // a covariance that claims 4 rows for a 5-dimensional mean
        CmaEs.State s = cmaesState(2);
        byte[] good = CMAES.encode(s);
        // the covariance's row count follows the tag, the format version and five arrays of 5 doubles
        int at = 2 + "cmaes".length() + 4 + 5 * (4 + 5 * 8);
        assertEquals(5, java.nio.ByteBuffer.wrap(good, at, 4).getInt());
        byte[] bad = good.clone();
        java.nio.ByteBuffer.wrap(bad, at, 4).putInt(4);
        assertThrows(IOException.class, () -> CMAES.decode(bad));
    }

    static Stream<Supplier<Optimizer>> optimizers() {
        return Stream.of(() -> new Adam(0.05), () -> new MomentumSgd(0.02, 0.8), () -> Spsa.calibrated(11), Lbfgs::new,
                () -> new CmaEs(0.3, 11));
    }

    /** Every state of a short run on the bowl (line-search states and the start state included). */
    static List<OptimizerState> states(Optimizer opt) {
        List<OptimizerState> out = new ArrayList<>();
        OptimizerState s = opt.start(new double[] {1, -0.5, 0.25, 2});
        out.add(s);
        for (int i = 0; i < 12; i++) {
            s = opt.tell(s, evaluate(opt.ask(s)));
            out.add(s);
        }
        return out;
    }

    static List<Evaluation> evaluate(List<EvaluationRequest> asked) {
        List<Evaluation> told = new ArrayList<>();
        for (EvaluationRequest r : asked) {
            told.add(OptimizerTest.BOWL.evaluate(r.point(), r.needsGradient()));
        }
        return told;
    }

    @SuppressWarnings("unchecked")
    static StateCodec<OptimizerState> codec(Optimizer opt) {
        return (StateCodec<OptimizerState>) opt.codec();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizersStatesRoundTripBitForBitAndContinueTheSameRun(Supplier<Optimizer> make) throws IOException {
        Optimizer opt = make.get();
        assertEquals(opt.name(), opt.codec().optimizer());
        for (OptimizerState s : states(opt)) {
            byte[] bytes = opt.codec().encode(s);
            OptimizerState back = opt.codec().decode(bytes);
            assertNotSame(s, back);
            assertEquals(s.getClass(), back.getClass());
            assertTrue(Arrays.equals(bytes, opt.codec().encode(back)), "re-encoded bytes differ at " + s);
            assertTrue(Arrays.equals(s.x(), back.x()));
            assertEquals(s.iteration(), back.iteration());
            assertEquals(s.evaluations(), back.evaluations());
            assertEquals(Double.doubleToLongBits(s.value()), Double.doubleToLongBits(back.value()));
            assertEquals(Double.doubleToLongBits(s.gradientNorm()), Double.doubleToLongBits(back.gradientNorm()));
            assertEquals(s.stalled(), back.stalled());
            // the decoded state goes on exactly as the original: same asks, same next state
            OptimizerState next = opt.tell(s, evaluate(opt.ask(s)));
            OptimizerState nextBack = opt.tell(back, evaluate(opt.ask(back)));
            assertTrue(Arrays.equals(opt.codec().encode(next), opt.codec().encode(nextBack)));
        }
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aTruncatedStateAtAnyLengthOrTrailingBytesAreAnIoError(Supplier<Optimizer> make) {
        Optimizer opt = make.get();
        List<OptimizerState> states = states(opt);
        byte[] bytes = opt.codec().encode(states.get(states.size() - 1));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(IOException.class, () -> opt.codec().decode(cut), n + " of " + bytes.length + " bytes");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        IOException e = assertThrows(IOException.class, () -> opt.codec().decode(longer));
        assertTrue(e.getMessage().contains("after its end"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void anotherOptimizersStateIsAClearIoErrorNotAClassCastException(Supplier<Optimizer> make) {
        Optimizer opt = make.get();
        optimizers().map(Supplier::get).filter(o -> !o.name().equals(opt.name())).forEach(other -> {
            byte[] foreign = other.codec().encode(states(other).get(3));
            IOException e = assertThrows(IOException.class, () -> opt.codec().decode(foreign));
            assertEquals("a state of optimizer '" + other.name() + "', not of " + opt.name(), e.getMessage());
            OptimizerState state = states(other).get(3);
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                    () -> codec(opt).encode(state));
            assertTrue(wrong.getMessage().startsWith(opt.name() + " states are "), wrong.getMessage());
        });
    }

    @Test
    void garbageAndAnotherFormatVersionAreIoErrorsThatSaySo() throws IOException {
        StateCodec<?> adam = new Adam(0.1).codec();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[rnd.nextInt(0, 300)];
            for (int j = 0; j < junk.length; j++) {
                junk[j] = (byte) rnd.nextInt(256);
            }
            assertThrows(IOException.class, () -> adam.decode(junk));
        }
        IOException empty = assertThrows(IOException.class, () -> adam.decode(new byte[0]));
        assertEquals("not an optimizer state (no optimizer name at its start)", empty.getMessage());
        byte[] bytes = adam.encode(new Adam(0.1).start(new double[] {1, 2}));
        // the version follows the name: 2 bytes of length and "adam"
        assertEquals(1, java.nio.ByteBuffer.wrap(bytes, 6, 4).getInt());
        java.nio.ByteBuffer.wrap(bytes, 6, 4).putInt(7);
        IOException version = assertThrows(IOException.class, () -> adam.decode(bytes));
        assertEquals("adam state format version 7; this qtune reads version 1", version.getMessage());
        // moments whose length does not match x
        byte[] mismatched = adam.encode(new Adam.State(new double[] {1, 2}, new double[] {0}, new double[] {0, 0}, 0, 0,
                Double.NaN, Double.NaN));
        assertThrows(IOException.class, () -> adam.decode(mismatched));
    }
}
