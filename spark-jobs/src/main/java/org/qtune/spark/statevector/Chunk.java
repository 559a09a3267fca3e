package org.qtune.spark.statevector;

/**
 * The amplitudes one partition holds: 2^L real and imaginary parts. Which chunk of the state it is
 * follows from the partition index and the layout's flip mask. Travels with Kryo
 * ({@link org.qtune.spark.kryo.QtuneKryoRegistrator}); never mutated once built, so Spark can recompute
 * or cache it safely.
 */
public final class Chunk {
    final double[] re;
    final double[] im;

    public Chunk(double[] re, double[] im) {
        if (re.length != im.length) {
            throw new IllegalArgumentException("re and im differ in length");
        }
        this.re = re;
        this.im = im;
    }

    public int length() {
        return re.length;
    }

    public double[] re() {
        return re;
    }

    public double[] im() {
        return im;
    }
}
