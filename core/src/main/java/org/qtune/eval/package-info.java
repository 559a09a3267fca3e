/**
 * Evaluation of one circuit at many parameter rows: {@link org.qtune.eval.RowEvaluator} runs rows
 * through the batched simulator of {@link org.qtune.sim.batch} and returns readouts, values and, if
 * asked, gradients by the batched adjoint or by parameter shift ({@link org.qtune.grad.ShiftPlan}).
 * It sits above both {@code sim} and {@code grad}, so that neither needs the other's batch code. Behind
 * {@code qtune sweep}, in one JVM or in each Spark task.
 */
package org.qtune.eval;
