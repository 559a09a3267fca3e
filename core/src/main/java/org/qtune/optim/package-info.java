/**
 * Classical optimizers with an ask/tell interface over plain {@code double[]} points: the optimizer
 * proposes the points it needs evaluated, the caller evaluates them however it likes (in process, or
 * as one Spark job) and tells the results, getting an immutable new state. Adam, momentum SGD, SPSA,
 * L-BFGS and CMA-ES (a whole population per ask; its covariance eigendecomposition is Commons Math's);
 * {@link org.qtune.optim.Minimizer} is the in-process loop with a
 * {@link org.qtune.optim.ConvergenceCheck} and a status-carrying {@link org.qtune.optim.OptimizationResult}.
 */
package org.qtune.optim;
