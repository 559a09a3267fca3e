/**
 * Choosing which training examples to fine-tune on: the selection problem over sentence embeddings
 * ({@link org.qtune.select.SelectionProblem}: relevance to a task anchor against redundancy, exactly
 * k chosen) and its solvers: QAOA on the state-vector simulator ({@link org.qtune.select.QuboQaoa},
 * an XY mixer from a Dicke state or a penalty), simulated annealing ({@link
 * org.qtune.select.Annealing}), and the classical baselines with the brute-force optimum ({@link
 * org.qtune.select.Selectors}). Pure Java over arrays; the Spark job that embeds the candidates and
 * solves blocks on executors lives in {@code spark-jobs}.
 */
package org.qtune.select;
