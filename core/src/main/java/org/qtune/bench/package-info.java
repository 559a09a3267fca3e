/**
 * Benchmarks of the simulators (not tests): {@link org.qtune.bench.SimulatorBenchmark} measures gate
 * throughput against a memory-bandwidth probe ({@link org.qtune.bench.MemoryBandwidth}) and the
 * hardware-efficient ansatz fused and unfused; {@link org.qtune.bench.SmallCircuitBenchmark} the
 * batched simulator of small circuits against the single-state path. {@code qtune bench} runs them
 * and docs/BENCHMARKS.md records the figures with the commands that produced them.
 */
package org.qtune.bench;
