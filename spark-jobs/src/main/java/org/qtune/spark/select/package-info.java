/**
 * The selection problem's work on executors: sentence embeddings of the candidates (each executor
 * loads the encoder once), QAOA on blocks of a decomposed problem (one task per block), and seeded
 * annealing restarts (one task per restart). Each returns its results in a fixed order, so a
 * choice does not depend on the number of partitions. The problem and solvers are {@code select}'s.
 */
package org.qtune.spark.select;
