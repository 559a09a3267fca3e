/**
 * What a run will need, known before it starts: {@link org.qtune.resources.MemoryEstimate} adds up
 * the bytes of a run's large parts (state vectors, batches of states, circuits, samples) from their
 * sizes alone, and {@link org.qtune.resources.MemoryBudget} compares that with the memory a place
 * offers (this JVM's heap, a Spark executor's share) and refuses, with what to change, a run that
 * cannot fit. Depends on nothing else in qtune, so every layer can ask before it allocates.
 */
package org.qtune.resources;
