package org.qtune.sim.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qtune.circuit.Circuit;
import org.qtune.circuit.Gate;
import org.qtune.circuit.Parameter;
import org.qtune.circuit.ParameterExpression;
import org.qtune.circuit.PauliString;
import org.qtune.circuit.PauliSum;

/**
 * A compiled plan holds nothing a run changes: threads that share one plan (and one adjoint), each
 * with its own workspace and states, get exactly what one thread gets alone.
 */
class BatchPlanTest {
    /**
     * Shared rotations and rings (fused into blocks and phase tables), and per-member u3, u2 and cu3
     * (per-member matrices through the scalar trig, whose numbers do not depend on the JIT).
     */
    static Circuit mixedCircuit(int n) {
        Circuit.Builder b = Circuit.builder(n);
        int k = 0;
        for (int layer = 0; layer < 3; layer++) {
            for (int q = 0; q < n; q++) {
                b.add(Gate.RY, Parameter.of("w" + k++), q).add(Gate.RZ, Parameter.of("w" + k++), q);
            }
            for (int q = 0; q < n; q++) {
                b.add(Gate.CRZ, Parameter.of("w" + k++), q, (q + 1) % n);
            }
            for (int q = 0; q < n; q++) {
                b.add(Gate.U3, args("x" + q, "w" + k++, "y" + q), q);
            }
            b.add(Gate.U2, args("y0", "x1"), 1);
            b.add(Gate.CU3, args("x2", "w" + k++, "y3"), 0, 2);
            b.add(Gate.CX, 0, 1).add(Gate.RZZ, Parameter.of("w" + k++), 2, 3);
        }
        return b.build();
    }

    static ParameterExpression[] args(String... names) {
        ParameterExpression[] out = new ParameterExpression[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = ParameterExpression.of(Parameter.of(names[i]));
        }
        return out;
    }

    static List<String> inputs(Circuit c) {
        List<String> out = new ArrayList<>();
        for (Parameter p : c.parameters()) {
            if (!p.name().startsWith("w")) {
                out.add(p.name());
            }
        }
        return out;
    }

    static BatchParameters parameters(BatchPlan plan, int batch, long seed) {
        BatchParameters p = new BatchParameters(batch, plan.circuit().numParameters());
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int j = 0; j < plan.circuit().numParameters(); j++) {
            if (plan.isPerMember(j)) {
                p.perMember(j, rnd.doubles(batch, -Math.PI, Math.PI).toArray());
            } else {
                p.shared(j, rnd.nextDouble(-Math.PI, Math.PI));
            }
        }
        return p;
    }

    /** One result as plain numbers: every member's amplitudes, or a gradient's arrays, flattened. */
    static double[] flatten(double[][]... parts) {
        List<Double> all = new ArrayList<>();
        for (double[][] part : parts) {
            for (double[] row : part) {
                if (row != null) {
                    for (double v : row) {
                        all.add(v);
                    }
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] amplitudes(BatchState s) {
        double[][] members = new double[2 * s.batch()][];
        for (int b = 0; b < s.batch(); b++) {
            members[2 * b] = s.member(b).re();
            members[2 * b + 1] = s.member(b).im();
        }
        return flatten(members);
    }

    /** Runs each task on its own thread, all released at once, many times over; returns the last results. */
    static List<double[]> concurrently(List<Callable<double[]>> tasks, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<double[]> last = null;
            for (int r = 0; r < rounds; r++) {
                CyclicBarrier start = new CyclicBarrier(tasks.size());
                List<Future<double[]>> fs = new ArrayList<>();
                for (Callable<double[]> t : tasks) {
                    fs.add(pool.submit(() -> {
                        start.await();
                        return t.call();
                    }));
                }
                List<double[]> out = new ArrayList<>();
                for (Future<double[]> f : fs) {
                    out.add(f.get());
                }
                last = out;
            }
            return last;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void onePlanRunOnTwoThreadsWithTheirOwnWorkspacesGivesWhatOneThreadGetsBitForBit() throws Exception {
        Circuit c = mixedCircuit(5);
        BatchPlan plan = BatchPlan.compile(c, inputs(c), 4);
        int batch = 200;
        BatchParameters pa = parameters(plan, batch, 1), pb = parameters(plan, batch, 2);
        try (BatchProgram program = BatchProgram.of(plan, 1)) {
            double[] alone0 = amplitudes(program.run(pa)), alone1 = amplitudes(program.run(pb));
            BatchWorkspace w0 = new BatchWorkspace(plan, batch, 1), w1 = new BatchWorkspace(plan, batch, 1);
            BatchState s0 = BatchState.zero(5, batch), s1 = BatchState.zero(5, batch);
            List<double[]> both = concurrently(List.of(
                    () -> {
                        program.run(pa, s0, w0);
                        return amplitudes(s0);
                    },
                    () -> {
                        program.run(pb, s1, w1);
                        return amplitudes(s1);
                    }), 20);
            assertArrayEquals(alone0, both.get(0), 0);
            assertArrayEquals(alone1, both.get(1), 0);
        }
    }

    @Test
    void oneAdjointCalledFromTwoThreadsAtOnceGivesWhatOneThreadGetsBitForBit() throws Exception {
        Circuit c = mixedCircuit(4);
        List<PauliString> readouts = List.of(PauliSum.parse("Z0").terms().get(0).pauli(),
                PauliSum.parse("X1 Y3").terms().get(0).pauli());
        int batch = 130;
        try (BatchProgram program = BatchProgram.compile(c, inputs(c), 4, 1)) {
            BatchAdjoint adjoint = new BatchAdjoint(program);
            BatchParameters pa = parameters(program.plan(), batch, 3), pb = parameters(program.plan(), batch, 4);
            SplittableRandom rnd = new SplittableRandom(5);
            double[][] upstream = {rnd.doubles(batch, -1, 1).toArray(), rnd.doubles(batch, -1, 1).toArray()};
            BatchGradient ga = adjoint.compute(pa, readouts, upstream), gb = adjoint.compute(pb, readouts, upstream);
            double[] alone0 = flatten(new double[][] {ga.shared()}, ga.perMember(), ga.readouts());
            double[] alone1 = flatten(new double[][] {gb.shared()}, gb.perMember(), gb.readouts());
            List<double[]> both = concurrently(List.<Callable<double[]>>of(
                    () -> {
                        BatchGradient g = adjoint.compute(pa, readouts, upstream);
                        return flatten(new double[][] {g.shared()}, g.perMember(), g.readouts());
                    },
                    () -> {
                        BatchGradient g = adjoint.compute(pb, readouts, upstream);
                        return flatten(new double[][] {g.shared()}, g.perMember(), g.readouts());
                    }), 20);
            assertEquals(alone0.length, both.get(0).length);
            assertArrayEquals(alone0, both.get(0), 0);
            assertArrayEquals(alone1, both.get(1), 0);
        }
    }
}
