/**
 * Classical optimizers with an ask/tell interface over plain {@code double[]} points: the optimizer
 * proposes the points it needs evaluated, the caller evaluates them however it likes (in process, or
 * as one Spark job) and tells the results, getting an immutable new state. Adam, momentum SGD, SPSA,
 * L-BFGS and CMA-ES (a whole population per ask; its covariance eigendecomposition is Commons
 * Math's); each has its own {@link org.qtune.optim.StateCodec}
 * (versioned binary, defined beside its state) for checkpoints. The vocabulary of a run also lives
 * here: {@link org.qtune.optim.ConvergenceCheck} (the stop rules the training loop applies; the
 * Commons Math adapters in {@code optim.commons} map its value tolerance onto Commons' own
 * checker) and the status-carrying {@link org.qtune.optim.OptimizationResult}. The loop that drives
 * an optimizer is {@code org.qtune.train}'s; this package does not depend on it.
 */
package org.qtune.optim;
