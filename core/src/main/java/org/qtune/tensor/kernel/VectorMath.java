package org.qtune.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and sums of float lanes that give the same bits whether the JIT has compiled the caller or
 * not. Why not the JDK's own: {@code lanewise(EXP)} runs an intrinsic vector math library once
 * compiled and a per-lane fallback before, which differ in the last bits, and
 * {@code reduceLanes(ADD)} may add lanes in any order. A training run whose micro-batches are
 * computed by threads or executors at different stages of warm-up would then not repeat bit for
 * bit. Everything here is lane-wise IEEE arithmetic (exact the same everywhere) and a fixed order.
 */
final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two (Cody and Waite) so that n ln 2 is subtracted without rounding error. */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** Below this exp is taken as 0 (2^-126 is the smallest normal float); above, inputs are clamped. */
    private static final float LOWEST = -87.33654f, HIGHEST = 88.3762626647949f;

    private VectorMath() {
    }

    /**
     * e^x lane by lane, within 2 ulp of the true value for inputs in [-87.3, 88.3]: x = n ln 2 + r
     * with |r| <= ln 2 / 2, e^r by Cephes' degree-7 polynomial, times 2^n built in the exponent
     * bits. Inputs below -87.3 (and -infinity) give 0, above 88.3 give e^88.3; NaN stays NaN.
     */
    static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> s = x.species();
        VectorMask<Float> under = x.lt(LOWEST);
        FloatVector c = x.min(HIGHEST).max(LOWEST);
        FloatVector scaled = c.mul(LOG2E);
        FloatVector half = FloatVector.broadcast(s, 0.5f).blend(FloatVector.broadcast(s, -0.5f), scaled.lt(0f));
        IntVector n = (IntVector) scaled.add(half).convert(VectorOperators.F2I, 0);
        FloatVector nf = (FloatVector) n.convert(VectorOperators.I2F, 0);
        FloatVector r = c.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r)
                .add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f).mul(r.mul(r)).add(r)
                .add(1f);
        FloatVector pow2 = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(pow2).blend(0f, under);
    }

    /** The lanes' sum, added from the first lane to the last. */
    static float sum(FloatVector v) {
        float s = 0;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
