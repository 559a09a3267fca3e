package org.qtune.spark.statevector;

/**
 * Part of a chunk in flight during a remap: the amplitudes of source chunk {@code sourceChunk} whose
 * swapped local bits equal the destination's, in ascending order of their remaining bits, starting at
 * position {@code offset} of that order (a large share is cut into several pieces so that no record
 * exceeds the serializer's buffer).
 */
public final class Piece {
    final int sourceChunk;
    final int offset;
    final double[] re;
    final double[] im;

    public Piece(int sourceChunk, int offset, double[] re, double[] im) {
        this.sourceChunk = sourceChunk;
        this.offset = offset;
        this.re = re;
        this.im = im;
    }

    public int sourceChunk() {
        return sourceChunk;
    }

    public int offset() {
        return offset;
    }

    public double[] re() {
        return re;
    }

    public double[] im() {
        return im;
    }

    /** Bytes of amplitude data carried. */
    public long bytes() {
        return 16L * re.length;
    }
}
