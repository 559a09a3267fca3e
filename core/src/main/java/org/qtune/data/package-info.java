/**
 * Training data as plain values, without Spark: examples of the two kinds a fine-tuning task has
 * ({@link org.qtune.data.LabeledText} for classification, {@link org.qtune.data.PromptAnswer} for
 * generation), the JSON-lines rows they are read from ({@link org.qtune.data.JsonLinesRows}, every bad
 * row named by file and line), seeded splits ({@link org.qtune.data.Splits}), the seeded generator of
 * arithmetic word problems ({@link org.qtune.data.ArithmeticProblems}) and the sampler that decides
 * which fixed micro-batches of examples each training step uses ({@link org.qtune.data.MicroBatches}),
 * the same whatever the number of partitions the examples are spread over.
 */
package org.qtune.data;
