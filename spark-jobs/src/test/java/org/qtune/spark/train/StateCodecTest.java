package org.qtune.spark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtune.optim.CmaEs;
import org.qtune.optim.Evaluation;
import org.qtune.optim.EvaluationRequest;
import org.qtune.optim.OptimizerState;

class StateCodecTest {
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
            OptimizerState back = StateCodec.decode(StateCodec.encode(s));
            assertNotSame(s, back);
            assertEquals(s, back, generations + " generations");
            assertEquals(s.hashCode(), back.hashCode());
            assertEquals(generations, back.iteration());
        }
        // the flags and NaNs too: a stalled state, and the start state's NaN value
        CmaEs.State s = cmaesState(3);
        CmaEs.State stalled = new CmaEs.State(s.mean(), s.sigma(), s.covariance(), s.sigmaPath(), s.covariancePath(),
                s.axes(), s.scales(), s.decomposedAt(), s.iteration(), s.evaluations(), s.best(), s.value(), true);
        assertEquals(stalled, StateCodec.decode(StateCodec.encode(stalled)));
        assertTrue(Double.isNaN(StateCodec.decode(StateCodec.encode(cmaesState(0))).value()));
    }

    @Test
    void aTruncatedOrInconsistentCmaesStateIsAnIoError() {
        byte[] bytes = StateCodec.encode(cmaesState(5));
        assertThrows(IOException.class, () -> StateCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        // a covariance that claims 4 rows for a 5-dimensional mean
        CmaEs.State s = cmaesState(2);
        byte[] good = StateCodec.encode(s);
        // the covariance's row count follows the tag and five arrays of 5 doubles
        int at = 2 + "cmaes".length() + 5 * (4 + 5 * 8);
        assertEquals(5, java.nio.ByteBuffer.wrap(good, at, 4).getInt());
        byte[] bad = good.clone();
        java.nio.ByteBuffer.wrap(bad, at, 4).putInt(4);
        assertThrows(IOException.class, () -> StateCodec.decode(bad));
    }
}
