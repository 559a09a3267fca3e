/**
 * Generators of the low-rank update of a frozen linear layer beyond classical LoRA
 * ({@code model.lora}): the building blocks of the QTHA family (a tensor-train matrix,
 * {@link org.qtune.adapter.Mpo}, with its mode rule {@link org.qtune.adapter.MpoModes}; the per-token
 * circuits of {@code qnn}; the linear fusion) and of Quantum-Train. Each plugs into a model pass as a
 * {@link org.qtune.model.LinearAdapter}: forward, backward, parameter count. {@link
 * org.qtune.adapter.CircuitMode} says how the circuits are evaluated: exactly with the adjoint, by the
 * parameter-shift rule, or from N-shot estimates as a device would give them.
 */
package org.qtune.adapter;
