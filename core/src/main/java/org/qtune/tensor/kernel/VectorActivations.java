package org.qtune.tensor.kernel;

import static org.qtune.tensor.kernel.Activations.A1;
import static org.qtune.tensor.kernel.Activations.A2;
import static org.qtune.tensor.kernel.Activations.A3;
import static org.qtune.tensor.kernel.Activations.A4;
import static org.qtune.tensor.kernel.Activations.A5;
import static org.qtune.tensor.kernel.Activations.INV_SQRT2;
import static org.qtune.tensor.kernel.Activations.INV_SQRT_2PI;
import static org.qtune.tensor.kernel.Activations.P;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link Activations} (same formulas, lanes at a time; exp by {@link VectorMath},
 * the same bits compiled or not). Each returns how many leading elements it did; the caller finishes the tail.
 * Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorActivations() {
    }

    /** erf(v / sqrt 2), given e = exp(-v^2 / 2). */
    private static FloatVector erf(FloatVector v, FloatVector e) {
        FloatVector u = v.abs().mul(INV_SQRT2);
        FloatVector t = FloatVector.broadcast(S, 1f).div(u.mul(P).add(1f));
        FloatVector poly = t.mul(A5).add(A4).mul(t).add(A3).mul(t).add(A2).mul(t).add(A1).mul(t);
        FloatVector erf = poly.mul(e).neg().add(1f);
        return erf.blend(erf.neg(), v.lt(0f));
    }

    /** exp(-v^2 / 2). */
    private static FloatVector gauss(FloatVector v) {
        return VectorMath.exp(v.mul(v).mul(-0.5f));
    }

    static int gelu(float[] x, float[] y, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(0.5f).mul(erf(v, gauss(v)).add(1f)).intoArray(y, i);
        }
        return bound;
    }

    static int geluBackward(float[] x, float[] dy, float[] dx, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i), e = gauss(v);
            FloatVector cdf = erf(v, e).add(1f).mul(0.5f);
            cdf.add(v.mul(INV_SQRT_2PI).mul(e)).mul(FloatVector.fromArray(S, dy, i)).intoArray(dx, i);
        }
        return bound;
    }

    static int silu(float[] x, float[] y, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.div(VectorMath.exp(v.neg()).add(1f)).intoArray(y, i);
        }
        return bound;
    }

    static int siluBackward(float[] x, float[] dy, float[] dx, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector s = FloatVector.broadcast(S, 1f).div(VectorMath.exp(v.neg()).add(1f));
            s.mul(v.mul(s.neg().add(1f)).add(1f)).mul(FloatVector.fromArray(S, dy, i)).intoArray(dx, i);
        }
        return bound;
    }
}
