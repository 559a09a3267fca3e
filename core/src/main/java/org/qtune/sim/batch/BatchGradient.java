package org.qtune.sim.batch;

/**
 * The gradient of a batched objective L = sum_b sum_j w[j][b] <O_j>_b: for a shared parameter p its
 * derivative summed over the batch ({@code shared[p]}), for a per-member parameter every member's own
 * derivative ({@code perMember[p][b]}; null for shared parameters). {@code readouts[j][b]} are the
 * values <O_j>_b the gradient was taken at.
 */
public record BatchGradient(double[] shared, double[][] perMember, double[][] readouts) {
}
