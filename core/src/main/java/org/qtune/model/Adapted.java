package org.qtune.model;

import java.util.Arrays;
import java.util.Map;

/**
 * A frozen linear layer and the adapter attached to it by path, as both passes run them: the base
 * product and then the adapter's update, forward and backward.
 */
final class Adapted {
    private Adapted() {
    }

    /** y := x W^T + b + delta(x). */
    static void forward(Map<String, LinearAdapter> adapters, Linear lin, float[] x, int rows, float[] y, boolean training) {
        lin.forward(x, rows, y);
        LinearAdapter a = adapters.get(lin.path());
        if (a != null) {
            a.forward(x, rows, y, training);
        }
    }

    /**
     * dx := dy W (+ dx when {@code accumulate}; the base term left out when {@code baseInput} is
     * false, where nothing below needs it), plus the adapter's share; the adapter's parameter
     * gradients accumulate.
     */
    static void backward(Map<String, LinearAdapter> adapters, Linear lin, float[] x, float[] dy, int rows, float[] dx,
                         boolean accumulate, boolean baseInput) {
        if (baseInput) {
            lin.backwardInput(dy, rows, dx, accumulate);
        } else if (!accumulate) {
            Arrays.fill(dx, 0, rows * lin.in(), 0f);
        }
        LinearAdapter a = adapters.get(lin.path());
        if (a != null) {
            a.backward(x, dy, rows, dx);
        }
    }

    /** y[0, n) += x[0, n) (a residual). */
    static void add(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += x[i];
        }
    }
}
