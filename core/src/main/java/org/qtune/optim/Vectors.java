package org.qtune.optim;

/** Small dense vector helpers for the optimizers (new arrays returned; arguments unmodified). */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** a + s * b. */
    static double[] axpy(double[] a, double s, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += s * b[i];
        }
        return c;
    }

    static double[] subtract(double[] a, double[] b) {
        return axpy(a, -1, b);
    }

    static double[] scale(double[] a, double s) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] *= s;
        }
        return c;
    }
}
