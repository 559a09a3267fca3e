/**
 * The circuit model: {@link org.qtune.circuit.Gate} (the gate set with its matrices and conventions),
 * immutable {@link org.qtune.circuit.Operation}s and {@link org.qtune.circuit.Circuit}s, symbolic
 * {@link org.qtune.circuit.Parameter}s with affine expressions, and observables
 * ({@link org.qtune.circuit.PauliString}, {@link org.qtune.circuit.PauliSum}). No simulation here.
 */
package org.qtune.circuit;
