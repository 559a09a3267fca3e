/**
 * Fine-tuning a transformer on a task, as plain computation without Spark: what is trained
 * ({@link org.qtune.finetune.Method}: nothing, a classification head, or LoRA adapters), examples
 * tokenized for the model ({@link org.qtune.finetune.TokenizedExample}), and the {@link
 * org.qtune.finetune.Worker} that computes one micro-batch's loss and trainable-parameter gradient, or
 * its evaluation (loss, accuracy and F1, or exact match of greedy answers), as {@link
 * org.qtune.finetune.Sums} that add up in a fixed order. {@link org.qtune.finetune.FineTuneModel}
 * holds the frozen base model that every worker of a JVM shares. A Spark job spreads micro-batches
 * over executors; the in-process {@link org.qtune.finetune.LocalSteps} is the reference it is tested
 * against.
 */
package org.qtune.finetune;
