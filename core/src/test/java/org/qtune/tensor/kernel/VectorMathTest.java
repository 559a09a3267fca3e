package org.qtune.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The lane exp against Math.exp (accuracy), and against the same arithmetic written as scalar Java
 * (bit for bit: scalar float arithmetic is exact IEEE in every JIT tier, so a lane result equal to
 * it is too, which is what makes training runs repeat).
 */
class VectorMathTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** VectorMath.exp's operations, one lane. */
    private static float expScalar(float x) {
        if (x < -87.33654f) {
            return Float.isNaN(x) ? x : 0f;
        }
        float c = Math.max(Math.min(x, 88.3762626647949f), -87.33654f);
        if (Float.isNaN(x)) {
            c = x;
        }
        float scaled = c * 1.44269504088896341f;
        int n = (int) (scaled + (scaled < 0f ? -0.5f : 0.5f));
        float nf = n;
        float r = c - nf * 0.693359375f - nf * -2.12194440e-4f;
        float p = ((((((r * 1.9875691500e-4f + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r
                + 1.6666665459e-1f) * r + 5.0000001201e-1f) * (r * r) + r) + 1f;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    private static float[] lanes(float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i + S.length() <= x.length; i += S.length()) {
            VectorMath.exp(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        return out;
    }

    @Test
    void withinTwoUlpOfMathExpAndBitForBitTheScalarFormula() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[S.length() * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (-87 + 175 * r.nextDouble());
        }
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 1f;
        x[3] = -1e-8f;
        float[] y = lanes(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(expScalar(x[i])), Float.floatToIntBits(y[i]), "x = " + x[i]);
            if (x[i] < 88.3f) {
                float want = (float) Math.exp(x[i]);
                assertTrue(Math.abs(y[i] - want) <= 2 * Math.ulp(want), "x = " + x[i] + ": " + y[i] + " vs " + want);
            }
        }
        assertEquals(1f, y[0]);
    }

    @Test
    void veryNegativeInputsAndMinusInfinityGiveZeroAndNaNStays() {
        float[] x = new float[S.length() * 2];
        java.util.Arrays.fill(x, Float.NEGATIVE_INFINITY);
        x[1] = -100f;
        x[2] = Float.NaN;
        x[3] = 1000f;
        float[] y = lanes(x);
        assertEquals(0f, y[0]);
        assertEquals(0f, y[1]);
        assertTrue(Float.isNaN(y[2]));
        assertTrue(y[3] > 1e38f && Float.isFinite(y[3]));
    }

    @Test
    void lanesAreSummedFirstToLast() {
        float[] x = new float[S.length()];
        x[0] = 1e8f;
        for (int i = 1; i < x.length; i++) {
            x[i] = 1f;
        }
        float want = 0;
        for (float v : x) {
            want += v;
        }
        assertEquals(want, VectorMath.sum(FloatVector.fromArray(S, x, 0)));
    }
}
