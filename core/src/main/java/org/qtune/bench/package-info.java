/**
 * Benchmarks of the simulator (not tests): {@link org.qtune.bench.SimulatorBenchmark} measures gate
 * throughput against a memory-bandwidth probe ({@link org.qtune.bench.MemoryBandwidth}) and the
 * hardware-efficient ansatz fused and unfused; {@code qtune bench} runs it and docs/BENCHMARKS.md
 * records the figures with the command that produced them.
 */
package org.qtune.bench;
